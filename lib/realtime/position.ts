// Where a group's live event log stands. A page that reads this before its data can open the live
// stream from that point: the stream replays whatever changed in between, so the page need not
// fetch its data again when the stream connects.
import { db } from '@/lib/db'

export async function eventPosition(groupId: string): Promise<number> {
  const group = await db.group.findUniqueOrThrow({ where: { id: groupId }, select: { eventSeq: true } })
  return group.eventSeq
}
