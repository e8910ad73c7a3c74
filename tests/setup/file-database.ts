// Gives each test file its own database, cloned from the migrated template, before any
// module under test reads DATABASE_URL.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, inject } from 'vitest'
import { TEMPLATE_DB, withDatabase } from './global-database'

const adminUrl = inject('adminDatabaseUrl')
const name = `colloquy_test_${randomBytes(6).toString('hex')}`

const admin = new pg.Client({ connectionString: adminUrl })
await admin.connect()
await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`)
await admin.end()

process.env.DATABASE_URL = withDatabase(adminUrl, name)
process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-0123'

afterAll(async () => {
  const { connection } = await import('@/lib/db')
  const { db, pool } = connection()
  await db.$disconnect()
  await pool.end().catch(() => {})
  const cleanup = new pg.Client({ connectionString: adminUrl })
  await cleanup.connect()
  await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await cleanup.end()
})
