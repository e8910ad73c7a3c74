// Loads a source with how the asking user stands towards its group.
import { db } from '@/lib/db'
import { NotFound } from '@/lib/errors'
import { groupAccess, type Actor, type GroupAccess } from '@/lib/groups/access'
import { Id } from '@/lib/ids'
import { authorize, type Action } from '@/lib/permissions'

export const SOURCE_NOT_FOUND = 'This source does not exist.'

export interface SourceAccess extends GroupAccess {
  source: { id: string; groupId: string; title: string; text: string; version: number }
}

export async function authorizeOnSource(actor: Actor, sourceId: unknown, action: Action): Promise<SourceAccess> {
  const id = Id.safeParse(sourceId)
  const source = id.success
    ? await db.source.findUnique({ where: { id: id.data }, select: { id: true, groupId: true, title: true, text: true, version: true } })
    : null
  if (!source) throw new NotFound(SOURCE_NOT_FOUND)
  const access = await groupAccess(actor, source.groupId)
  authorize(access.standing, action, { notFound: SOURCE_NOT_FOUND })
  return { ...access, source }
}
