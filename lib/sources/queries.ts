// Reads for the reader.
import { db } from '@/lib/db'
import { NotFound } from '@/lib/errors'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { Id } from '@/lib/ids'
import { blocksOf } from './blocks'
import { StoredLayout } from './editing/schema'
import { SOURCE_TEXT_FIELDS } from './fields'

export async function getSourceForReader(actor: Actor, groupId: unknown, sourceId: unknown) {
  const access = await authorizeInGroup(actor, groupId, 'source:read')
  const id = Id.safeParse(sourceId)
  const source = id.success
    ? await db.source.findFirst({
        where: { id: id.data, groupId: access.group.id },
        select: { ...SOURCE_TEXT_FIELDS, layout: true, updatedAt: true },
      })
    : null
  if (!source) throw new NotFound('This source does not exist.')
  const layout = StoredLayout.parse(source.layout)
  return { ...access, source: { ...source, layout }, blocks: blocksOf(source.text, layout) }
}
