// What every importer (pasted text, HTML, .docx, .md, PDF) hands the preview: the blocks of the
// document in reading order, each kept or set aside with the reason, and the metadata it found.
// Pure and browser-safe: the form builds the preview from it and the server stores it.
import { BLOCK_SEPARATOR, type BlockKind, type BlockLayout } from '../blocks'

export interface ImportedBlock {
  text: string
  kind: BlockKind
  /** Heading level, 1–6. */
  level?: number
  /** The page of a PDF on which the block starts. */
  page?: number
  /** Why the importer set this block aside; absent when it is kept. */
  junkReason?: string
}

export interface ImportedMetadata {
  title?: string
  /** Authors joined with "; " when there are several. */
  author?: string
  year?: number
  /** The page's canonical address, when the document states one. */
  url?: string
  /** Site, journal or publisher. */
  publisher?: string
}

export interface ImportResult {
  blocks: ImportedBlock[]
  metadata: ImportedMetadata
}

/** The blocks a person ends up with: set-aside blocks they restored are kept, kept blocks they left out are set aside. */
export function withChoices(
  blocks: ImportedBlock[],
  restore: Iterable<number>,
  drop: Iterable<number> = [],
): ImportedBlock[] {
  const restored = new Set(restore)
  const dropped = new Set(drop)
  return blocks.map((block, position) => {
    if (block.junkReason && restored.has(position)) {
      const kept = { ...block }
      delete kept.junkReason
      return kept
    }
    if (!block.junkReason && dropped.has(position)) return { ...block, junkReason: LEFT_OUT_BY_HAND }
    return block
  })
}

export const LEFT_OUT_BY_HAND = 'left out by hand'

/** The canonical text of the kept blocks. */
export function canonicalTextOf(blocks: ImportedBlock[]): string {
  return blocks
    .filter((block) => !block.junkReason)
    .map((block) => block.text)
    .join(BLOCK_SEPARATOR)
}

/** The stored layout of the kept blocks, one entry per block of the canonical text. */
export function layoutOf(blocks: ImportedBlock[]): BlockLayout[] {
  return blocks.filter((block) => !block.junkReason).map(layoutOfBlock)
}

export function layoutOfBlock(block: Pick<ImportedBlock, 'kind' | 'level' | 'page'>): BlockLayout {
  return {
    kind: block.kind,
    ...(block.kind === 'heading' && block.level ? { level: block.level } : {}),
    ...(block.page ? { page: block.page } : {}),
  }
}

/** The blocks set aside, by position among all imported blocks, with what restoring one needs. */
export function droppedBlocksOf(blocks: ImportedBlock[]) {
  return blocks.flatMap((block, position) =>
    block.junkReason ? [{ position, text: block.text, reason: block.junkReason, ...layoutOfBlock(block) }] : [],
  )
}
