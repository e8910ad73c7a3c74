// The e2e database's rate-limit counters. Every request of the end-to-end run comes from one
// address, so a journey that proves a per-address limit puts the counters it used back as they
// were, and a run starts with none (globalSetup), whatever an earlier run on a reused server left.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import pg from 'pg'

function databaseUrl(): string | null {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL
  const file = resolve(process.env.E2E_DATA_DIR ?? '.data/e2e', 'postgres-password')
  if (!existsSync(file)) return null
  const password = readFileSync(file, 'utf8').trim()
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${process.env.E2E_PG_PORT ?? '54340'}/colloquy`
}

/** Deletes the counters whose key starts with one of `prefixes` (all of them without); false when there is no database yet. */
export async function clearLimitCounters(prefixes: string[] = ['']): Promise<boolean> {
  const url = databaseUrl()
  if (!url) return false
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    for (const prefix of prefixes) await client.query(`DELETE FROM "RateLimit" WHERE key LIKE $1 || '%'`, [prefix])
    return true
  } catch {
    // No server yet (it starts after this), or not migrated yet: nothing to clear.
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/** Queries the e2e database (for checks the app's pages do not show). */
export async function queryE2e<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl()! })
  await client.connect()
  try {
    return (await client.query(sql, params)).rows as T[]
  } finally {
    await client.end()
  }
}
