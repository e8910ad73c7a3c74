// The retention schedule of one app process: prune old live events and sign-in attempts once per
// RETENTION_INTERVAL_MINUTES across all instances (see schedule.ts).
import { connection } from '@/lib/db'
import { retentionIntervalMinutes } from '@/lib/env'
import { startPeriodic } from './periodic'
import { retentionRules } from './policy'
import { pruneOldRows } from './prune'

export function startRetention(): void {
  const minutes = retentionIntervalMinutes()
  if (minutes === 0) return
  startPeriodic({
    task: 'retention',
    intervalMs: minutes * 60_000,
    run: async () => ({ pruned: await pruneOldRows(connection().pool, retentionRules()) }),
    done: 'Pruned old rows',
    failing: 'Retention run',
  })
}
