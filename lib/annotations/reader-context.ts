// How a reader stands towards a source's highlights (see lib/permissions/visibility.ts): loads
// whether read-first still hides classmates' highlights from them there.
import { db } from '@/lib/db'
import type { Standing } from '@/lib/permissions'
import { readFirstApplies, type HighlightViewer } from '@/lib/permissions/visibility'

export async function readerContext(
  viewerId: string,
  access: { standing: Standing; group: { readFirst: boolean }; source: { id: string } },
  client: Pick<typeof db, 'highlight'> = db,
): Promise<HighlightViewer> {
  const applies = readFirstApplies(access.standing, access.group.readFirst)
  const hasOwn = applies
    ? (await client.highlight.count({ where: { sourceId: access.source.id, authorId: viewerId } })) > 0
    : true
  return { viewerId, standing: access.standing, lockedByReadFirst: applies && !hasOwn }
}

/** readerContext for several sources of one group at once: one query, whatever their number. */
export async function readerContexts(
  viewerId: string,
  access: { standing: Standing; group: { readFirst: boolean } },
  sourceIds: readonly string[],
): Promise<Map<string, HighlightViewer>> {
  const applies = readFirstApplies(access.standing, access.group.readFirst)
  const own = applies
    ? new Set(
        (
          await db.highlight.groupBy({
            by: ['sourceId'],
            where: { sourceId: { in: [...sourceIds] }, authorId: viewerId },
          })
        ).map((row) => row.sourceId),
      )
    : null
  return new Map(
    sourceIds.map((id) => [
      id,
      { viewerId, standing: access.standing, lockedByReadFirst: own !== null && !own.has(id) },
    ]),
  )
}
