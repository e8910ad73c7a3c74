// What the unit tests share: highlights as the reader's queries hand them to the exports, and the
// notes on them.
import type { NoteBlock, NoteDoc } from '@/lib/annotations/note'
import type { HighlightView } from '@/lib/annotations/views'

type Inline = NonNullable<Extract<NoteBlock, { type: 'paragraph' }>['content']>[number]

/** A note of one paragraph: each string a run of plain text, other pieces (a link, a line break) as given. */
export const paragraphNote = (...content: (string | Inline)[]): NoteDoc => ({
  type: 'doc',
  content: [
    { type: 'paragraph', content: content.map((c) => (typeof c === 'string' ? { type: 'text', text: c } : c)) },
  ],
})

/** Text of a note that links to `href`. */
export const linked = (text: string, href: string): Inline => ({
  type: 'text',
  text,
  marks: [{ type: 'link', attrs: { href } }],
})

/**
 * A maker of highlights by `author` on quotes of `text` (each at its first occurrence), as
 * listSourceHighlights returns them, numbered in the order they are made.
 */
export function highlightsOn(text: string, author: HighlightView['author'], createdAt: string) {
  let serial = 0
  return (quote: string, change: Partial<HighlightView> = {}): HighlightView => {
    const start = text.indexOf(quote)
    if (start < 0) throw new Error(`"${quote}" is not in the text`)
    serial += 1
    return {
      id: `cmhighlight${String(serial).padStart(13, '0')}`,
      tag: 'CLAIM',
      visibility: 'GROUP',
      start,
      end: start + quote.length,
      exact: quote,
      anchorStatus: 'EXACT',
      note: null,
      author,
      createdAt,
      mine: true,
      canEdit: true,
      canDelete: true,
      canConfirm: true,
      replies: [],
      maps: [],
      ...change,
    }
  }
}
