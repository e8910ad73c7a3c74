// Publishing live events. Stored events get the group's next sequence number under a row lock,
// inside the caller's transaction, so they commit (and NOTIFY delivers them) in order.
import type { Db } from '@/lib/db'
import { CHANNEL, type LiveEvent, type Notice } from './events'

type Tx = Pick<Db, '$queryRaw' | '$executeRaw'>

export async function publishInTransaction(tx: Tx, groupId: string, event: LiveEvent): Promise<number> {
  // One statement (sequence, log row, notice): the group row stays locked from here to commit,
  // so every round trip saved here is time other writers of the group do not wait.
  const [row] = await tx.$queryRaw<{ seq: number }[]>`
    WITH next AS (
      UPDATE "Group" SET "eventSeq" = "eventSeq" + 1 WHERE id = ${groupId} RETURNING "eventSeq"
    ), logged AS (
      INSERT INTO "GroupEvent" ("groupId", seq, type, payload)
      SELECT ${groupId}, "eventSeq", ${event.type}, ${JSON.stringify(event)}::jsonb FROM next
      RETURNING seq
    )
    SELECT seq FROM logged
      CROSS JOIN LATERAL (SELECT pg_notify(${CHANNEL}, json_build_object('groupId', ${groupId}::text, 'seq', seq, 'event', ${JSON.stringify(event)}::json)::text)) AS notified`
  if (!row) throw new Error(`Cannot publish to group ${groupId}: it does not exist.`)
  return row.seq
}

/** Transient events (presence) are not stored and carry no sequence number. */
export async function publishTransient(db: Tx, groupId: string, event: LiveEvent): Promise<void> {
  const notice: Notice = { groupId, seq: null, event }
  await db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(notice)})`
}
