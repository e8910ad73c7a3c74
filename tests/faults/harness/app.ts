// One Colloquy app instance: `next start` on the production build, the way scripts/start.ts runs
// it, on a port of its own against the given database. It can be killed and started again.
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { anyFreePort } from '../../../scripts/ports'
import { recordProcess } from './processes'

const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
const READY_WITHIN_MS = 90_000

export interface AppInstance {
  url: string
  /** Resolves once the instance answers /api/health with 200 (which needs its database). */
  ready: () => Promise<void>
  alive: () => boolean
  /** Ends the process at once (no shutdown hooks, open requests cut), and waits until it is gone. */
  kill: () => Promise<void>
  /** Starts it again on the same port, and waits until it answers. */
  start: () => Promise<void>
  stop: () => Promise<void>
}

/** Spawns the instance; it boots while the caller prepares the database. */
export async function launchApp(options: {
  name: string
  dir: string
  runDir: string
  databaseUrl: string
  authSecret: string
  env?: Record<string, string>
}): Promise<AppInstance> {
  const port = await anyFreePort()
  const url = `http://127.0.0.1:${port}`
  const log = createWriteStream(join(options.dir, `${options.name}.log`), { flags: 'a' })
  let child: ChildProcess | undefined
  let exited: Promise<void> = Promise.resolve()

  const spawnServer = () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: options.authSecret,
      NEXTAUTH_SECRET: options.authSecret,
      NEXTAUTH_URL: url,
      PORT: String(port),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      ...options.env,
    }
    // Next's own binary, not npx, so the pid is the server's and a kill reaches it.
    const spawned = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = spawned
    recordProcess(options.runDir, spawned.pid!, 'app')
    exited = new Promise((resolve) => spawned.once('exit', () => resolve()))
    spawned.stdout!.pipe(log, { end: false })
    spawned.stderr!.pipe(log, { end: false })
  }

  const ready = async () => {
    const deadline = Date.now() + READY_WITHIN_MS
    for (;;) {
      if (!child || child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${options.name} exited while starting; see ${options.name}.log`)
      const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined)
      if (health?.ok) return
      if (Date.now() > deadline)
        throw new Error(`${options.name} did not answer /api/health within ${READY_WITHIN_MS} ms`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  const signal = async (name: NodeJS.Signals, graceMs: number) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    child.kill(name)
    const gone = await Promise.race([
      exited.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), graceMs)),
    ])
    if (!gone) {
      child.kill('SIGKILL')
      await exited
    }
  }

  spawnServer()
  return {
    url,
    ready,
    alive: () => Boolean(child && child.exitCode === null && child.signalCode === null),
    kill: () => signal('SIGKILL', 10_000),
    start: async () => {
      spawnServer()
      await ready()
    },
    stop: async () => {
      await signal('SIGTERM', 5_000)
      log.end()
    },
  }
}
