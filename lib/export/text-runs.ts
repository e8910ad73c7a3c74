// One line of text as runs a font can shape: the Unicode Bidirectional Algorithm (bidi-js)
// gives each character its direction, each grapheme cluster goes to the first font of the face's
// fallback chain that has it, and the runs come out in visual order, left to right. Pure: the
// fonts are asked through `covers`, so the same code serves every renderer and the tests.
import bidiFactory from 'bidi-js'
import { clustersOf } from './graphemes'

const bidi = bidiFactory()

/** Which font a run is set in: the face's own font or one of the fallbacks (fonts.ts names them). */
export type FontKey = 'base' | 'arabic' | 'hebrew' | 'devanagari' | 'jp' | 'sc' | 'kr' | 'emoji'

/** Whether a font has a glyph for every code point given. */
export type Covers = (key: FontKey, codePoints: number[]) => boolean

export interface TextRun {
  /** The run's characters in logical order, brackets mirrored where the run is right to left. */
  text: string
  font: FontKey
  /** Right to left: the font shapes it in logical order and lays the glyphs out reversed. */
  rtl: boolean
}

// Fonts for the scripts the base faces (DejaVu) lack or set without shaping, tried in this
// order for a character no earlier font has; Han goes to Japanese first, the seminar's language.
const FALLBACK_ORDER: FontKey[] = ['base', 'arabic', 'hebrew', 'devanagari', 'jp', 'sc', 'kr', 'emoji']
const BY_SCRIPT: [RegExp, FontKey[]][] = [
  [/\p{Script=Arabic}/u, ['arabic']],
  [/\p{Script=Hebrew}/u, ['hebrew']],
  [/\p{Script=Devanagari}/u, ['devanagari']],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, ['jp', 'sc', 'kr']],
  [/\p{Script=Han}/u, ['jp', 'sc', 'kr']],
  [/\p{Script=Hangul}/u, ['kr']],
]
/** Shown as emoji: pictographs with emoji presentation, or asked for (VS16, keycaps), and flags. */
const EMOJI = /\p{Emoji_Presentation}|\uFE0F|\u20E3|\p{Regional_Indicator}/u
/** Characters of no script of their own: they stay in the font of the text around them. */
const SHARED = /^[\p{Script=Common}\p{Script=Inherited}]+$/u
/** Invisible controls of direction, which shape nothing and must not reach a font. */
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g
const BIDI_CONTROLS_SET = new Set([
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
])

/** Any character that can make text right to left: RTL letters and marks, RTL controls. */
const MAY_BE_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202b\u202e\u2067\u061c]|[\ud802\ud803\ud83a\ud83b]/
/** Text no font but the base one need ever set: Latin, punctuation and symbols, no emoji. */
const PLAIN = /^[\u0020-\u007e\u00a0-\u024f\u2010-\u205e\u2190-\u21ff\u2200-\u22ff\u25a0-\u25ff\u2700-\u27bf]*$/

/** The common case, decided without segmenting: every character is plain and in the base font. */
function allBase(text: string, covers: Covers): boolean {
  if (!PLAIN.test(text) || EMOJI.test(text)) return false
  const codePoints: number[] = []
  for (let i = 0; i < text.length; i++) codePoints.push(text.charCodeAt(i))
  return covers('base', codePoints)
}

// A BMP stand-in of the same bidi class for characters outside it, which bidi-js reads one
// UTF-16 unit at a time (an emoji would otherwise count as left-to-right letters).
const STAND_IN: Record<string, string> = {
  L: 'a',
  R: 'א',
  AL: 'ب',
  EN: '0',
  ES: '+',
  ET: '#',
  AN: '٠',
  CS: ',',
  NSM: '\u0300',
  BN: '\u200B',
  WS: ' ',
  ON: '!',
}

function bidiView(text: string): string {
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, (pair) =>
    (STAND_IN[bidi.getBidiCharTypeName(pair)] ?? '!').repeat(2),
  )
}

/** The direction a paragraph takes from its first strong character (after any isolates), as `dir="auto"` does. */
export function paragraphDirection(text: string): 'ltr' | 'rtl' {
  if (!MAY_BE_RTL.test(text)) return 'ltr'
  return bidi.getEmbeddingLevels(bidiView(text)).paragraphs[0]?.level === 1 ? 'rtl' : 'ltr'
}

/** Bidi levels of every UTF-16 unit of a paragraph, computed once for all of its lines. */
export function bidiLevels(text: string, direction?: 'ltr' | 'rtl'): Uint8Array {
  if (direction !== 'rtl' && !MAY_BE_RTL.test(text)) return new Uint8Array(text.length)
  return bidi.getEmbeddingLevels(bidiView(text), direction).levels
}

const chosen = new WeakMap<Covers, Map<FontKey | null, Map<string, FontKey>>>()

/** The font for a cluster after one in `previous`, remembered: the same characters recur all through a text. */
function fontFor(cluster: string, previous: FontKey | null, covers: Covers): FontKey {
  let byPrevious = chosen.get(covers)
  if (!byPrevious) chosen.set(covers, (byPrevious = new Map()))
  let known = byPrevious.get(previous)
  if (!known) byPrevious.set(previous, (known = new Map()))
  let font = known.get(cluster)
  if (font === undefined) {
    font = chooseFont(cluster, previous, covers)
    known.set(cluster, font)
  }
  return font
}

/** A cluster that is only a direction control (they come alone: none joins with anything). */
const isControl = (cluster: string) => cluster.length === 1 && BIDI_CONTROLS_SET.has(cluster)

function chooseFont(cluster: string, previous: FontKey | null, covers: Covers): FontKey {
  // Joiners, variation selectors and direction controls need no glyph of their own.
  const codePoints = [...cluster.replace(BIDI_CONTROLS, '')]
    .map((c) => c.codePointAt(0)!)
    .filter((cp) => cp !== 0xfe0f && cp !== 0xfe0e && cp !== 0x200d)
  const has = (key: FontKey) => codePoints.length === 0 || covers(key, codePoints)
  if (EMOJI.test(cluster) && has('emoji')) return 'emoji'
  if (SHARED.test(cluster)) {
    if (previous && previous !== 'emoji' && has(previous)) return previous
  } else {
    for (const [script, keys] of BY_SCRIPT) if (script.test(cluster)) return keys.find(has) ?? 'base'
  }
  return FALLBACK_ORDER.find(has) ?? 'base'
}

interface LogicalRun {
  start: number
  end: number
  level: number
  font: FontKey
}

/**
 * The runs of `text[start, end)`, a line of a paragraph whose bidi `levels` were computed on the
 * whole paragraph, in visual order (rule L2 of the bidi algorithm, by runs).
 */
export function visualRuns(text: string, levels: Uint8Array, covers: Covers, start = 0, end = text.length): TextRun[] {
  const line = text.slice(start, end).replace(BIDI_CONTROLS, '')
  if (levels.subarray(start, end).every((level) => level === 0) && allBase(line, covers))
    return line ? [{ text: line, font: 'base', rtl: false }] : []
  const runs: LogicalRun[] = []
  let previous: FontKey | null = null
  let at = start
  for (const segment of clustersOf(text.slice(start, end))) {
    const from = at
    at += segment.length
    if (isControl(segment)) continue
    const font = fontFor(segment, previous, covers)
    previous = font
    const level = levels[from] ?? 0
    const last = runs[runs.length - 1]
    if (last && last.font === font && last.level === level && last.end === from) last.end = at
    else runs.push({ start: from, end: at, level, font })
  }
  // Trailing spaces of a line sit at the paragraph's level (rule L1), so they do not move.
  const highest = Math.max(0, ...runs.map((r) => r.level))
  const lowestOdd = Math.min(...runs.map((r) => r.level).filter((l) => l % 2 === 1), highest + 1)
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length; i++) {
      if (runs[i]!.level < level) continue
      let j = i
      while (j + 1 < runs.length && runs[j + 1]!.level >= level) j++
      runs.splice(i, j - i + 1, ...runs.slice(i, j + 1).reverse())
      i = j
    }
  }
  return runs.map((run) => runText(text, run))
}

const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u
const DIGITS_ONLY = /^[\d\u0660-\u0669\u06F0-\u06F9\s]*$/u

/** Whether a run is shaped right to left: it has letters of a right-to-left script (digits are not). */
export const shapesRightToLeft = (text: string): boolean =>
  RTL_SCRIPT.test(text) && !DIGITS_ONLY.test(text.replace(/[^\p{L}\p{N}\s]/gu, ''))

function runText(text: string, run: LogicalRun): TextRun {
  const logical = text.slice(run.start, run.end).replace(BIDI_CONTROLS, '')
  if (run.level % 2 === 0) return { text: logical, font: run.font, rtl: false }
  const mirrored = logical.replace(/./gsu, (c) => bidi.getMirroredCharacter(c) ?? c)
  // A font reverses what it shapes right to left only for a right-to-left script; anything else
  // at an odd level (punctuation, symbols) is put in visual order here, cluster by cluster.
  if (shapesRightToLeft(mirrored)) return { text: mirrored, font: run.font, rtl: true }
  return { text: clustersOf(mirrored).reverse().join(''), font: run.font, rtl: false }
}

/**
 * The font runs of a text in logical order: for measuring (widths do not depend on order), and
 * for renderers that do their own bidi (SVG), which keep the direction controls (`keepControls`).
 */
export function fontRuns(text: string, covers: Covers, keepControls = false): { text: string; font: FontKey }[] {
  const bare = text.replace(BIDI_CONTROLS, '')
  if (allBase(bare, covers)) return bare ? [{ text: keepControls ? text : bare, font: 'base' }] : []
  const runs: { text: string; font: FontKey }[] = []
  let previous: FontKey | null = null
  for (const segment of clustersOf(keepControls ? text : bare)) {
    const font = fontFor(segment, previous, covers)
    previous = font
    const last = runs[runs.length - 1]
    if (last && last.font === font) last.text += segment
    else runs.push({ text: segment, font })
  }
  return runs
}
