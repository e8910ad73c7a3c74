// Reads for the source-editing page.
import { db } from '@/lib/db'
import { NotFound } from '@/lib/errors'
import type { Actor } from '@/lib/groups/access'
import { authorize } from '@/lib/permissions'
import { authorizeOnSource, SOURCE_NOT_FOUND } from '../access'
import { SOURCE_TEXT_FIELDS } from '../fields'
import { DroppedBlocks } from './schema'

/** The source as its editor sees it; a source reached through another group's URL does not exist. */
export async function getSourceForEditing(actor: Actor, groupId: string, sourceId: unknown) {
  const access = await authorizeOnSource(actor, sourceId, 'source:read')
  if (access.source.groupId !== groupId) throw new NotFound(SOURCE_NOT_FOUND)
  authorize(access.standing, 'source:edit', { archived: access.archived })
  const source = await db.source.findUniqueOrThrow({
    where: { id: access.source.id },
    select: { ...SOURCE_TEXT_FIELDS, droppedBlocks: true, _count: { select: { highlights: true } } },
  })
  const { droppedBlocks, _count, ...rest } = source
  return {
    group: access.group,
    source: { ...rest, droppedBlocks: DroppedBlocks.parse(droppedBlocks), highlightCount: _count.highlights },
  }
}
