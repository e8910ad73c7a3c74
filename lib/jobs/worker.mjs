// The entry of every job worker thread. Task modules are TypeScript, loaded through tsx, so a job
// runs the very source the app runs without a build step of its own. A task's refusal (an error
// with an HTTP status, such as Invalid) comes back as data: class identity does not cross threads.
import { pathToFileURL } from 'node:url'
import { register } from 'tsx/esm/api'

register()

/** Each registry module (the app's, or a test's) is imported once per thread. */
const registries = new Map()

async function taskOf(registry, name) {
  let tasks = registries.get(registry)
  if (!tasks) {
    tasks = (await import(pathToFileURL(registry).href)).TASKS
    registries.set(registry, tasks)
  }
  const load = tasks?.[name]
  if (typeof load !== 'function') throw new Error(`No job task is named “${name}”.`)
  return (await load()).default
}

export default async function runTask({ registry, name, input, started }) {
  const task = await taskOf(registry, name)
  // The runner's time budget starts now, not while this thread was booting or loading modules.
  Atomics.store(started, 0, 1)
  Atomics.notify(started, 0)
  try {
    return { ok: true, value: await task(input) }
  } catch (error) {
    const status = error?.status
    if (error instanceof Error && typeof status === 'number' && status >= 400 && status < 500) {
      return { ok: false, status, message: error.message, fieldErrors: error.fieldErrors ?? {} }
    }
    throw error
  }
}
