// Plain-text views of a note, kept apart from the note's schema so the reader's browser code
// does not ship zod and the whole schema just to ask whether a note is empty. It reads a note by
// its shape alone, so it needs nothing from note.ts (which re-exports it for server code).

/** A Tiptap node as far as its text goes; every NoteDoc is one. */
type AnyNode = {
  type: string
  text?: string
  content?: readonly AnyNode[]
  marks?: readonly { type: string; attrs?: { href?: string } }[]
}

const hrefOf = (node: AnyNode) => node.marks?.find((mark) => mark.type === 'link')?.attrs?.href

/**
 * The note's words, paragraphs and list items on lines of their own. With `links`, a link's
 * address follows its text in brackets (unless the text is the address), so it survives where
 * only plain text goes, such as a spreadsheet cell.
 */
export function notePlainText(doc: AnyNode | null | undefined, options: { links?: boolean } = {}): string {
  if (!doc) return ''
  const walk = (node: AnyNode): string => {
    if (node.type === 'text') {
      const text = node.text ?? ''
      const href = options.links ? hrefOf(node) : undefined
      return href && href.trim() !== text.trim() ? `${text} (${href})` : text
    }
    if (node.type === 'hardBreak') return '\n'
    const inner = (node.content ?? []).map(walk)
    return node.type === 'doc' || node.type === 'listItem' || node.type.endsWith('List')
      ? inner.join('\n')
      : inner.join('')
  }
  return walk(doc).trim()
}

export function isEmptyNote(doc: AnyNode | null | undefined): boolean {
  return notePlainText(doc) === ''
}
