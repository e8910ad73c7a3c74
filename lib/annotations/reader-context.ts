// How a reader stands towards a source's highlights (see visibility.ts).
import { db } from '@/lib/db'
import type { SourceAccess } from '@/lib/sources/access'
import type { VisibilityContext } from './visibility'

export async function readerContext(viewerId: string, access: SourceAccess): Promise<VisibilityContext> {
  const readFirstApplies = access.group.readFirst && access.standing === 'student'
  const hasOwn = readFirstApplies
    ? (await db.highlight.count({ where: { sourceId: access.source.id, authorId: viewerId } })) > 0
    : true
  return { viewerId, standing: access.standing, lockedByReadFirst: readFirstApplies && !hasOwn }
}
