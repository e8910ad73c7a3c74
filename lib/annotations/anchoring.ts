// Anchoring highlights to a source's canonical text, the W3C Web Annotation way: a quote
// (exact + prefix + suffix) and a position (start, end). After the text is edited,
// `reanchor` places each highlight again: at the position the edit maps it to if that span is
// untouched; else by the quote near there; else by a fuzzy match. Only an untouched, verified
// quote counts as EXACT; anything found by search or approximation is MOVED (a person confirms
// it), and what cannot be found is ORPHANED. A highlight is never silently moved.
import search from 'approx-string-match'
import { diff_match_patch, DIFF_DELETE, DIFF_EQUAL, DIFF_INSERT } from 'diff-match-patch'

export const CONTEXT_CHARS = 32
/** Least similarity (1 − errors / length) at which a fuzzy match is offered as MOVED. */
export const FUZZY_THRESHOLD = 0.75

export interface TextAnchor {
  exact: string
  prefix: string
  suffix: string
  start: number
  end: number
}

export type AnchorStatus = 'EXACT' | 'MOVED' | 'ORPHANED'

export interface Placement {
  start: number
  end: number
  status: AnchorStatus
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** `offset` moved off the middle of a surrogate pair (half an emoji), forward or back. */
export function onCodePoint(text: string, offset: number, forward: boolean): number {
  return offset > 0 && offset < text.length && isLowSurrogate(text.charCodeAt(offset)) ? offset + (forward ? 1 : -1) : offset
}

export function anchorAt(text: string, start: number, end: number): TextAnchor {
  // The context never starts or ends inside an emoji: it must stay valid text in every export.
  return {
    exact: text.slice(start, end),
    prefix: text.slice(onCodePoint(text, Math.max(0, start - CONTEXT_CHARS), true), start),
    suffix: text.slice(end, onCodePoint(text, end + CONTEXT_CHARS, false)),
    start,
    end,
  }
}

type Diff = [number, string][]

/** Where old offsets land in the new text, and whether an old span came through unchanged. */
export class TextEdit {
  private readonly diffs: Diff

  constructor(oldText: string, newText: string) {
    const dmp = new diff_match_patch()
    // Generous, since one diff now serves every highlight made on a version: only a wholesale
    // rewrite of a very long text reaches it, and then the diff is coarser (more MOVED, never EXACT-wrong).
    dmp.Diff_Timeout = 10
    this.diffs = dmp.diff_main(oldText, newText) as Diff
  }

  /** `after`: an insertion exactly at the offset goes before the mapped offset (use for starts). */
  map(offset: number, after: boolean): number {
    let oldPos = 0
    let newPos = 0
    for (const [op, chunk] of this.diffs) {
      if (op === DIFF_INSERT) {
        if (oldPos < offset || (oldPos === offset && after)) newPos += chunk.length
        continue
      }
      if (oldPos + chunk.length > offset || (oldPos + chunk.length === offset && !after && op === DIFF_EQUAL)) {
        return op === DIFF_EQUAL ? newPos + (offset - oldPos) : newPos
      }
      oldPos += chunk.length
      if (op === DIFF_EQUAL) newPos += chunk.length
    }
    return newPos
  }

  /** True when no character of [start, end) was deleted and nothing was inserted inside it. */
  untouched(start: number, end: number): boolean {
    let oldPos = 0
    for (const [op, chunk] of this.diffs) {
      if (op === DIFF_INSERT) {
        if (oldPos > start && oldPos < end) return false
        continue
      }
      const chunkEnd = oldPos + chunk.length
      if (op === DIFF_DELETE && chunkEnd > start && oldPos < end) return false
      oldPos = chunkEnd
    }
    return true
  }
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++
  return n
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}

/** How well the text around [start, end) agrees with the stored prefix and suffix, 0..1. */
function contextScore(text: string, anchor: TextAnchor, start: number, end: number): number {
  const before = text.slice(Math.max(0, start - anchor.prefix.length), start)
  const after = text.slice(end, end + anchor.suffix.length)
  const total = anchor.prefix.length + anchor.suffix.length
  if (total === 0) return 1
  return (commonSuffixLength(before, anchor.prefix) + commonPrefixLength(after, anchor.suffix)) / total
}

function similarity(a: string, b: string): number {
  const dmp = new diff_match_patch()
  const distance = dmp.diff_levenshtein(dmp.diff_main(a, b))
  return 1 - distance / Math.max(a.length, b.length, 1)
}

function occurrences(text: string, quote: string, from: number, to: number): number[] {
  const found: number[] = []
  for (let i = text.indexOf(quote, from); i !== -1 && i <= to; i = text.indexOf(quote, i + 1)) found.push(i)
  return found
}

/**
 * Places an anchor in `newText`. With the old text (the text the anchor was made on, or the
 * TextEdit from it) the edit is known exactly; without it, the stored position is the best guess.
 */
export function reanchor(anchor: TextAnchor, newText: string, old?: string | TextEdit): Placement {
  const length = anchor.exact.length
  // Re-anchoring many highlights made on one version: pass one TextEdit, diffed once, to all.
  const edit = old === undefined ? undefined : typeof old === 'string' ? new TextEdit(old, newText) : old
  const expectedStart = edit ? edit.map(anchor.start, true) : Math.min(anchor.start, newText.length)
  const expectedEnd = edit ? Math.max(expectedStart, edit.map(anchor.end, false)) : Math.min(anchor.end, newText.length)
  const intact = edit ? edit.untouched(anchor.start, anchor.end) : undefined

  // 1. Position check: the quote is still where the edit puts it.
  if (newText.slice(expectedStart, expectedEnd) === anchor.exact) {
    const verified = intact ?? contextScore(newText, anchor, expectedStart, expectedEnd) > 0.5
    if (verified) return { start: expectedStart, end: expectedEnd, status: 'EXACT' }
  }

  // 2. The exact quote near where it should be (or, with its context, anywhere: a moved
  //    paragraph), best context first, then nearest.
  const window = Math.max(2 * length, 200)
  const rank = (starts: number[]) =>
    starts
      .map((start) => ({ start, context: contextScore(newText, anchor, start, start + length), distance: Math.abs(start - expectedStart) }))
      .sort((a, b) => b.context - a.context || a.distance - b.distance)
  const near = rank(occurrences(newText, anchor.exact, Math.max(0, expectedStart - window), expectedStart + window)).filter(
    // With the edit known, a nearby copy counts only where it overlaps what the edit left of the passage.
    (c) => !edit || (c.start < expectedEnd && c.start + length > expectedStart) || c.context >= 0.8,
  )
  const best = near[0] ?? rank(occurrences(newText, anchor.exact, 0, newText.length)).find((c) => c.context >= 0.8)
  if (best && length > 0) {
    // Without the old text, a quote whose whole context is unchanged is the same passage.
    const sure = !edit && best.context === 1 && near.filter((c) => c.context === 1).length === 1
    return { start: best.start, end: best.start + length, status: sure ? 'EXACT' : 'MOVED' }
  }

  // 3. Fuzzy: where part of the passage survived the edit, its closest approximate match.
  const survived = !edit || expectedEnd > expectedStart
  if (edit && survived && similarity(anchor.exact, newText.slice(expectedStart, expectedEnd)) >= FUZZY_THRESHOLD) {
    // The edited passage itself, where the edit left it recognisable.
    return { start: expectedStart, end: expectedEnd, status: 'MOVED' }
  }
  if (length > 0 && survived) {
    // Without the edit, the old place is only a guess: look as far as for the exact quote (a
    // short quote, as Japanese ones are in characters, may have moved by more than its length).
    const margin = edit ? Math.min(window, length) : window
    const from = Math.max(0, expectedStart - margin)
    const region = newText.slice(from, expectedEnd + margin)
    const maxErrors = Math.floor(length * (1 - FUZZY_THRESHOLD))
    const matches = search(region, anchor.exact, maxErrors)
      .map((m) => ({ start: from + m.start, end: from + m.end, errors: m.errors }))
      .map((m) => ({ ...m, context: contextScore(newText, anchor, m.start, m.end) }))
      // Equally close matches differ by a character at an edge: the one its old context borders wins.
      .sort((a, b) => a.errors - b.errors || b.context - a.context || Math.abs(a.start - expectedStart) - Math.abs(b.start - expectedStart))
    const fuzzy = matches[0]
    if (fuzzy && fuzzy.end > fuzzy.start && 1 - fuzzy.errors / length >= FUZZY_THRESHOLD) {
      // The match is found in UTF-16 units: widened to whole characters if it cut an emoji.
      return { start: onCodePoint(newText, fuzzy.start, false), end: onCodePoint(newText, fuzzy.end, true), status: 'MOVED' }
    }
  }

  const start = Math.min(anchor.start, newText.length)
  return { start, end: Math.min(Math.max(anchor.end, start), newText.length), status: 'ORPHANED' }
}
