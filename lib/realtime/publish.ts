// Publishing live events. Stored events get the group's next sequence number under a row lock,
// inside the caller's transaction, so they commit (and NOTIFY delivers them) in order. The SQL
// side (colloquy_publish) is also called by colloquy_create_highlight.
import type { Db } from '@/lib/db'
import { CHANNEL, type LiveEvent, type Notice } from './events'

type Tx = Pick<Db, '$queryRaw' | '$executeRaw'>

export async function publishInTransaction(tx: Tx, groupId: string, event: LiveEvent): Promise<number> {
  // One call (sequence under the group's row lock, stored event, notice): the row stays locked
  // from here to commit, so callers publish last, and every round trip saved is time other
  // writers of the group do not wait. See colloquy_publish in prisma/migrations.
  const [row] = await tx.$queryRaw<{ seq: number }[]>`
    SELECT colloquy_publish(${CHANNEL}, ${groupId}, ${JSON.stringify(event)}::jsonb) AS seq`
  return row!.seq
}

/** Transient events (presence) are not stored and carry no sequence number. */
export async function publishTransient(db: Tx, groupId: string, event: LiveEvent): Promise<void> {
  const notice: Notice = { groupId, seq: null, event }
  await db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(notice)})`
}
