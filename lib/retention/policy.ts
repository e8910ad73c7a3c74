// What is pruned, and after how long: a short list of table, timestamp column and age. A table
// or column that does not exist (renamed or dropped by a later migration) is skipped, not an error.
import { retentionDays } from '@/lib/env'

export interface RetentionRule {
  table: string
  column: string
  maxAgeDays: number
}

export function retentionRules(): RetentionRule[] {
  const days = retentionDays()
  return [
    // The live event log: reconnecting clients catch up from it; pages re-read everything else.
    { table: 'GroupEvent', column: 'createdAt', maxAgeDays: days.events },
    // Sessions that ended by expiring (signing out deletes the row at once): nothing reads them.
    { table: 'AuthSession', column: 'expiresAt', maxAgeDays: days.sessions },
  ]
}
