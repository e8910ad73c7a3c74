// The blocks of a canonical source text (separated by one blank line), with their offsets,
// kind and paragraph number. Headings are not numbered, so "¶ 4" means the fourth body paragraph.

export type BlockKind = 'heading' | 'paragraph' | 'list'

export interface TextBlock {
  index: number
  start: number
  end: number
  text: string
  kind: BlockKind
  /** Paragraph number for citations; null for headings. */
  number: number | null
}

export const BLOCK_SEPARATOR = '\n\n'

const BULLET = /^(?:[•◦▪‣*-]|\d{1,3}[.)])\s+/

export function kindOf(text: string): BlockKind {
  const lines = text.split('\n')
  if (lines.every((line) => BULLET.test(line))) return 'list'
  if (lines.length === 1 && text.length <= 120 && !/[.!?:;,"”]$/.test(text)) return 'heading'
  return 'paragraph'
}

export function blocksOf(text: string): TextBlock[] {
  const blocks: TextBlock[] = []
  let start = 0
  let number = 0
  for (const part of text.split(BLOCK_SEPARATOR)) {
    const kind = kindOf(part)
    if (part.length > 0) {
      blocks.push({
        index: blocks.length,
        start,
        end: start + part.length,
        text: part,
        kind,
        number: kind === 'heading' ? null : ++number,
      })
    }
    start += part.length + BLOCK_SEPARATOR.length
  }
  return blocks
}

/** The block holding a character offset, for citing a passage by paragraph. */
export function blockAt(blocks: TextBlock[], offset: number): TextBlock | undefined {
  return blocks.find((block) => offset >= block.start && offset < block.end)
}
