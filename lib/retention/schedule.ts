// A periodic task that runs once per period across every app instance on the database. Each
// instance checks on a timer; the first to claim the period (one UPDATE of the task's row in
// SystemState, which row locking serializes) runs it, the others find it claimed. Plain
// statements in short transactions, so it works through a pooler in transaction mode too.
import { randomUUID } from 'node:crypto'
import type { Queryable } from './prune'

const instance = randomUUID()

/**
 * Claims the current period of `task` when its last run started at least `intervalMs` ago.
 * True for exactly one caller per period, whichever instance it is in.
 */
export async function claimPeriod(db: Queryable, task: string, intervalMs: number): Promise<boolean> {
  const key = `schedule:${task}`
  await db.query(
    `INSERT INTO "SystemState" (key, value, "updatedAt") VALUES ($1, '{}', 'epoch') ON CONFLICT (key) DO NOTHING`,
    [key],
  )
  const { rowCount } = await db.query(
    `UPDATE "SystemState" SET "updatedAt" = now() AT TIME ZONE 'UTC', value = jsonb_build_object('claimedBy', $2::text)
     WHERE key = $1 AND "updatedAt" <= (now() AT TIME ZONE 'UTC') - make_interval(secs => $3::float8 / 1000)`,
    [key, instance, intervalMs],
  )
  return rowCount === 1
}

/** Records how the last run went, for operators (`SELECT * FROM "SystemState"`). */
export async function recordOutcome(db: Queryable, task: string, outcome: Record<string, unknown>): Promise<void> {
  await db.query(`UPDATE "SystemState" SET value = value || $2::jsonb WHERE key = $1`, [
    `schedule:${task}`,
    JSON.stringify({ ...outcome, finishedAt: new Date().toISOString() }),
  ])
}

export interface Schedule {
  stop: () => void
}

/** Checks every `checkMs` (with jitter, so instances do not all ask at once) and runs `run` when its period is claimed. */
export function every(
  db: () => Queryable,
  task: string,
  intervalMs: number,
  checkMs: number,
  run: () => Promise<Record<string, unknown>>,
  onError: (error: unknown) => void,
): Schedule {
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const tick = async () => {
    try {
      if (await claimPeriod(db(), task, intervalMs)) await recordOutcome(db(), task, await run())
    } catch (error) {
      onError(error)
    }
    if (!stopped) timer = setTimeout(() => void tick(), checkMs * (0.75 + Math.random() / 2)).unref()
  }
  timer = setTimeout(() => void tick(), checkMs * Math.random()).unref()
  return {
    stop: () => {
      stopped = true
      clearTimeout(timer)
    },
  }
}
