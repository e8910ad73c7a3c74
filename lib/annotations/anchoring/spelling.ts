// A typo fixed inside a highlight: the one change to a passage's own words that keeps it EXACT
// (with the corrected words). What the person tagged is still what the text says. Anything more
// is MOVED, for them to confirm: changing one word can turn a claim around.
import { SPELLING_LONG_WORD, SPELLING_MAX_EDITS, SPELLING_MAX_EDITS_LONG, SPELLING_MIN_LETTERS } from './thresholds'

const TOKENS = /\p{L}+|[^\p{L}]+/gu
const LETTERS = /^\p{L}/u
// Japanese, Chinese and Korean words have no spaces around them, and one character is a word:
// a change there is never taken for a typo.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
export function typoDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d = new Array<number>(rows * cols)
  for (let i = 0; i < rows; i++) d[i * cols] = i
  for (let j = 0; j < cols; j++) d[j] = j
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1)
      d[i * cols + j] = best
    }
  }
  return d[rows * cols - 1]!
}

/**
 * True when `after` is `before` with one misspelt word corrected: exactly one word differs (all
 * else, digits and punctuation included, is the same); both spellings have at least
 * SPELLING_MIN_LETTERS letters, no CJK, the same first and last letter (so no "ever" → "never",
 * "possible" → "impossible", "strengthen" → "strengthens") and are within SPELLING_MAX_EDITS of
 * each other; and the old spelling is used nowhere else in the old text, as a misspelling
 * rarely is, while the new one is used elsewhere in the new text, as a real word of the text
 * usually is. (A typo made, rather than fixed, or a word the text uses only once, is MOVED.)
 */
export function isSpellingCorrection(
  before: string,
  after: string,
  counts: { before(word: string): number; after(word: string): number },
): boolean {
  const a = before.match(TOKENS) ?? []
  const b = after.match(TOKENS) ?? []
  if (a.length !== b.length) return false
  let changed: [string, string] | undefined
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue
    if (changed || !LETTERS.test(a[i]!) || !LETTERS.test(b[i]!)) return false
    changed = [a[i]!, b[i]!]
  }
  if (!changed) return false
  const [from, to] = changed.map((word) => word.toLowerCase()) as [string, string]
  if (CJK.test(from) || CJK.test(to)) return false
  if (Math.min(from.length, to.length) < SPELLING_MIN_LETTERS) return false
  if (from[0] !== to[0] || from[from.length - 1] !== to[to.length - 1]) return false
  const allowed = Math.min(from.length, to.length) >= SPELLING_LONG_WORD ? SPELLING_MAX_EDITS_LONG : SPELLING_MAX_EDITS
  return typoDistance(from, to) <= allowed && counts.before(from) <= 1 && counts.after(to) >= 2
}
