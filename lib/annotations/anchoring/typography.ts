// Typography-insensitive text: a folded copy of a text in which quote styles, dashes, spacing,
// line breaks and Unicode forms no longer differ, with the way back to the original offsets.
// Re-anchoring compares and diffs folded texts, so an edit that only changes typography is
// invisible to it and the highlights it touches stay EXACT.
import { lowerBound } from '../lower-bound'

export interface FoldedText {
  /** The folded text. Paragraph boundaries (a blank line) are kept as exactly "\n\n". */
  text: string
  /** Original offset where the source of each folded character starts. */
  starts: Int32Array
  /** Original offset where the source of each folded character ends. */
  ends: Int32Array
  /** Length of the original text. */
  originalLength: number
}

const DOUBLE_QUOTES = new Set('"“”„‟〝〞＂«»')
const SINGLE_QUOTES = new Set("'‘’‚‛`′‹›")
// Not the Japanese long-vowel mark (ー), which is a letter.
const DASHES = new Set('-‐‑‒–—―−⸺⸻﹘﹣－')
const INVISIBLE = new Set('\u00ad\u200b\u200c\u200d\u2060\ufeff')
const MARK = /^\p{M}$/u
const SPACE = /^\s$/u

/** Han, kana, Hangul, CJK punctuation and full-width forms: scripts written without spaces. */
function isCjk(code: number): boolean {
  return (
    (code >= 0x3000 && code <= 0x30ff) ||
    (code >= 0x3400 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xffef) ||
    (code >= 0xd840 && code <= 0xd87f)
  )
}

function foldChar(char: string): string {
  if (DOUBLE_QUOTES.has(char)) return '"'
  if (SINGLE_QUOTES.has(char)) return "'"
  if (DASHES.has(char)) return '-'
  return char
}

// Most characters fold to themselves; each distinct one is worked out once.
const foldedChars = new Map<string, string>()
function foldSegment(segment: string): string {
  let folded = foldedChars.get(segment)
  if (folded === undefined) {
    folded = [...segment.normalize('NFKC')].map(foldChar).join('')
    if (foldedChars.size < 65_536) foldedChars.set(segment, folded)
  }
  return folded
}

/**
 * Folds `text`: NFKC per character (NFC/NFD, full- and half-width forms, ligatures, "…"), one
 * quote of each kind, one dash for every dash and runs of dashes, whitespace runs as one space
 * ("\n\n" when they hold a blank line), and no space beside a dash or a CJK character (Japanese
 * has no spaces; a line wrapped there is typography). Invisible characters are dropped.
 */
export function fold(original: string): FoldedText {
  // The same text is often folded again (each highlight's edit from one version, a benchmark).
  if (original.length < CACHED_FROM) return foldText(original)
  const known = recentlyFolded.find((entry) => entry.text === original)
  if (known) return known.folded
  const folded = foldText(original)
  recentlyFolded.unshift({ text: original, folded })
  recentlyFolded.length = Math.min(recentlyFolded.length, 4)
  return folded
}

const recentlyFolded: { text: string; folded: FoldedText }[] = []
/** Quotes and their context are folded afresh; only whole texts are worth remembering. */
const CACHED_FROM = 1_000

function foldText(original: string): FoldedText {
  const out: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  // Whitespace is held back until the next visible character says whether it is kept.
  let spaceFrom = -1
  let spaceTo = -1
  let newlines = 0
  let previousCjk = false

  // One entry per UTF-16 unit, so folded offsets index `starts`/`ends` even past an emoji.
  const emit = (char: string, from: number, to: number) => {
    out.push(char)
    for (let unit = 0; unit < char.length; unit++) {
      starts.push(from)
      ends.push(to)
    }
  }
  const flushSpace = (nextChar: string | undefined, nextCjk: boolean) => {
    if (spaceFrom < 0) return
    if (newlines >= 2) {
      if (out.length > 0 && nextChar !== undefined) {
        emit('\n', spaceFrom, spaceTo)
        emit('\n', spaceFrom, spaceTo)
      }
    } else {
      const last = out[out.length - 1]
      const dropped =
        out.length === 0 ||
        nextChar === undefined ||
        last === '-' ||
        nextChar === '-' ||
        previousCjk ||
        nextCjk ||
        last === '\n'
      if (!dropped) emit(' ', spaceFrom, spaceTo)
    }
    spaceFrom = -1
    newlines = 0
  }
  const visible = (folded: string, from: number, to: number, cjk: boolean) => {
    for (const char of folded.length === 1 ? [folded] : folded) {
      if (spaceFrom >= 0) flushSpace(char, cjk)
      // A run of dashes ("--", "– –") is one dash; the spaces beside them are already gone.
      if (char === '-' && out[out.length - 1] === '-') ends[ends.length - 1] = to
      else emit(char, from, to)
    }
    previousCjk = cjk
  }

  const length = original.length
  let i = 0
  while (i < length) {
    const code = original.charCodeAt(i)
    let j = i + (code >= 0xd800 && code <= 0xdbff && i + 1 < length ? 2 : 1)
    while (j < length && original.charCodeAt(j) >= 0x300 && MARK.test(original[j]!)) j++
    if (j === i + 1 && code < 0x80) {
      // ASCII, the common case, without regular expressions.
      if (code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0b || code === 0x0c) {
        if (spaceFrom < 0) spaceFrom = i
        spaceTo = j
        if (code === 0x0a) newlines++
      } else visible(code === 0x22 ? '"' : code === 0x27 || code === 0x60 ? "'" : original[i]!, i, j, false)
    } else {
      const segment = original.slice(i, j)
      if (j === i + 1 && SPACE.test(segment)) {
        if (spaceFrom < 0) spaceFrom = i
        spaceTo = j
      } else if (!INVISIBLE.has(segment)) visible(foldSegment(segment), i, j, isCjk(code))
    }
    i = j
  }
  flushSpace(undefined, false)
  return { text: out.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends), originalLength: length }
}

/**
 * The folded index where a span starting at original offset `offset` starts: the folded
 * character whose source holds the offset (a span may start inside "――" or "é" decomposed).
 */
export function foldedStart(folded: FoldedText, offset: number): number {
  return lowerBound(folded.ends, offset + 1)
}

/** The folded index where a span ending at original offset `offset` ends (after any character it reaches into). */
export function foldedEnd(folded: FoldedText, offset: number): number {
  return lowerBound(folded.starts, offset)
}

/** The original offset where folded index `index` starts. */
export function originalStart(folded: FoldedText, index: number): number {
  return index < folded.starts.length ? folded.starts[index]! : folded.originalLength
}

/** The original offset where a folded span ending at `index` ends. */
export function originalEnd(folded: FoldedText, index: number): number {
  return index > 0 ? folded.ends[Math.min(index, folded.ends.length) - 1]! : 0
}

/** The folded form of a short string, for comparisons. */
export function foldedString(text: string): string {
  return foldText(text).text
}
