// An instructor edits a source: its metadata, or its text. A text edit keeps the old text as a
// revision, bumps the version and re-anchors every highlight (save-text.ts).
import { Invalid } from '@/lib/errors'
import type { Actor } from '@/lib/groups/access'
import { publishInTransaction, transactionWithEvents } from '@/lib/realtime/publish'
import { authorizeOnSource } from '../access'
import { canonicalTextOfEdit, restoreBlock } from '../edit-text'
import { DroppedBlocks, EditSourceText, RestoreDroppedBlock, UpdateSourceMetadata, type DroppedBlock } from './schema'
import { saveText, type InsertedBlock } from '../save-text'
import { MAX_SOURCE_CHARS, SOURCE_TOO_LONG_MESSAGE } from '../limits'

export type { TextSaved } from '../save-text'

export async function updateSourceMetadata(actor: Actor, input: unknown): Promise<void> {
  const data = UpdateSourceMetadata.parse(input)
  const { source } = await authorizeOnSource(actor, data.sourceId, 'source:edit')
  await transactionWithEvents(async (tx) => {
    await tx.source.update({
      where: { id: source.id },
      data: { title: data.title, author: data.author, year: data.year, url: data.url },
    })
    await publishInTransaction(tx, source.groupId, { type: 'source.changed', sourceId: source.id })
  })
}

export async function editSourceText(actor: Actor, input: unknown) {
  const data = EditSourceText.parse(input)
  const { source } = await authorizeOnSource(actor, data.sourceId, 'source:edit')
  const text = checkedText(canonicalTextOfEdit(data.text))
  return saveText(actor!.id, source.id, data.expectedVersion, () => ({ text }))
}

export async function restoreDroppedBlock(actor: Actor, input: unknown) {
  const data = RestoreDroppedBlock.parse(input)
  const { source } = await authorizeOnSource(actor, data.sourceId, 'source:edit')
  return saveText(actor!.id, source.id, data.expectedVersion, (current) => {
    const restored = restoreBlock(current.text, DroppedBlocks.parse(current.droppedBlocks), data.position)
    return {
      text: checkedText(canonicalTextOfEdit(restored.text)),
      dropped: restored.dropped,
      inserted: layoutOfRestored(restored.block),
    }
  })
}

/** The restored block keeps the kind, level and page the importer gave it, when it recorded them. */
function layoutOfRestored(block: DroppedBlock): InsertedBlock | undefined {
  if (!block.kind) return undefined
  return {
    text: block.text,
    layout: {
      kind: block.kind,
      ...(block.level ? { level: block.level } : {}),
      ...(block.page ? { page: block.page } : {}),
    },
  }
}

function checkedText(text: string): string {
  if (!text)
    throw new Invalid('The text of a source cannot be empty.', { text: 'The text of a source cannot be empty.' })
  if (text.length > MAX_SOURCE_CHARS) throw new Invalid(SOURCE_TOO_LONG_MESSAGE, { text: SOURCE_TOO_LONG_MESSAGE })
  return text
}
