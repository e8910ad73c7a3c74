// Loads a source with how the asking user stands towards its group.
import { sqlRows } from '@/lib/db-raw'
import { NotFound } from '@/lib/errors'
import type { GroupRole } from '@/lib/generated/prisma/enums'
import type { Actor, GroupAccess } from '@/lib/groups/access'
import { Id } from '@/lib/ids'
import { authorize, standingOf, type Action } from '@/lib/permissions'
import { cachedTextOf, sourceText } from './text-cache'

export const SOURCE_NOT_FOUND = 'This source does not exist.'

export interface SourceAccess extends GroupAccess {
  source: { id: string; groupId: string; title: string; text: string; version: number }
}

type SourceRow = Omit<SourceAccess['source'], 'text'> & {
  text: string | null
  groupName: string
  description: string
  readFirst: boolean
  archivedAt: Date | null
  role: GroupRole | null
  accountId: string | null
}

export async function authorizeOnSource(actor: Actor, sourceId: unknown, action: Action): Promise<SourceAccess> {
  const id = Id.safeParse(sourceId)
  if (!id.success) throw new NotFound(SOURCE_NOT_FOUND)
  // Source, group, membership and the actor's account in one round trip: this runs before every
  // highlight read and write. Checking the account here lets a caller pass the id its session
  // cookie claims (getClaimedActor): a deleted account, or an ended session, stands as anonymous.
  // The text is left out when this process already holds that version of it.
  const cached = cachedTextOf(id.data)
  const [row] = await sqlRows<SourceRow>`
    SELECT s.id, s."groupId", s.title, s.version,
           CASE WHEN s.version = ${cached?.version ?? null} THEN NULL ELSE s.text END AS text,
           g.name AS "groupName", g.description, g."readFirst", g."archivedAt", m.role::text AS role, u.id AS "accountId"
      FROM "Source" s
      JOIN "Group" g ON g.id = s."groupId"
      LEFT JOIN "User" u ON u.id = ${actor?.id ?? null}
            AND (${actor?.sessionId ?? null}::text IS NULL OR EXISTS (
              SELECT 1 FROM "AuthSession" a WHERE a.id = ${actor?.sessionId ?? null} AND a."userId" = u.id AND a."expiresAt" > now()))
      LEFT JOIN "Membership" m ON m."groupId" = s."groupId" AND m."userId" = u.id
     WHERE s.id = ${id.data}`
  if (!row) throw new NotFound(SOURCE_NOT_FOUND)
  const standing = standingOf(row.accountId, row.role)
  const archived = row.archivedAt !== null
  authorize(standing, action, { notFound: SOURCE_NOT_FOUND, archived })
  return {
    group: {
      id: row.groupId,
      name: row.groupName,
      description: row.description,
      readFirst: row.readFirst,
      archivedAt: row.archivedAt,
    },
    role: row.role,
    standing,
    archived,
    source: {
      id: row.id,
      groupId: row.groupId,
      title: row.title,
      text: sourceText(row.id, row.version, row.text, cached),
      version: row.version,
    },
  }
}
