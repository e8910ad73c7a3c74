// Deletes rows older than each rule's age, in batches, so no statement holds locks for long or
// bloats one transaction. Timestamps are compared in UTC, as Prisma stores them.
import type pg from 'pg'
import type { RetentionRule } from './policy'

export const PRUNE_BATCH = 5_000

export type Queryable = Pick<pg.Pool, 'query'>

export interface PruneResult {
  table: string
  deleted: number
  skipped?: 'no such table or column'
}

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`

async function exists(db: Queryable, rule: RetentionRule): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
    [rule.table, rule.column],
  )
  return rowCount === 1
}

export async function pruneOldRows(db: Queryable, rules: RetentionRule[], now = new Date()): Promise<PruneResult[]> {
  const results: PruneResult[] = []
  for (const rule of rules) {
    if (!(await exists(db, rule))) {
      results.push({ table: rule.table, deleted: 0, skipped: 'no such table or column' })
      continue
    }
    const cutoff = new Date(now.getTime() - rule.maxAgeDays * 86_400_000)
    const table = quoted(rule.table)
    const column = quoted(rule.column)
    let deleted = 0
    for (;;) {
      const { rowCount } = await db.query(
        `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${column} < ($1::timestamptz AT TIME ZONE 'UTC') LIMIT ${PRUNE_BATCH}))`,
        [cutoff.toISOString()],
      )
      deleted += rowCount ?? 0
      if ((rowCount ?? 0) < PRUNE_BATCH) break
    }
    results.push({ table: rule.table, deleted })
  }
  return results
}
