// The text an instructor saves, made canonical, and a dropped block put back: pure, so the
// re-anchoring corpus and the save path see exactly the same text.
import { NotFound } from '@/lib/errors'
import { BLOCK_SEPARATOR } from './blocks'
import type { DroppedBlock } from './editing/schema'
import { canonicalLines } from './importer'

/**
 * The importer's normalization (NFC, "\n" line ends, tidy spaces, blocks separated by exactly
 * one blank line) without its junk detection: what an instructor typed is kept.
 */
export function canonicalTextOfEdit(raw: string): string {
  const blocks: string[] = []
  let lines: string[] = []
  for (const line of [...canonicalLines(raw), '']) {
    if (line !== '') lines.push(line)
    else if (lines.length > 0) {
      blocks.push(lines.join('\n'))
      lines = []
    }
  }
  return blocks.join(BLOCK_SEPARATOR)
}

/**
 * Puts a dropped block back after the block that preceded it at import. Positions count all
 * imported blocks; those before it that are not still dropped are in the text (kept or restored).
 */
export function restoreBlock(
  text: string,
  dropped: DroppedBlock[],
  position: number,
): { text: string; dropped: DroppedBlock[]; block: DroppedBlock } {
  const block = dropped.find((b) => b.position === position)
  if (!block) throw new NotFound('This block is no longer among the dropped blocks; reload the page.')
  const blocks = text.split(BLOCK_SEPARATOR)
  const stillDroppedBefore = dropped.filter((b) => b.position < position).length
  // Blocks added or removed by hand since the import shift the count; never go past the end.
  blocks.splice(Math.min(position - stillDroppedBefore, blocks.length), 0, block.text)
  return { text: blocks.join(BLOCK_SEPARATOR), dropped: dropped.filter((b) => b.position !== position), block }
}
