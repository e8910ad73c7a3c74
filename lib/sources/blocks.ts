// The blocks of a canonical source text (separated by one blank line), with their offsets,
// kind and paragraph number. Headings are not numbered, so "¶ 4" means the fourth body paragraph.
// The kinds come from the layout stored with the source (what the importer read from the
// document's structure); text without one (typed by hand) has its kinds inferred.

export type BlockKind = 'heading' | 'paragraph' | 'list' | 'quote'

/** What the stored layout says of one block of the text. */
export interface BlockLayout {
  kind: BlockKind
  /** Heading level, 1–6. */
  level?: number
  /** The page of the original (PDF) on which the block starts. */
  page?: number
}

export interface TextBlock {
  index: number
  start: number
  end: number
  text: string
  kind: BlockKind
  /** Paragraph number for citations; null for headings. */
  number: number | null
  /** The page of the original document on which the block starts, when known. */
  page: number | null
  /** A heading's level (1–6) as the original gave it, when known. */
  level: number | null
}

/** One line of a list block: its item text without the bullet or number, with its offsets. */
export interface ListItem {
  start: number
  end: number
  text: string
}

export const BLOCK_SEPARATOR = '\n\n'

const BULLET = /^(?:[•◦▪‣*-]|\d{1,3}[.)])\s+/
/** Sentence ends in Latin, CJK (「。」, full-width marks) and other scripts, closing quotes or brackets allowed after. */
const ENDS_SENTENCE = /[.!?:;,"”’»。．！？」』…؟।]$/u

/** The kind of a block of text typed by hand: a short line without closing punctuation is a heading. */
export function kindOf(text: string): BlockKind {
  const lines = text.split('\n')
  if (lines.every((line) => BULLET.test(line))) return 'list'
  if (lines.length === 1 && text.length <= 120 && !ENDS_SENTENCE.test(text)) return 'heading'
  return 'paragraph'
}

/** The stored layout when it describes this text, block for block; otherwise none. */
function usableLayout(
  parts: string[],
  layout: readonly BlockLayout[] | null | undefined,
): readonly BlockLayout[] | undefined {
  return layout && layout.length === parts.length ? layout : undefined
}

export function blocksOf(text: string, layout?: readonly BlockLayout[] | null): TextBlock[] {
  const blocks: TextBlock[] = []
  const parts = text.split(BLOCK_SEPARATOR)
  const stored = usableLayout(parts, layout)
  let start = 0
  let number = 0
  parts.forEach((part, i) => {
    const kind = stored?.[i]?.kind ?? kindOf(part)
    if (part.length > 0) {
      blocks.push({
        index: blocks.length,
        start,
        end: start + part.length,
        text: part,
        kind,
        number: kind === 'heading' ? null : ++number,
        page: stored?.[i]?.page ?? null,
        level: stored?.[i]?.level ?? null,
      })
    }
    start += part.length + BLOCK_SEPARATOR.length
  })
  return blocks
}

/** A list block's items, each line's marker ("•", "-", "3.") left out; numbered when its first line is. */
export function listItemsOf(block: Pick<TextBlock, 'start' | 'text'>): { ordered: boolean; items: ListItem[] } {
  const items: ListItem[] = []
  let offset = block.start
  for (const line of block.text.split('\n')) {
    const marker = BULLET.exec(line)?.[0].length ?? 0
    items.push({ start: offset + marker, end: offset + line.length, text: line.slice(marker) })
    offset += line.length + 1
  }
  return { ordered: /^\d/.test(block.text), items }
}

/** The block holding a character offset, for citing a passage by paragraph. */
export function blockAt(blocks: TextBlock[], offset: number): TextBlock | undefined {
  return blocks.find((block) => offset >= block.start && offset < block.end)
}

/** "¶7", or "p. 12, ¶7" when the page of the original is known: how a passage is cited. */
export function paragraphCitation({
  paragraph,
  page,
}: {
  paragraph: number | null
  page?: number | null
}): string | null {
  if (paragraph === null) return null
  return page ? `p. ${page}, ¶${paragraph}` : `¶${paragraph}`
}
