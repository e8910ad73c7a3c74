// Reads for the dashboard and group pages.
import { db } from '@/lib/db'
import { visibleHighlightCounts } from '@/lib/annotations/queries'
import { can, type Standing } from '@/lib/permissions'
import { authorizeInGroup, type Actor } from './access'

export async function listMyGroups(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { joinedAt: 'desc' },
    select: {
      role: true,
      group: {
        select: {
          id: true,
          name: true,
          description: true,
          archivedAt: true,
          _count: { select: { memberships: true, sources: true } },
        },
      },
    },
  })
  return memberships.map(({ role, group }) => ({
    id: group.id,
    name: group.name,
    description: group.description,
    role,
    archivedAt: group.archivedAt,
    memberCount: group._count.memberships,
    sourceCount: group._count.sources,
  }))
}

export async function getGroupOverview(actor: Actor, groupId: unknown) {
  const access = await authorizeInGroup(actor, groupId, 'group:read')
  const id = access.group.id
  const [members, sources, invite] = await Promise.all([
    db.membership.findMany({
      where: { groupId: id },
      orderBy: [{ role: 'asc' }, { user: { name: 'asc' } }],
      select: { role: true, joinedAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    db.source.findMany({
      where: { groupId: id },
      orderBy: { createdAt: 'asc' },
      select: { id: true, title: true, author: true, year: true },
    }),
    can(access.standing, 'joinCode:read', { archived: access.archived })
      ? db.group.findUniqueOrThrow({ where: { id }, select: { joinCode: true, joinCodeExpiresAt: true } })
      : null,
  ])
  const counts = await visibleHighlightCounts(
    actor!.id,
    access,
    sources.map((source) => source.id),
  )
  return {
    ...access,
    members,
    sources: sources.map((source) => ({ ...source, highlightCount: counts.get(source.id)! })),
    invite,
    may: abilitiesIn(access),
  }
}

/** What the page offers this person, as lib/permissions.ts answers (an archived group offers little). */
function abilitiesIn({ standing, archived }: { standing: Standing; archived: boolean }) {
  const when = { archived }
  return {
    changeSettings: can(standing, 'group:manage', when),
    addSource: can(standing, 'source:create', when),
    review: can(standing, 'review:read', when),
    downloadArchive: can(standing, 'group:archive', when),
    removeMember: can(standing, 'member:remove', when),
    setArchived: can(standing, 'group:setArchived', when),
    delete: can(standing, 'group:delete', when),
  }
}
