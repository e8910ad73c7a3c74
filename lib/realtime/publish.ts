// Publishing live events. Stored events get the group's next sequence number under a row lock,
// inside the caller's transaction, so they commit (and NOTIFY delivers them) in order.
import type { Db } from '@/lib/db'
import { CHANNEL, type LiveEvent, type Notice } from './events'

type Tx = Pick<Db, '$queryRaw' | '$executeRaw'>

export async function publishInTransaction(tx: Tx, groupId: string, event: LiveEvent): Promise<number> {
  const [row] = await tx.$queryRaw<{ eventSeq: number }[]>`
    UPDATE "Group" SET "eventSeq" = "eventSeq" + 1 WHERE id = ${groupId} RETURNING "eventSeq"`
  const seq = row!.eventSeq
  await tx.$executeRaw`
    INSERT INTO "GroupEvent" ("groupId", seq, type, payload) VALUES (${groupId}, ${seq}, ${event.type}, ${JSON.stringify(event)}::jsonb)`
  const notice: Notice = { groupId, seq, event }
  await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(notice)})`
  return seq
}

/** Transient events (presence) are not stored and carry no sequence number. */
export async function publishTransient(db: Tx, groupId: string, event: LiveEvent): Promise<void> {
  const notice: Notice = { groupId, seq: null, event }
  await db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(notice)})`
}
