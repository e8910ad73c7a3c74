// Publishing live events. A stored event is written by the change's own transaction, pending: a
// plain INSERT, with no lock on the group's row and no NOTIFY, so writers of one group (NOTIFY
// serialises every notifying commit of the database) do not wait for each other's commits. Once
// the transaction has committed, the event is numbered and announced (numbering.ts):
// transactionWithEvents asks for that after its commit.
import { db, type Db } from '@/lib/db'
import type { Prisma } from '@/lib/generated/prisma/client'
import { CHANNEL, type LiveEvent, type Notice } from './events'
import { eventsCommitted, numberInTransaction } from './numbering'

type Tx = Prisma.TransactionClient

export interface TransactionOptions {
  maxWait?: number
  timeout?: number
  isolationLevel?: Prisma.TransactionIsolationLevel
}

/** The groups each open transactionWithEvents has published to. */
const publishedIn = new WeakMap<Tx, Set<string>>()

/** db.$transaction for a change that publishes: its events are numbered once it has committed. */
export async function transactionWithEvents<T>(work: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
  const groups = new Set<string>()
  const result = await db.$transaction((tx) => {
    publishedIn.set(tx, groups)
    return work(tx)
  }, options)
  if (groups.size > 0) eventsCommitted(...groups)
  return result
}

/**
 * For a one-off bulk writer on a client of its own (seeding a database): its events are numbered
 * at the end of its own transaction, holding the groups' rows to its commit, as nothing else waits.
 */
export async function transactionNumberingItsEvents<T>(
  client: Db,
  work: (tx: Tx) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  return client.$transaction(async (tx) => {
    const groups = new Set<string>()
    publishedIn.set(tx, groups)
    const result = await work(tx)
    await numberInTransaction(tx, groups)
    return result
  }, options)
}

export async function publishInTransaction(tx: Tx, groupId: string, event: LiveEvent): Promise<void> {
  const groups = publishedIn.get(tx)
  // Elsewhere nothing would ask for the numbering, and the event would wait for the sweep.
  if (!groups)
    throw new Error(
      'publishInTransaction needs a transaction opened by transactionWithEvents (or transactionNumberingItsEvents).',
    )
  await tx.$executeRaw`INSERT INTO "GroupEvent" ("groupId", type, payload) VALUES (${groupId}, ${event.type}, ${JSON.stringify(event)}::jsonb)`
  groups.add(groupId)
}

/** Transient events (presence) are not stored and carry no sequence number. */
export async function publishTransient(db: Pick<Tx, '$executeRaw'>, groupId: string, event: LiveEvent): Promise<void> {
  const notice: Notice = { groupId, seq: null, event }
  await db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(notice)})`
}
