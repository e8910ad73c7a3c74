// A note as HTML, for formats that carry rich text (the W3C TextualBody with format text/html).
// Built from the note's small vocabulary only; every piece of text and every address is escaped.
import type { NoteDoc } from './note'

type AnyNode = {
  type: string
  text?: string
  content?: AnyNode[]
  marks?: { type: string; attrs?: { href?: string } }[]
}

const SAFE_HREF = /^(https?:\/\/|mailto:)/i

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const BLOCKS: Record<string, string> = { paragraph: 'p', bulletList: 'ul', orderedList: 'ol', listItem: 'li' }

function html(node: AnyNode): string {
  if (node.type === 'text') {
    let out = escapeHtml(node.text ?? '')
    for (const mark of node.marks ?? []) {
      if (mark.type === 'bold') out = `<strong>${out}</strong>`
      else if (mark.type === 'italic') out = `<em>${out}</em>`
      else if (mark.type === 'link' && mark.attrs?.href && SAFE_HREF.test(mark.attrs.href.trim()))
        out = `<a href="${escapeHtml(mark.attrs.href.trim())}">${out}</a>`
    }
    return out
  }
  if (node.type === 'hardBreak') return '<br>'
  const inner = (node.content ?? []).map(html).join('')
  const tag = BLOCKS[node.type]
  // dir="auto": a note in Arabic or Hebrew reads right to left wherever the HTML is shown.
  return tag ? `<${tag}${tag === 'p' ? ' dir="auto"' : ''}>${inner}</${tag}>` : inner
}

export function noteHtml(doc: NoteDoc): string {
  return html(doc as AnyNode)
}

/** Whether the note has anything plain text would lose: a link, bold, italic or a list. */
export function noteHasMarkup(doc: NoteDoc): boolean {
  const walk = (node: AnyNode): boolean =>
    Boolean(node.marks?.length) || node.type.endsWith('List') || (node.content ?? []).some(walk)
  return walk(doc as AnyNode)
}
