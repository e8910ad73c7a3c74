// Plain-text views of a note, kept apart from the note's schema so the reader's browser code
// does not ship zod and the whole schema just to ask whether a note is empty.
import type { NoteDoc } from './note'

type AnyNode = { type: string; text?: string; content?: AnyNode[] }

export function notePlainText(doc: NoteDoc | null | undefined): string {
  if (!doc) return ''
  const walk = (node: AnyNode): string => {
    if (node.type === 'text') return node.text ?? ''
    if (node.type === 'hardBreak') return '\n'
    const inner = (node.content ?? []).map(walk)
    return node.type === 'doc' || node.type === 'listItem' || node.type.endsWith('List') ? inner.join('\n') : inner.join('')
  }
  return walk(doc as AnyNode).trim()
}

export function isEmptyNote(doc: NoteDoc | null | undefined): boolean {
  return notePlainText(doc) === ''
}
