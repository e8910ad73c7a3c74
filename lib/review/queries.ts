// The instructor's view of a group: activity per student, map comparison, most cited passages.
import { db } from '@/lib/db'
import { Invalid } from '@/lib/errors'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { authorizeOnMap } from '@/lib/maps/access'
import { citablePassages } from '@/lib/maps/queries'
import { loadMapState } from '@/lib/maps/state'
import { authorize } from '@/lib/permissions'
import { compareMaps } from './compare'
import { CompareMaps } from './schema'

export interface StudentRow {
  id: string
  name: string
  email: string
  claims: number
  evidence: number
  bias: number
  maps: number
  submitted: number
  lastActivity: string | null
}

export async function reviewDashboard(actor: Actor, groupId: unknown) {
  const access = await authorizeInGroup(actor, groupId, 'review:read')
  const id = access.group.id
  const students = await db.membership.findMany({
    where: { groupId: id, role: 'STUDENT' },
    select: { user: { select: { id: true, name: true, email: true } } },
  })
  const ids = students.map((s) => s.user.id)
  const [tags, maps, lastHighlights, lastReplies, lastOps] = await Promise.all([
    db.highlight.groupBy({
      by: ['authorId', 'tag'],
      where: { authorId: { in: ids }, source: { groupId: id } },
      _count: { _all: true },
    }),
    db.argumentMap.groupBy({
      by: ['ownerId', 'status'],
      where: { groupId: id, kind: 'PERSONAL', ownerId: { in: ids } },
      _count: { _all: true },
    }),
    db.highlight.groupBy({
      by: ['authorId'],
      where: { authorId: { in: ids }, source: { groupId: id } },
      _max: { updatedAt: true },
    }),
    db.reply.groupBy({
      by: ['authorId'],
      where: { authorId: { in: ids }, highlight: { source: { groupId: id } } },
      _max: { updatedAt: true },
    }),
    db.mapOperation.groupBy({
      by: ['actorId'],
      where: { actorId: { in: ids }, map: { groupId: id } },
      _max: { createdAt: true },
    }),
  ])
  const count = (userId: string, tag: string) =>
    tags.find((t) => t.authorId === userId && t.tag === tag)?._count._all ?? 0
  const latest = (...dates: (Date | null | undefined)[]) =>
    dates.filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0] ?? null
  const rows: StudentRow[] = students.map(({ user }) => {
    const mine = maps.filter((m) => m.ownerId === user.id)
    const last = latest(
      lastHighlights.find((h) => h.authorId === user.id)?._max.updatedAt,
      lastReplies.find((r) => r.authorId === user.id)?._max.updatedAt,
      lastOps.find((o) => o.actorId === user.id)?._max.createdAt,
    )
    return {
      ...user,
      claims: count(user.id, 'CLAIM'),
      evidence: count(user.id, 'EVIDENCE'),
      bias: count(user.id, 'BIAS'),
      maps: mine.reduce((n, m) => n + m._count._all, 0),
      submitted: mine.filter((m) => m.status === 'SUBMITTED').reduce((n, m) => n + m._count._all, 0),
      lastActivity: last?.toISOString() ?? null,
    }
  })
  const allMaps = await db.argumentMap.findMany({
    where: { groupId: id },
    orderBy: [{ kind: 'asc' }, { title: 'asc' }],
    select: { id: true, title: true, kind: true, status: true, owner: { select: { name: true } } },
  })
  return { ...access, rows, maps: allMaps }
}

export async function compareTwoMaps(actor: Actor, input: unknown) {
  const { a, b } = CompareMaps.parse(input)
  if (a === b) throw new Invalid('Choose two different maps to compare.')
  const [accessA, accessB] = await Promise.all([authorizeOnMap(actor, a, 'read'), authorizeOnMap(actor, b, 'read')])
  if (accessA.map.groupId !== accessB.map.groupId) throw new Invalid('Both maps must belong to the same group.')
  const [stateA, stateB] = await Promise.all([loadMapState(accessA.map.id), loadMapState(accessB.map.id)])
  const comparison = compareMaps(stateA, stateB)
  const ids = [...comparison.shared, ...comparison.onlyA, ...comparison.onlyB]
  const passages = await citablePassages(actor, accessA.map.groupId, ids)
  return {
    a: accessA.map,
    b: accessB.map,
    comparison,
    passages: Object.fromEntries(passages.map((p) => [p.highlightId, p])),
  }
}

/** Passages cited on the most maps, per essay. */
export async function mostCitedPassages(actor: Actor, groupId: unknown, perEssay = 5) {
  const access = await authorizeInGroup(actor, groupId, 'group:read')
  authorize(access.standing, 'review:read', { archived: access.archived })
  const nodes = await db.mapNode.findMany({
    where: { map: { groupId: access.group.id }, highlightId: { not: null } },
    select: { mapId: true, highlightId: true },
  })
  const mapsPer = new Map<string, Set<string>>()
  for (const n of nodes) mapsPer.set(n.highlightId!, (mapsPer.get(n.highlightId!) ?? new Set()).add(n.mapId))
  const passages = await citablePassages(actor, access.group.id, [...mapsPer.keys()])
  const bySource = new Map<string, { title: string; items: { passage: (typeof passages)[number]; maps: number }[] }>()
  for (const p of passages) {
    const entry = bySource.get(p.sourceId) ?? { title: p.sourceTitle, items: [] }
    entry.items.push({ passage: p, maps: mapsPer.get(p.highlightId)!.size })
    bySource.set(p.sourceId, entry)
  }
  return [...bySource.values()].map((s) => ({
    ...s,
    items: s.items.sort((x, y) => y.maps - x.maps).slice(0, perEssay),
  }))
}
