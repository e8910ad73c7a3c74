// Turns text as received (a paste, a .txt file, text copied from a web page or a PDF) into
// canonical blocks. Page furniture is flagged, never silently dropped: every block set aside is
// listed with its reason so a person can restore it. The rules are general ones about how pages
// and PDFs look when copied (see import/text-lines.ts); every step is linear in the text's length,
// since this runs in the browser as the person types.
import { kindOf } from './blocks'
import { isDateline, parseByline } from './import/byline'
import type { ImportedBlock, ImportResult } from './import/draft'
import { takeFootnotes } from './import/footnotes'
import {
  canonicalLines,
  isLabelLike,
  junkOfLine,
  markRepeatedLabels,
  markRunningLines,
  paragraphsOf,
  joinWrapped,
  wordCount,
  wordsOf,
  type Line,
} from './import/text-lines'
import { cleanCitationMarks, noteNumbers, removeNoteMarks } from './import/text-rules'

export { canonicalLines } from './import/text-lines'
export {
  canonicalTextOf,
  droppedBlocksOf,
  layoutOf,
  withChoices,
  type ImportedBlock,
  type ImportResult,
} from './import/draft'

const SENTENCE_END = /[.!?:;"”’」』。．！？…]$/
const QUOTED = /^>\s?/

export function importText(raw: string): ImportResult {
  const lines: Line[] = canonicalLines(raw).map((text) => {
    const junk = text ? junkOfLine(text) : undefined
    return junk
      ? { text, junk, pageBreak: junk === 'page break' || junk === 'page number' || /^\d{1,4}$/.test(text) }
      : { text }
  })
  markRunningLines(lines)
  markRepeatedLabels(lines)
  const notes = takeFootnotes(lines)
  const words = wordsOf(lines.filter((line) => !line.junk).map((line) => line.text))
  const blocks = joinAcrossPages(blocksOfLines(lines, words), words)
  markPitches(blocks)
  const { metadata, title } = readHead(blocks)
  markLabelsOfDropped(blocks, title)
  const numbers = noteNumbers(notes)
  for (const block of blocks) if (!block.junkReason) block.text = removeNoteMarks(block.text, numbers)
  if (notes.length > 0)
    blocks.push(
      { text: 'Notes', kind: 'heading', level: 2 },
      ...notes.map((text): ImportedBlock => ({ text, kind: 'paragraph' })),
    )
  return { blocks: blocks.filter((block) => block.text !== '\f'), metadata }
}

/**
 * Blocks at blank lines. A block that reads as a menu or widget is set aside whole; inside any
 * other, runs of kept lines and runs of junk lines become blocks of their own.
 */
function blocksOfLines(lines: Line[], words: ReadonlySet<string>): ImportedBlock[] {
  const blocks: ImportedBlock[] = []
  let group: Line[] = []
  const flushGroup = () => {
    if (group.length > 0 && isWidget(group.map((line) => line.text))) {
      blocks.push({
        text: group.map((line) => line.text).join('\n'),
        kind: 'paragraph',
        junkReason: 'a menu or widget (short lines, no sentences)',
      })
    } else for (const line of group) add(line)
    flush()
    group = []
  }
  let run: Line[] = []
  const add = (line: Line) => {
    if (run.length > 0 && !run[0]!.junk !== !line.junk) flush()
    run.push(line)
  }
  const flush = () => {
    if (run.length === 0) return
    const junk = run[0]!.junk
    if (junk) {
      const reasons = new Set(run.map((line) => line.junk))
      blocks.push({
        text: run.map((line) => line.text).join('\n'),
        kind: 'paragraph',
        junkReason: reasons.size === 1 ? junk : 'page furniture',
      })
    } else
      blocks.push(
        ...keptBlocks(
          run.map((line) => line.text),
          words,
        ),
      )
    run = []
  }
  for (const line of lines) {
    if (line.note) continue
    if (line.text && line.text !== '\f') group.push(line)
    else flushGroup()
  }
  flushGroup()
  return blocks
}

/** A run of text lines: a quote, a list, verse, or hard-wrapped paragraphs; or a menu of short lines. */
function keptBlocks(lines: string[], words: ReadonlySet<string>): ImportedBlock[] {
  const quoted = lines.every((line) => QUOTED.test(line))
  const texts = paragraphsOf(quoted ? lines.map((line) => line.replace(QUOTED, '')) : lines, words).map(
    cleanCitationMarks,
  )
  return texts.map((text) => ({ text, kind: quoted ? 'quote' : kindOf(text) }))
}

/** Four lines or more, nearly all short and almost none ending a sentence: a menu, a price table, a counter. */
function isWidget(lines: string[]): boolean {
  if (lines.length < 4) return false
  const short = lines.filter((line) => wordCount(line) <= 8).length
  const sentences = lines.filter((line) => /[.;,?。．？；，、」』؟،।]$/u.test(line)).length
  return short >= lines.length * 0.75 && sentences <= lines.length * 0.25
}

/** A paragraph cut by a page break (a page number, a running head) goes on after it: rejoined. */
function joinAcrossPages(blocks: ImportedBlock[], words: ReadonlySet<string>): ImportedBlock[] {
  const joined: ImportedBlock[] = []
  let between: ImportedBlock[] = []
  for (const block of blocks) {
    if (block.junkReason) {
      between.push(block)
      continue
    }
    const last = joined.at(-1)
    const brokenByPage = between.some((junk) => /page|running/.test(junk.junkReason!))
    if (
      last &&
      !last.junkReason &&
      brokenByPage &&
      last.kind === 'paragraph' &&
      !SENTENCE_END.test(last.text) &&
      /^\p{Ll}/u.test(block.text)
    ) {
      last.text = joinWrapped(last.text, block.text, words)
    } else {
      joined.push(...between)
      between = []
      joined.push(block)
      continue
    }
    joined.push(...between.splice(0))
    // Keep the joined paragraph last, so the next piece can join it too.
    joined.push(joined.splice(joined.indexOf(last), 1)[0]!)
  }
  return [...joined, ...between]
}

const SECOND_PERSON = /\b(?:you|your|yours)\b/i
const FIRST_PLURAL = /\b(?:we|our|ours|us)\b/i

/**
 * A business talking to its customer inside a pasted page: a short paragraph that says "your"
 * and "our" (or exclaims at "you"), in a text whose longer paragraphs do not speak that way.
 */
function markPitches(blocks: ImportedBlock[]): void {
  const prose = blocks.filter(
    (block) =>
      !block.junkReason && block.kind === 'paragraph' && (block.text.length > 1_000 || wordCount(block.text) > 60),
  )
  const prosePitches = prose.filter((block) => SECOND_PERSON.test(block.text) && FIRST_PLURAL.test(block.text)).length
  if (prosePitches > prose.length * 0.2) return
  for (const block of blocks) {
    if (block.junkReason || block.kind === 'heading' || block.text.length > 1_000) continue
    const words = wordCount(block.text)
    const pitch =
      words <= 60 &&
      SECOND_PERSON.test(block.text) &&
      (FIRST_PLURAL.test(block.text) || (words <= 30 && /!$/.test(block.text)))
    if (pitch) block.junkReason = 'addresses the reader like an advert'
  }
}

/**
 * Headings and labels of what was set aside: a heading followed directly by a dropped block (the
 * title of an advert, a counter's caption), a label ending in ":" with nothing kept after it, and a
 * heading squeezed between a dropped block and the next heading. Read from the end, so a chain of
 * labels goes with the box they name.
 */
function markLabelsOfDropped(blocks: ImportedBlock[], title: ImportedBlock | undefined): void {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i]!
    if (block.junkReason || block === title) continue
    const next = blocks[i + 1]
    const previous = blocks[i - 1]
    const label = block.kind === 'heading' || (wordCount(block.text) <= 4 && /:$/.test(block.text))
    if (!label) continue
    if (next?.junkReason || (!next && /:$/.test(block.text))) block.junkReason = 'the label of a block set aside'
    else if (block.kind === 'heading' && previous?.junkReason && next?.kind === 'heading' && wordCount(block.text) <= 2)
      block.junkReason = 'a stray label between page furniture'
  }
}

/** The title (the first heading), and a byline or date line near the top, as metadata. */
function readHead(blocks: ImportedBlock[]): { metadata: ImportResult['metadata']; title?: ImportedBlock } {
  const metadata: ImportResult['metadata'] = {}
  let title: ImportedBlock | undefined
  let seen = 0
  for (const block of blocks) {
    if (block.junkReason) continue
    if (++seen > 6 || (block.kind === 'paragraph' && wordCount(block.text) > 40)) break
    if (!title && block.kind === 'heading' && isLabelLike(block.text) && seen <= 2) {
      title = block
      metadata.title = block.text
      continue
    }
    const byline = parseByline(block.text)
    if (byline && !metadata.author) {
      metadata.author = byline.author
      if (byline.year) metadata.year = byline.year
      block.junkReason = 'the byline (in the Author field)'
    } else if (isDateline(block.text) && block.kind !== 'paragraph') {
      block.junkReason = 'the date line'
    }
  }
  return { metadata, title }
}
