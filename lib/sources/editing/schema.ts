// Inputs of the source-editing mutations, and the stored shape of the importer's dropped blocks.
import { z } from 'zod'
import { Id } from '@/lib/ids'
import { SourceMetadata, SourceText } from '../schema'

/** The version of the text the editor started from; a stale one is refused. */
const ExpectedVersion = z
  .number({ error: 'Reload the page before saving: the version of the text you edited is missing.' })
  .int()
  .min(1)

export const UpdateSourceMetadata = SourceMetadata.extend({ sourceId: Id })

export const EditSourceText = z.object({
  sourceId: Id,
  expectedVersion: ExpectedVersion,
  text: SourceText('The text of a source cannot be empty.', { blank: 'refused' }),
})

export const RestoreDroppedBlock = z.object({
  sourceId: Id,
  position: z.number({ error: 'Choose a block to restore.' }).int().min(0),
  expectedVersion: ExpectedVersion,
})

/** Source.droppedBlocks: what the importer took for page junk, by position among the imported blocks. */
export const DroppedBlocks = z.array(
  z.object({
    position: z.number().int().min(0),
    text: z.string(),
    reason: z.string(),
    kind: z.enum(['heading', 'paragraph', 'list', 'quote']).optional(),
    level: z.number().int().optional(),
    page: z.number().int().optional(),
  }),
)

/** Source.layout as stored; anything unreadable counts as no layout (kinds are then inferred). */
export const StoredLayout = z
  .array(
    z.object({
      kind: z.enum(['heading', 'paragraph', 'list', 'quote']),
      level: z.number().int().optional(),
      page: z.number().int().optional(),
    }),
  )
  .catch([])

export type DroppedBlock = z.infer<typeof DroppedBlocks>[number]
