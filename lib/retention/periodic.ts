// A periodic task started in this app process (lib/retention/schedule.ts elects which instance
// runs each period): started once, however often the server's start-up code runs, logged the same
// way for every task.
import { connection } from '@/lib/db'
import { log } from '@/lib/log'
import { every, type Schedule } from './schedule'

/** Checking is one cheap UPDATE; checking often keeps the period close to what was asked. */
const CHECK_MS = 5 * 60_000

const shared = globalThis as typeof globalThis & { colloquySchedules?: Map<string, Schedule> }

export interface PeriodicTask {
  task: string
  intervalMs: number
  run: () => Promise<Record<string, unknown>>
  /** Logged with the run's outcome and duration after each run; nothing is logged without it. */
  done?: string
  /** What failed, as in "Digest run": the next period tries again. */
  failing: string
}

export function startPeriodic({ task, intervalMs, run, done, failing }: PeriodicTask): void {
  const schedules = (shared.colloquySchedules ??= new Map())
  if (schedules.has(task)) return
  const logged = async () => {
    const started = Date.now()
    const outcome = await run()
    if (done) log.info({ task, ...outcome, ms: Date.now() - started }, done)
    return outcome
  }
  schedules.set(
    task,
    every(
      () => connection().pool,
      task,
      intervalMs,
      Math.min(intervalMs, CHECK_MS),
      logged,
      (error) => log.warn({ err: error, task }, `${failing} failed; the next period tries again`),
    ),
  )
}
