// A 500,000-character source (the limit) made of the demo essays, and the large edit of the
// re-anchoring benchmark: the sentences of every paragraph reshuffled. Each copy of an essay
// carries its own footnote markers, so its sentences are as distinct as a long book's.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { anchorAt, type TextAnchor } from '../../lib/annotations/anchoring'
import { blocksOf } from '../../lib/sources/blocks'
import { canonicalTextOf, importText } from '../../lib/sources/importer'
import { MAX_SOURCE_CHARS } from '../../lib/sources/schema'
import { seededRandom } from './stats'

const ESSAYS = join(process.cwd(), 'prisma', 'demo-essays')
const SENTENCE = /[^.!?]+[.!?]+["”’)]*(?:\s+|$)/g

/** A copy's mark in letters (a, b, … z, ba, bb …): the importer reads numbers in repeated lines as page numbers. */
function copyMark(copy: number): string {
  let mark = ''
  for (let n = copy; n > 0; n = Math.floor(n / 26)) mark = String.fromCharCode(97 + (n % 26)) + mark
  return mark
}

export function longSource(): string {
  const essays = readdirSync(ESSAYS)
    .sort()
    .map((name) => canonicalTextOf(importText(readFileSync(join(ESSAYS, name), 'utf8')).blocks))
  const paragraphs: string[] = []
  let length = 0
  for (let copy = 1; length < MAX_SOURCE_CHARS; copy++) {
    for (const essay of essays) {
      for (const block of blocksOf(essay)) {
        let note = 0
        // Headings and list items too, or the importer would set their repeats aside as junk.
        const sentences = block.text.replace(SENTENCE, (sentence) =>
          sentence.replace(/([.!?]+["”’)]*)(\s*)$/, ` [${copyMark(copy)}-${++note}]$1$2`),
        )
        const marked =
          sentences !== block.text
            ? sentences
            : block.text.replace(/\n|$/g, (end) => ` [${copyMark(copy)}-${++note}]${end}`)
        if (length + marked.length + 2 > MAX_SOURCE_CHARS) return paragraphs.join('\n\n')
        paragraphs.push(marked)
        length += marked.length + 2
      }
    }
  }
  return paragraphs.join('\n\n')
}

/** The long source as Colloquy stores it: the importer must keep every block, or offsets would not match. */
export function checkedLongSource(): string {
  const text = longSource()
  const stored = canonicalTextOf(importText(text).blocks)
  if (stored !== text)
    throw new Error(
      `The importer would store the long source differently (${stored.length} of ${text.length} chars kept).`,
    )
  return text
}

/** The sentences of every paragraph in a new order: the largest edit a save can make, short of a new text. */
export function reshuffleSentences(text: string, seed: number): string {
  const random = seededRandom(seed)
  return text
    .split('\n\n')
    .map((paragraph) => {
      const sentences = paragraph.match(SENTENCE)?.map((s) => s.trim()) ?? []
      const rest = paragraph.slice((paragraph.match(SENTENCE) ?? []).join('').length).trim()
      if (rest) sentences.push(rest)
      if (sentences.length < 2) return paragraph
      for (let i = sentences.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1))
        ;[sentences[i], sentences[j]] = [sentences[j]!, sentences[i]!]
      }
      return sentences.join(' ')
    })
    .join('\n\n')
}

/** Highlights of 20 to 300 characters at seeded places, snapped to whole words. */
export function randomAnchors(text: string, count: number, seed: number): TextAnchor[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => {
    let start = Math.floor(random() * (text.length - 320))
    while (start > 0 && /\S/.test(text[start - 1]!)) start--
    let end = start + 20 + Math.floor(random() * 281)
    while (end < text.length && /\S/.test(text[end]!)) end++
    return anchorAt(text, start, end)
  })
}
