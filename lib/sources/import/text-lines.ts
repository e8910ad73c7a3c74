// Line by line rules for pasted text and .txt files: what a single line is when it is not prose
// (a page number, a running head, a counter, a price tag, stray punctuation, a button label), and
// how the lines of a hard-wrapped paragraph join. General rules of how pasted pages and PDFs look,
// not phrases from particular sites. Everything here is linear in the length of the text: it runs
// in the browser as the person types.
import { comparable } from './text-rules'

export interface Line {
  text: string
  /** Why the line is not part of the text; absent when it is. */
  junk?: string
  /** A page ends after this line (a form feed, or a page number or running head). */
  pageBreak?: boolean
  /** A footnote's line, moved after the text. */
  note?: boolean
}

/** Lines of a paste as they came, normalised: NFC, one kind of line end, spaces tidied. */
export function canonicalLines(raw: string): string[] {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n\f\n')
    .replace(/[\u00a0\u2007\u202f\t]/g, ' ')
    .replace(/[\u200b\ufeff\u00ad]/g, '')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
}

/** A line that could be a heading or a label: short, with no sentence punctuation at its end. */
export function isLabelLike(text: string): boolean {
  return text.length > 0 && text.length <= 120 && !/[.!?:;,"”’」』。．！？…]$/.test(text)
}

/** Scripts written without spaces between words: Chinese, Japanese, Thai, Lao, Khmer, Myanmar. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
let wordSegmenter: Intl.Segmenter | undefined

/**
 * The number of words: spaces tell them apart in most scripts; where a script does not use them
 * (a Japanese sentence is one "word" between spaces), the platform's word segmenter counts.
 */
export function wordCount(text: string): number {
  if (!UNSPACED.test(text)) return (text.match(/\S+/g) ?? []).length
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' })
  let count = 0
  for (const segment of wordSegmenter.segment(text)) if (segment.isWordLike) count++
  return count
}

const PAGE_NUMBER =
  /^(?:page|p\.|seite|página|pagina)\s*\d{1,4}(?:\s*(?:of|\/|von|de|di)\s*\d{1,4})?$|^\d{1,4}\s*(?:of|\/)\s*\d{1,4}$|^[-–—]\s?\d{1,4}\s?[-–—]$|^[ivxlc]{1,6}$/i
const LONE_SYMBOLS = /^[\p{P}\p{S}\s]{1,5}$/u
const NUMBERS_ONLY = /^[\d\s%:.,/+-]{1,12}$/
const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/
const PRICE = /\d\s?%|[$€£¥₹]\s?\d|\d\s?(?:USD|EUR|GBP|JPY)\b/

/**
 * Whole lines that are the interface words every website uses (in a few languages): buttons,
 * menu entries and advert labels. Matched only as a complete line, never inside a sentence.
 */
const INTERFACE_WORDS = new Set([
  'advertisement',
  'advert',
  'ad',
  'ads',
  'sponsored',
  'sponsored content',
  'promoted',
  'anzeige',
  'werbung',
  'publicité',
  'publicidad',
  'pubblicità',
  '広告',
  'pr',
  'order now',
  'buy now',
  'shop now',
  'subscribe',
  'subscribe now',
  'sign up',
  'sign in',
  'log in',
  'login',
  'register',
  'menu',
  'close',
  'search',
  'share',
  'share this',
  'share this article',
  'print',
  'email',
  'tweet',
  'read more',
  'continue reading',
  'click here',
  'download',
  'skip to content',
  'skip to main content',
  'back to top',
  'loading',
  'next',
  'previous',
  'more',
  'home',
  'reply',
  'comments',
  'leave a comment',
  'cookie settings',
  'accept',
  'accept all',
  'reject all',
  'got it',
  'ok',
  'live chat',
  'chat now',
  'call back',
  'contact us',
  'help',
])

/** Why one line, read alone, is not text. */
export function junkOfLine(text: string): string | undefined {
  // Every rule here is about short lines; a long one is text.
  if (text.length > 300) return undefined
  if (text.length <= 40 && INTERFACE_WORDS.has(comparable(text))) return 'a button or menu label'
  if (text === '\f') return 'page break'
  if (PAGE_NUMBER.test(text)) return 'page number'
  if (LONE_SYMBOLS.test(text)) return 'lone punctuation'
  if (NUMBERS_ONLY.test(text)) return 'a number on its own (a page number or counter)'
  if (text.length <= 30 && /\d/.test(text) && SLUG.test(text) && text.includes('-')) return 'a file or page name'
  const words = wordCount(text)
  if (words <= 12 && isLabelLike(text) && PRICE.test(text)) return 'price or offer'
  if (words <= 8 && repeatsItself(text)) return 'button labels'
  return undefined
}

/** "Call back Call back": a run of one to three words said twice in a row, as button labels read when copied. */
function repeatsItself(text: string): boolean {
  const words = comparable(text).split(' ')
  for (let size = 1; size <= 3; size++) {
    for (let i = 0; i + 2 * size <= words.length; i++) {
      let same = true
      for (let k = 0; k < size && same; k++) same = words[i + k] === words[i + size + k]
      if (same && words.slice(i, i + size).join('').length >= 3) return true
    }
  }
  return false
}

/**
 * Lines that recur on many pages (running heads and footers of a PDF, a site's menu pasted with
 * every page): short lines seen three times or more, page numbers inside them ignored.
 */
export function markRunningLines(lines: Line[]): void {
  const counts = new Map<string, number>()
  const keyOf = (text: string) => comparable(text.replace(/\d+/g, ' '))
  const short = (line: Line) =>
    !line.junk && line.text.length > 0 && line.text.length <= 200 && wordCount(line.text) <= 12
  for (const line of lines) {
    if (!short(line)) continue
    const key = keyOf(line.text)
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  for (const line of lines) {
    if (!short(line)) continue
    if ((counts.get(keyOf(line.text)) ?? 0) >= 3) {
      line.junk = 'repeats on every page (running head or footer)'
      line.pageBreak = true
    }
  }
}

/**
 * Short label lines that appear more than once: a button or menu item (two words or three) is
 * dropped everywhere; a longer line (a title pasted twice) only where it repeats.
 */
export function markRepeatedLabels(lines: Line[]): void {
  const seen = new Map<string, number>()
  const counts = new Map<string, number>()
  const labels = lines.filter((line) => !line.junk && isLabelLike(line.text))
  for (const line of labels) {
    const key = comparable(line.text)
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  for (const line of labels) {
    const key = comparable(line.text)
    const count = counts.get(key) ?? 0
    if (count < 2) continue
    const occurrence = (seen.get(key) ?? 0) + 1
    seen.set(key, occurrence)
    if (wordCount(line.text) <= 3) line.junk = 'appears more than once, like a button or menu'
    else if (occurrence > 1) line.junk = 'repeats an earlier line'
  }
}

const SENTENCE_END = /[.!?:;"”’」』。．！？…)]$/
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}、。「」『』（）！？：；]/u
const LIST_ITEM = /^(?:[•◦▪‣*-]|\d{1,3}[.)]|[a-z][.)])\s+/

/**
 * The paragraphs of a block of lines. Hard-wrapped prose (lines filling a column) is joined into
 * paragraphs, a new one starting after a line that ends a sentence well short of the column;
 * short lines (verse, an address) keep their breaks. Line-end hyphens are joined back into the
 * word ("sup-/ports") unless the document spells the word with its hyphen elsewhere.
 */
export function paragraphsOf(lines: string[], words: ReadonlySet<string>): string[] {
  if (lines.length === 1) return lines
  if (lines.every((line) => LIST_ITEM.test(line))) return [lines.join('\n')]
  const column = columnWidth(lines)
  // Lines longer than any column are paragraphs of their own, pasted without blank lines between.
  if (column > MAX_COLUMN) return lines
  const wrapped = column >= 40 && lines.filter((line) => line.length >= column * 0.6).length >= (lines.length - 1) / 2
  if (!wrapped) return [lines.join('\n')]
  const paragraphs: string[] = []
  let current = lines[0]!
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1]!
    const line = lines[i]!
    const ends = SENTENCE_END.test(previous) && previous.length < column * 0.8
    if (ends || LIST_ITEM.test(line)) {
      paragraphs.push(current)
      current = line
    } else current = joinWrapped(current, line, words)
  }
  paragraphs.push(current)
  return paragraphs
}

/** Two pieces of one paragraph split at a line end (or a page break). */
export function joinWrapped(text: string, next: string, words: ReadonlySet<string>): string {
  const hyphen = /(\p{L}+)-$/u.exec(text)
  if (hyphen && /^\p{Ll}/u.test(next)) {
    const rest = /^\p{L}+/u.exec(next)?.[0] ?? ''
    const joined = `${hyphen[1]}${rest}`.toLowerCase()
    const hyphenated = `${hyphen[1]}-${rest}`.toLowerCase()
    if (!words.has(hyphenated) || words.has(joined)) return text.slice(0, -1) + next
    return text + next
  }
  if (CJK.test(text.slice(-1)) && CJK.test(next[0] ?? '')) return text + next
  return `${text} ${next}`
}

/**
 * Every word of the document, lower-cased, hyphenated compounds included: to tell "well-known"
 * from "sup-ports". Collected on first use: most texts never break a word at a line end.
 */
export function wordsOf(lines: string[]): ReadonlySet<string> {
  let words: Set<string> | undefined
  const collect = () => {
    words = new Set()
    for (const line of lines) for (const word of line.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? []) words.add(word)
    return words
  }
  return { has: (word: string) => (words ?? collect()).has(word) } as ReadonlySet<string>
}

const MAX_COLUMN = 160

/** The width hard-wrapped lines fill: the longest lines of the block, ignoring an outlier. */
function columnWidth(lines: string[]): number {
  const lengths = lines.filter((line) => line.length > 0).map((line) => line.length)
  if (lengths.length === 0) return 0
  lengths.sort((a, b) => a - b)
  return lengths[Math.floor(lengths.length * 0.9)] ?? 0
}
