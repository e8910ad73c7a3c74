// Tidying a reader's selection before it becomes a highlight, and moving through text by words
// and characters (shared by the reader and tests). Words are found by the platform's word
// segmenter (Intl.Segmenter, ICU's dictionaries), so Japanese, Chinese and Thai, written without
// spaces, move and snap by their words too; characters are grapheme clusters, so an emoji, a flag
// or a letter with its marks is one step.

const WORD = /[\p{L}\p{N}'’-]/u
/** Scripts written without spaces between words: only a dictionary knows where their words end. */
const SPACELESS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
/** How far around an offset to look for its words: far more than any word, far less than an essay. */
const WINDOW = 200

const words = new Intl.Segmenter(undefined, { granularity: 'word' })
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

interface Piece {
  start: number
  end: number
  isWord: boolean
}

/** The word segments of the text near `from` to `to`, with offsets in the whole text. */
function wordsNear(text: string, from: number, to = from): Piece[] {
  const base = Math.max(0, from - WINDOW)
  return Array.from(words.segment(text.slice(base, Math.min(text.length, to + WINDOW))), (s) => ({
    start: base + s.index,
    end: base + s.index + s.segment.length,
    isWord: s.isWordLike ?? false,
  }))
}

/** The dictionary word around a cut at `at` in spaceless text, or null. */
function spacelessWordAt(text: string, at: number): Piece | null {
  if (!SPACELESS.test(text.slice(Math.max(0, at - 1), at + 1))) return null
  return wordsNear(text, at).find((w) => w.isWord && w.start < at && at < w.end) ?? null
}

/** Widens a selection that cuts a word to whole words, and drops surrounding spaces. */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  let s = start
  let e = end
  while (s < e && /\s/.test(text[s]!)) s++
  while (e > s && /\s/.test(text[e - 1]!)) e--
  if (s === e) return { start, end }
  s = spacelessWordAt(text, s)?.start ?? s
  e = spacelessWordAt(text, e)?.end ?? e
  while (s > 0 && WORD.test(text[s - 1]!) && WORD.test(text[s]!) && !SPACELESS.test(text[s]!)) s--
  while (e < text.length && WORD.test(text[e]!) && WORD.test(text[e - 1]!) && !SPACELESS.test(text[e - 1]!)) e++
  return { start: s, end: e }
}

/** The end of the next word after `from` (Ctrl+→), or the text's end. */
export function nextWordEnd(text: string, from: number): number {
  for (let at = from; at < text.length; at += WINDOW) {
    const next = wordsNear(text, at, at + WINDOW).find((w) => w.isWord && w.end > from)
    if (next) return next.end
  }
  return text.length
}

/** The start of the word before `from` (Ctrl+←), or the text's start. */
export function previousWordStart(text: string, from: number): number {
  for (let at = from; at > 0; at -= WINDOW) {
    const before = wordsNear(text, at - WINDOW, at).filter((w) => w.isWord && w.start < from)
    if (before.length) return before[before.length - 1]!.start
  }
  return 0
}

/** The offset one character (grapheme cluster) after or before `from`. */
export function nextCharacter(text: string, from: number): number {
  const [first] = graphemes.segment(text.slice(from, from + 64))
  return first ? from + first.segment.length : text.length
}

export function previousCharacter(text: string, from: number): number {
  const base = Math.max(0, from - 64)
  const before = Array.from(graphemes.segment(text.slice(base, from)))
  const last = before[before.length - 1]
  return last ? base + last.index : 0
}

/** Whether a paragraph reads right to left: its first letter is Hebrew, Arabic or another RTL script (as dir="auto"). */
export function readsRightToLeft(text: string): boolean {
  const first = /\p{L}/u.exec(text)?.[0]
  return (
    first !== undefined &&
    /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u.test(first)
  )
}
