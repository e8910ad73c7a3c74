// The one Prisma client, on a pg.Pool that survives a database restart. Created on first use,
// so importing this module (as `next build` does) needs no database.
import { PrismaPg } from '@prisma/adapter-pg'
import { Pool } from 'pg'
import { PrismaClient } from '@/lib/generated/prisma/client'
import { databaseUrl } from '@/lib/env'
import { log } from '@/lib/log'

export type Db = PrismaClient

interface Connection {
  db: PrismaClient
  pool: Pool
}

function connect(): Connection {
  const pool = new Pool({ connectionString: databaseUrl(), max: 10, connectionTimeoutMillis: 5_000 })
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
