// Loads a source with how the asking user stands towards its group.
import { db } from '@/lib/db'
import { NotFound } from '@/lib/errors'
import type { GroupRole } from '@/lib/generated/prisma/enums'
import type { Actor, GroupAccess } from '@/lib/groups/access'
import { Id } from '@/lib/ids'
import { authorize, standingOf, type Action } from '@/lib/permissions'

export const SOURCE_NOT_FOUND = 'This source does not exist.'

export interface SourceAccess extends GroupAccess {
  source: { id: string; groupId: string; title: string; text: string; version: number }
}

type SourceRow = SourceAccess['source'] & { groupName: string; description: string; readFirst: boolean; role: GroupRole | null }

export async function authorizeOnSource(actor: Actor, sourceId: unknown, action: Action): Promise<SourceAccess> {
  const id = Id.safeParse(sourceId)
  if (!id.success) throw new NotFound(SOURCE_NOT_FOUND)
  // Source, group and membership in one round trip: this runs before every highlight read and write.
  const [row] = await db.$queryRaw<SourceRow[]>`
    SELECT s.id, s."groupId", s.title, s.text, s.version,
           g.name AS "groupName", g.description, g."readFirst", m.role::text AS role
      FROM "Source" s
      JOIN "Group" g ON g.id = s."groupId"
      LEFT JOIN "Membership" m ON m."groupId" = s."groupId" AND m."userId" = ${actor?.id ?? null}
     WHERE s.id = ${id.data}`
  if (!row) throw new NotFound(SOURCE_NOT_FOUND)
  const standing = standingOf(actor?.id ?? null, row.role)
  authorize(standing, action, { notFound: SOURCE_NOT_FOUND })
  return {
    group: { id: row.groupId, name: row.groupName, description: row.description, readFirst: row.readFirst },
    role: row.role,
    standing,
    source: { id: row.id, groupId: row.groupId, title: row.title, text: row.text, version: row.version },
  }
}
