// The retention schedule of one app process: prune old live events and sign-in attempts once per
// RETENTION_INTERVAL_MINUTES across all instances (see schedule.ts).
import { connection } from '@/lib/db'
import { retentionIntervalMinutes } from '@/lib/env'
import { log } from '@/lib/log'
import { retentionRules } from './policy'
import { pruneOldRows } from './prune'
import { every, type Schedule } from './schedule'

const shared = globalThis as typeof globalThis & { colloquyRetention?: Schedule }

export function startRetention(): void {
  const minutes = retentionIntervalMinutes()
  if (minutes === 0 || shared.colloquyRetention) return
  const intervalMs = minutes * 60_000
  shared.colloquyRetention = every(
    () => connection().pool,
    'retention',
    intervalMs,
    // Checking is one cheap UPDATE; checking often keeps the period close to what was asked.
    Math.min(intervalMs, 5 * 60_000),
    async () => {
      const started = Date.now()
      const pruned = await pruneOldRows(connection().pool, retentionRules())
      log.info({ task: 'retention', pruned, ms: Date.now() - started }, 'Pruned old rows')
      return { pruned }
    },
    (error) => log.warn({ err: error, task: 'retention' }, 'Retention run failed; the next period tries again'),
  )
}
