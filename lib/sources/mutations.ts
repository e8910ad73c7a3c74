// Source mutations: a pasted text or an uploaded file's blocks become a canonical source.
import { db } from '@/lib/db'
import { Invalid } from '@/lib/errors'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { contentHashOf } from './content-hash'
import { canonicalTextOf, droppedBlocksOf, layoutOf, withChoices, type ImportedBlock } from './import/draft'
import { canonicalBlockText } from './import/canonical'
import { importText } from './importer'
import { MAX_SOURCE_CHARS, SOURCE_TOO_LONG_MESSAGE } from './limits'
import { CreateSource } from './schema'

/** Re-runs the importer on pasted text and applies the person's choices. */
export function importWithRestores(raw: string, restore: number[], drop: number[] = []): ImportedBlock[] {
  return withChoices(importText(raw).blocks, restore, drop)
}

export async function createSource(actor: Actor, input: unknown): Promise<{ id: string }> {
  const data = CreateSource.parse(input)
  await authorizeInGroup(actor, data.groupId, 'source:create')
  const imported = data.blocks ? tidyBlocks(data.blocks) : importText(data.text ?? '').blocks
  const blocks = withChoices(imported, data.restore, data.drop)
  const text = canonicalTextOf(blocks)
  if (!text) throw new Invalid('Nothing readable is left in this text once page junk is removed; restore some blocks.')
  if (text.length > MAX_SOURCE_CHARS) throw new Invalid(SOURCE_TOO_LONG_MESSAGE)
  return db.source.create({
    data: {
      groupId: data.groupId,
      title: data.title,
      author: data.author,
      year: data.year,
      url: data.url,
      text,
      layout: layoutOf(blocks) as object[],
      contentHash: contentHashOf(text),
      droppedBlocks: droppedBlocksOf(blocks),
      createdById: actor!.id,
    },
    select: { id: true },
  })
}

/** An uploaded file's blocks in canonical form (NFC, tidy lines, no blank line inside a block); empty ones left out. */
function tidyBlocks(blocks: ImportedBlock[]): ImportedBlock[] {
  return blocks.flatMap((block) => {
    const text = canonicalBlockText(block.text)
    return text ? [{ ...block, text }] : []
  })
}
