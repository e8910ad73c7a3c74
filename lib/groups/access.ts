// Loads a group together with how the asking user stands towards it.
import { db } from '@/lib/db'
import { NotFound } from '@/lib/errors'
import type { GroupRole } from '@/lib/generated/prisma/enums'
import { Id } from '@/lib/ids'
import { authorize, standingOf, type Action, type Standing } from '@/lib/permissions'

/**
 * Who is acting. `sessionId`, when present, is the server-side session the cookie named; a query
 * that checks the account itself (authorizeOnSource) checks that session too.
 */
export type Actor = { id: string; sessionId?: string } | null

export const GROUP_NOT_FOUND = 'This group does not exist.'

export interface GroupAccess {
  group: { id: string; name: string; description: string; readFirst: boolean; archivedAt: Date | null }
  role: GroupRole | null
  standing: Standing
  /** The group is archived: lib/permissions.ts then allows reading only. */
  archived: boolean
}

export async function groupAccess(actor: Actor, groupId: unknown): Promise<GroupAccess> {
  const id = Id.safeParse(groupId)
  if (!id.success) throw new NotFound(GROUP_NOT_FOUND)
  // Group and membership in one round trip: this runs before every read and write.
  const [row] = await db.$queryRaw<(GroupAccess['group'] & { role: GroupRole | null })[]>`
    SELECT g.id, g.name, g.description, g."readFirst", g."archivedAt", m.role::text AS role
      FROM "Group" g
      LEFT JOIN "Membership" m ON m."groupId" = g.id AND m."userId" = ${actor?.id ?? null}
     WHERE g.id = ${id.data}`
  if (!row) throw new NotFound(GROUP_NOT_FOUND)
  const { role, ...group } = row
  return { group, role, standing: standingOf(actor?.id ?? null, role), archived: group.archivedAt !== null }
}

/** The group, if the actor may perform the action in it; otherwise the matching error. */
export async function authorizeInGroup(actor: Actor, groupId: unknown, action: Action): Promise<GroupAccess> {
  const access = await groupAccess(actor, groupId)
  authorize(access.standing, action, { notFound: GROUP_NOT_FOUND, archived: access.archived })
  return access
}
