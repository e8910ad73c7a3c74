// A fault scenario's cast: its own database with the demo seminar, app instances sharing one
// AUTH_SECRET (so a session cookie works on each), and everything it started ended afterwards,
// last started first, whatever happened in the test.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'
import { launchApp, type AppInstance } from './app'
import { createDatabase, type FaultDatabase, type Seminar } from './database'

const cleanups: (() => Promise<unknown>)[] = []

export function onCleanup(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup)
}

/** Runs every cleanup (each bounded), newest first; call from afterEach. */
export async function cleanUp(): Promise<void> {
  const errors: unknown[] = []
  for (const cleanup of cleanups.splice(0).reverse()) {
    const bounded = Promise.race([
      cleanup(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('cleanup took over 20 s')), 20_000).unref()),
    ])
    await bounded.catch((error: unknown) => errors.push(error))
  }
  if (errors.length) throw new AggregateError(errors, 'Cleaning up a fault scenario failed')
}

export interface Scenario {
  db: FaultDatabase & { seminar: Seminar }
  apps: AppInstance[]
  /** The last lines an app wrote, for failure messages. */
  logTail: (app: string, lines?: number) => string
}

export async function startScenario(name: string, appNames: string[]): Promise<Scenario> {
  const runDir = inject('faultsDir')
  const dir = join(runDir, `${name}-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  const startedAt = Date.now()
  const db = await createDatabase({ dir, template: join(runDir, 'template'), runDir }) // made by global-setup.ts
  onCleanup(db.close)
  const authSecret = randomBytes(32).toString('base64url')
  const apps: AppInstance[] = []
  // The instances boot while the database starts, migrates and seeds.
  for (const appName of appNames) {
    const app = await launchApp({ name: appName, dir, runDir, databaseUrl: db.url, authSecret })
    onCleanup(app.stop)
    apps.push(app)
  }
  const seminar = await db.prepare()
  const seeded = Date.now()
  await Promise.all(apps.map((app) => app.ready()))
  console.log(
    `[faults] ${name}: database seeded after ${seeded - startedAt} ms, ${apps.length} app(s) ready after ${Date.now() - startedAt} ms`,
  )
  const logTail = (app: string, lines = 30) => {
    try {
      return readFileSync(join(dir, `${app}.log`), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(-lines)
        .join('\n')
    } catch {
      return '(no log)'
    }
  }
  return { db: { ...db, seminar }, apps, logTail }
}

/** Distinct passages of a text (single words of three letters or more), as [start, end). */
export function passagesOf(text: string): { start: number; end: number }[] {
  return [...text.matchAll(/\p{L}{3,}/gu)].map((match) => ({ start: match.index, end: match.index + match[0].length }))
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until `check` returns true, polling; throws with `what` after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<number> {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`Gave up after ${ms} ms waiting until ${what}`)
    await sleep(20)
  }
  return Date.now() - started
}
