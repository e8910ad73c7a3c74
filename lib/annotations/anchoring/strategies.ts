// The ways of placing a highlight again, in three tiers tried in order (anchoring.ts): the first
// strategy that places it wins. Only the first tier answers EXACT; the others find the passage
// for a person to confirm (MOVED). Every number they decide by is in thresholds.ts.
import search from 'approx-string-match'
import { diff_match_patch } from 'diff-match-patch'
import { contextAgreement, type OwnContext } from './context'
import { isSpellingCorrection } from './spelling'
import type { Span, TextEdit } from './text-edit'
import {
  CONTEXT_FOR_EXACT,
  CONTEXT_FOR_FAR_COPY,
  CONTEXT_FOR_MOVED,
  FUZZY_THRESHOLD,
  MAX_COPIES_RANKED,
  searchWindow,
  UNIQUE_QUOTE_CHARS,
} from './thresholds'
import { foldedEnd, foldedStart, originalEnd, originalStart, type FoldedText } from './typography'

export type AnchorStatus = 'EXACT' | 'MOVED' | 'ORPHANED'

export interface Placement {
  start: number
  end: number
  status: AnchorStatus
}

/** One highlight being placed again, with what every strategy needs worked out once. */
export interface Attempt {
  start: number
  end: number
  /** The stored quote, typography folded. */
  quote: string
  context: OwnContext
  newText: string
  /** The new text, folded (the edit's, or folded once for a run without the old text). */
  folded: FoldedText
  edit: TextEdit | undefined
  /** Where the edit puts the passage (without the old text: the stored position). */
  expected: Span
  /** Where the edit carried the passage in one piece, if it did. */
  carried: Span | undefined
}

/** One way of finding the passage: where it is now, or nothing. */
export interface Strategy {
  name: string
  place(attempt: Attempt): Span | undefined
}

/** Strategies whose finds are equally sure, tried before the next tier's. */
export interface Tier {
  name: string
  /** What a placement by this tier's strategies is. */
  answers: Exclude<AnchorStatus, 'ORPHANED'>
  strategies: Strategy[]
}

const foldedSlice = (a: Attempt, span: Span) =>
  a.folded.text.slice(foldedStart(a.folded, span.start), foldedEnd(a.folded, span.end)).trim()

/** The edit kept enough of the passage's own paragraph beside it, and put nothing else there. */
function inItsParagraph(edit: TextEdit, a: Attempt, placed: Span): boolean {
  return edit.contextKept(a.start, a.end, placed) >= CONTEXT_FOR_EXACT && !edit.strangersNear(a.start, a.end, placed)
}

/** The edit carried the passage in one piece, in its own paragraph. */
const carriedByEdit: Strategy = {
  name: 'carried by the edit',
  place: (a) => (a.edit && a.carried && inItsParagraph(a.edit, a, a.carried) ? a.carried : undefined),
}

/** The edit kept the passage in place but for one misspelt word, now corrected (spelling.ts). */
const typoFixedInside: Strategy = {
  name: 'typo fixed inside',
  place: (a) => {
    const { edit, expected } = a
    if (!edit || a.carried || expected.end <= expected.start) return undefined
    // Both ends must have come through, so the passage is where it was, only mended.
    const first = edit.carried(a.start, a.start + 1)
    const last = edit.carried(a.end - 1, a.end)
    if (!first || !last || first.start !== expected.start || last.end !== expected.end) return undefined
    if (!isSpellingCorrection(a.quote, foldedSlice(a, expected), edit.wordCounts)) return undefined
    return inItsParagraph(edit, a, expected) ? expected : undefined
  },
}

/** Without the old text: the quote is still at its stored place, in its own context. */
const unchangedInPlace: Strategy = {
  name: 'unchanged at its stored place',
  place: (a) => {
    if (a.edit || foldedSlice(a, a.expected) !== a.quote || a.quote === '') return undefined
    return contextAgreement(a.context, a.newText, a.expected.start, a.expected.end) >= CONTEXT_FOR_EXACT
      ? a.expected
      : undefined
  },
}

/** The quote, unchanged but for typography, wherever it is: the copy whose surroundings agree best. */
const quoteFound: Strategy = {
  name: 'quote found',
  place: (a) => {
    if (a.quote === '') return undefined
    const copies: number[] = []
    for (let i = a.folded.text.indexOf(a.quote); i !== -1; i = a.folded.text.indexOf(a.quote, i + 1)) copies.push(i)
    const spans = copies.map((i): Span => ({
      start: originalStart(a.folded, i),
      end: originalEnd(a.folded, i + a.quote.length),
    }))
    if (a.carried && !spans.some((s) => s.start === a.carried!.start)) spans.push(a.carried)
    if (spans.length === 0) return undefined
    const distance = (s: Span) => Math.abs(s.start - a.expected.start)
    const window = searchWindow(a.end - a.start)
    const ranked = spans
      .sort((x, y) => distance(x) - distance(y))
      .slice(0, MAX_COPIES_RANKED)
      .map((span) => {
        const carried = a.carried?.start === span.start
        const read = contextAgreement(a.context, a.newText, span.start, span.end)
        return {
          span,
          carried,
          context: carried && a.edit ? Math.max(read, a.edit.contextKept(a.start, a.end, span)) : read,
        }
      })
      .sort((x, y) => y.context - x.context || distance(x.span) - distance(y.span))
    const best = ranked[0]!
    const near = distance(best.span) <= window
    const overlapsExpected = near && best.span.start < a.expected.end && best.span.end > a.expected.start
    const unique = copies.length === 1 && a.quote.length >= UNIQUE_QUOTE_CHARS
    // Nearness is evidence only while something of the passage is left where it was: once the edit
    // removed all of it, a copy nearby needs the surroundings a far copy needs.
    const gone = a.edit !== undefined && a.expected.end <= a.expected.start
    const agrees = best.context >= (near && !gone ? CONTEXT_FOR_MOVED : CONTEXT_FOR_FAR_COPY)
    return agrees || best.carried || overlapsExpected || unique ? best.span : undefined
  },
}

function similarity(a: string, b: string): number {
  const dmp = new diff_match_patch()
  return 1 - dmp.diff_levenshtein(dmp.diff_main(a, b)) / Math.max(a.length, b.length, 1)
}

/** What the edit left where the passage was is still recognisably the passage. */
const editedInPlace: Strategy = {
  name: 'edited in place',
  place: (a) => {
    if (!a.edit || a.expected.end <= a.expected.start) return undefined
    return similarity(a.quote, foldedSlice(a, a.expected)) >= FUZZY_THRESHOLD ? a.expected : undefined
  },
}

/** An approximate match of the quote near where the passage was (Myers' bit-parallel search). */
const fuzzyNearby: Strategy = {
  name: 'approximate match nearby',
  place: (a) => {
    const length = a.quote.length
    // Where nothing of the passage survived, whatever is nearby is something else.
    if (length === 0 || (a.edit && a.expected.end <= a.expected.start)) return undefined
    // With the edit known the passage is where it says, give or take its own length; without it
    // the stored place is only a guess, and a short quote (Japanese ones are short in characters)
    // may have moved by more than its length.
    const window = searchWindow(length)
    const margin = a.edit ? Math.min(window, length) : window
    const from = Math.max(0, foldedStart(a.folded, a.expected.start) - margin)
    const to = Math.min(a.folded.text.length, foldedEnd(a.folded, a.expected.end) + margin)
    const maxErrors = Math.floor(length * (1 - FUZZY_THRESHOLD))
    const expected = foldedStart(a.folded, a.expected.start)
    const best = search(a.folded.text.slice(from, to), a.quote, maxErrors)
      .map((m) => ({ start: from + m.start, end: from + m.end, errors: m.errors }))
      .filter((m) => m.end > m.start)
      .sort((x, y) => x.errors - y.errors || Math.abs(x.start - expected) - Math.abs(y.start - expected))[0]
    if (!best || 1 - best.errors / length < FUZZY_THRESHOLD) return undefined
    return { start: originalStart(a.folded, best.start), end: originalEnd(a.folded, best.end) }
  },
}

/**
 * In order: where the edit (or, without the old text, the stored place) vouches for the passage;
 * then the quote itself, anywhere, judged by its surroundings; then approximately, near where the
 * passage was. What none of them places is ORPHANED.
 */
export const TIERS: readonly Tier[] = [
  { name: 'carried', answers: 'EXACT', strategies: [carriedByEdit, typoFixedInside, unchangedInPlace] },
  { name: 'found by search', answers: 'MOVED', strategies: [quoteFound] },
  { name: 'found approximately', answers: 'MOVED', strategies: [editedInPlace, fuzzyNearby] },
]
