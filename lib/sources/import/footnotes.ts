// Footnotes in text pasted from a PDF: at the foot of a page, just above its page number or
// running footer, lines that start with a note mark ("¹ See …", "3 Ibid.") which the body refers
// to ("…the treaty.³", "…the treaty.3"). They are taken out of the page they interrupt and kept
// apart, after the text.
import type { Line } from './text-lines'

const SUPERSCRIPTS = '¹²³⁴⁵⁶⁷⁸⁹⁰'
const MARKED_LINE = /^([¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}|\d{1,3}|[*†‡])\s*(?=\S)/u
const MAX_NOTE_LINES = 12

const fromSuperscript = (mark: string) =>
  [...mark].map((char) => String(SUPERSCRIPTS.indexOf(char) === 9 ? 0 : SUPERSCRIPTS.indexOf(char) + 1)).join('')

/** The note numbers the body refers to: "word.³", "word³", or a number glued after punctuation, "treaty.3". */
function referencedNumbers(body: string): Set<string> {
  const numbers = new Set<string>()
  for (const match of body.matchAll(/[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}/gu)) numbers.add(fromSuperscript(match[0]))
  for (const match of body.matchAll(/\p{L}[.,;:”"’)](\d{1,3})(?!\d)/gu)) numbers.add(match[1]!)
  return numbers
}

/** Marks the note lines at the foot of each page; returns them in order, each note's lines joined. */
export function takeFootnotes(lines: Line[]): string[] {
  const referenced = referencedNumbers(lines.map((line) => line.text).join('\n'))
  const notes: string[] = []
  for (let end = 0; end < lines.length; end++) {
    if (!lines[end]!.pageBreak && end !== lines.length - 1) continue
    // Lines above the page break (or the last line), up to the first blank line.
    let top = end - (lines[end]!.pageBreak ? 1 : 0)
    while (top >= 0 && lines[top]!.junk) top--
    const bottom = top
    let first = -1
    for (
      let i = bottom;
      i >= 0 && bottom - i < MAX_NOTE_LINES && lines[i]!.text && !lines[i]!.junk && !lines[i]!.note;
      i--
    ) {
      const mark = MARKED_LINE.exec(lines[i]!.text)?.[1]
      if (!mark) continue
      const number = /\d/.test(mark) ? (SUPERSCRIPTS.includes(mark[0]!) ? fromSuperscript(mark) : mark) : undefined
      if (SUPERSCRIPTS.includes(mark[0]!) || (number && referenced.has(number))) first = i
    }
    if (first < 0) continue
    let note = ''
    for (let i = first; i <= bottom; i++) {
      const text = lines[i]!.text
      if (MARKED_LINE.test(text) && note) {
        notes.push(note)
        note = ''
      }
      note = note
        ? `${note} ${text}`
        : text.replace(
            MARKED_LINE,
            (mark) => `${SUPERSCRIPTS.includes(mark[0]!) ? fromSuperscript(mark.trim()) : mark.trim()} `,
          )
      lines[i]!.note = true
    }
    if (note) notes.push(note)
  }
  return notes
}
