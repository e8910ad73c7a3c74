// Source mutations: import pasted text into a canonical source.
import { db } from '@/lib/db'
import { Invalid } from '@/lib/errors'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { contentHashOf } from './content-hash'
import { canonicalTextOf, droppedBlocksOf, importText, type ImportedBlock } from './importer'
import { CreateSource } from './schema'

/** Re-runs the importer and keeps the flagged blocks the person chose to restore. */
export function importWithRestores(raw: string, restore: number[]): ImportedBlock[] {
  const wanted = new Set(restore)
  return importText(raw).blocks.map((block, position) => (wanted.has(position) ? { text: block.text } : block))
}

export async function createSource(actor: Actor, input: unknown): Promise<{ id: string }> {
  const data = CreateSource.parse(input)
  await authorizeInGroup(actor, data.groupId, 'source:create')
  const blocks = importWithRestores(data.text, data.restore)
  const text = canonicalTextOf(blocks)
  if (!text) throw new Invalid('Nothing readable is left in this text once page junk is removed; restore some blocks.')
  return db.source.create({
    data: {
      groupId: data.groupId,
      title: data.title,
      author: data.author,
      year: data.year,
      url: data.url,
      text,
      contentHash: contentHashOf(text),
      droppedBlocks: droppedBlocksOf(blocks),
      createdById: actor!.id,
    },
    select: { id: true },
  })
}
