// Where each block of a source's text starts and ends, with its paragraph number and page: what
// citing a passage by paragraph needs. Kept per version of the text (SourceBlocks), so a page that
// cites passages from a group's essays (a map, an export) reads a few numbers per block instead of
// every essay's whole text; made from the text on first need, and again once the text changed.
import { db } from '@/lib/db'
import { blocksOf } from './blocks'
import { StoredLayout } from './editing/schema'

/** One block: [start, end, paragraph number (null for a heading), page of the original or null]. */
type Entry = [start: number, end: number, paragraph: number | null, page: number | null]

export interface BlockPlace {
  paragraph: number | null
  page: number | null
}

export class BlockIndex {
  constructor(private readonly entries: readonly Entry[]) {}

  /** The block holding a character offset (as blockAt does with the text), or undefined between blocks. */
  at(offset: number): BlockPlace | undefined {
    let [lo, hi] = [0, this.entries.length - 1]
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const [start, end, paragraph, page] = this.entries[mid]!
      if (offset < start) hi = mid - 1
      else if (offset >= end) lo = mid + 1
      else return { paragraph, page }
    }
    return undefined
  }
}

const entriesOf = (text: string, layout: unknown): Entry[] =>
  blocksOf(text, StoredLayout.parse(layout)).map((b) => [b.start, b.end, b.number, b.page])

/** The block index of each source, by id, for the version given; made (and kept) where it is missing or older. */
export async function blockIndexes(
  sources: readonly { id: string; version: number }[],
): Promise<Map<string, BlockIndex>> {
  const indexes = new Map<string, BlockIndex>()
  if (sources.length === 0) return indexes
  const wanted = new Map(sources.map((s) => [s.id, s.version]))
  const stored = await db.sourceBlocks.findMany({ where: { sourceId: { in: [...wanted.keys()] } } })
  for (const row of stored)
    if (wanted.get(row.sourceId) === row.version) indexes.set(row.sourceId, new BlockIndex(row.blocks as Entry[]))
  const missing = [...wanted.keys()].filter((id) => !indexes.has(id))
  if (missing.length === 0) return indexes
  const texts = await db.source.findMany({
    where: { id: { in: missing } },
    select: { id: true, version: true, text: true, layout: true },
  })
  await Promise.all(
    texts.map(async (source) => {
      const entries = entriesOf(source.text, source.layout)
      indexes.set(source.id, new BlockIndex(entries))
      // Kept for the version just read: one edited meanwhile is made again on its next use.
      await db.sourceBlocks.upsert({
        where: { sourceId: source.id },
        create: { sourceId: source.id, version: source.version, blocks: entries },
        update: { version: source.version, blocks: entries },
      })
    }),
  )
  return indexes
}
