// The one Prisma client, on a pg.Pool that survives a database restart. Created on first use,
// so importing this module (as `next build` does) needs no database.
import 'server-only'
import { PrismaPg } from '@prisma/adapter-pg'
import { Pool } from 'pg'
import { PrismaClient } from '@/lib/generated/prisma/client'
import { behindTransactionPooler, databaseUrl } from '@/lib/env'
import { log } from '@/lib/log'

export type Db = PrismaClient

interface Connection {
  db: PrismaClient
  pool: Pool
}

/**
 * Every statement of an ordinary request finishes within this, or is cancelled (and the person
 * told to try again), so a slow query cannot hold one of the pool's connections for long. Bulk
 * work sets its own budget for its transaction (lib/maps/bulk.ts).
 */
export const STATEMENT_TIMEOUT_MS = 10_000
/** A transaction left open by a crashed request gives its connection back after this. */
const IDLE_IN_TRANSACTION_MS = 30_000

/**
 * The timeouts go to the server as startup parameters, except through a pooler in transaction
 * mode: pgbouncer refuses startup parameters it does not know, and a `SET` would stay on whichever
 * server connection ran it. There they are the role's own settings (README, "Deploying"), which
 * every server connection the pooler opens starts with.
 */
function sessionTimeouts() {
  if (behindTransactionPooler()) return {}
  return { statement_timeout: STATEMENT_TIMEOUT_MS, idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS }
}

function connect(): Connection {
  const pool = new Pool({
    connectionString: databaseUrl(),
    max: 10,
    connectionTimeoutMillis: 5_000,
    ...sessionTimeouts(),
  })
  // An idle client whose server went away emits 'error'; unhandled, it would crash the process.
  pool.on('error', (error) => log.warn({ err: error }, 'Idle database connection lost'))
  return { db: new PrismaClient({ adapter: new PrismaPg(pool) }), pool }
}

// Kept on globalThis so hot reloads in development reuse one pool.
const store = globalThis as unknown as { colloquyConnection?: Connection }

export function connection(): Connection {
  return (store.colloquyConnection ??= connect())
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = connection().db
    const value = Reflect.get(client, property, client)
    return typeof value === 'function' ? value.bind(client) : value
  },
})
