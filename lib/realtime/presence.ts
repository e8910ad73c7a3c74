// Who is reading a source now: a row per open live connection, refreshed by its heartbeat.
import { db } from '@/lib/db'
import type { Actor } from '@/lib/groups/access'
import { authorizeOnSource } from '@/lib/sources/access'
import { publishTransient } from './publish'

export const PRESENCE_TTL_MS = 45_000

export async function enterSource(connectionId: string, userId: string, source: { id: string; groupId: string }) {
  await db.readerPresence.create({ data: { connectionId, userId, sourceId: source.id } })
  await publishTransient(db, source.groupId, { type: 'presence.changed', sourceId: source.id })
}

export async function touchPresence(connectionId: string) {
  await db.readerPresence.updateMany({ where: { connectionId }, data: { seenAt: new Date() } })
}

export async function leaveSource(connectionId: string, source: { id: string; groupId: string }) {
  await db.readerPresence.deleteMany({ where: { connectionId } })
  // Rows of connections that died without saying goodbye.
  await db.readerPresence.deleteMany({ where: { seenAt: { lt: new Date(Date.now() - PRESENCE_TTL_MS) } } })
  await publishTransient(db, source.groupId, { type: 'presence.changed', sourceId: source.id })
}

export async function listReaders(actor: Actor, sourceId: unknown): Promise<{ id: string; name: string }[]> {
  const { source } = await authorizeOnSource(actor, sourceId, 'source:read')
  const rows = await db.readerPresence.findMany({
    where: { sourceId: source.id, seenAt: { gte: new Date(Date.now() - PRESENCE_TTL_MS) } },
    distinct: ['userId'],
    select: { user: { select: { id: true, name: true } } },
  })
  return rows.map((row) => row.user).sort((a, b) => a.name.localeCompare(b.name))
}
