// Anchoring highlights to a source's canonical text, the W3C Web Annotation way: a quote
// (exact + prefix + suffix) and a position (start, end). After the text is edited, `reanchor`
// places each highlight again by trying the three tiers of anchoring/strategies.ts in order:
// carried by the edit (EXACT), found by search, found approximately (both MOVED); the numbers
// they decide by, each with its trade-off, are in anchoring/thresholds.ts.
//
// The EXACT rule. A placement is EXACT only when
//   1. the edit carries the passage there: the diff of the old and new text (typography folded,
//      moved paragraphs and sentences recognised, anchoring/text-edit.ts) maps the passage in
//      one piece, or maps both its ends with one misspelt word corrected in between
//      (anchoring/spelling.ts); and
//   2. its own paragraph came along: at least CONTEXT_FOR_EXACT of its context (up to
//      CONTEXT_CHARS each side, stopping at the paragraph's edges, which count too) survived the
//      edit and lies in the passage's new paragraph, on the same side.
// Without the old text (a highlight older than revisions), the quote must still be at its stored
// place with that share of its context around it, read as text. Anything else that is found,
// by search or approximately, is MOVED (its author or an instructor confirms or re-selects it);
// what cannot be found is ORPHANED, kept with its quote, never deleted. Quote styles, dashes,
// spacing, line breaks and Unicode forms never count as changes (anchoring/typography.ts).
import { ownContext } from './anchoring/context'
import { TIERS, type Attempt, type Placement } from './anchoring/strategies'
import { TextEdit } from './anchoring/text-edit'
import { CONTEXT_CHARS } from './anchoring/thresholds'
import { fold, foldedString, type FoldedText } from './anchoring/typography'

export { TextEdit } from './anchoring/text-edit'
export { CONTEXT_CHARS, FUZZY_THRESHOLD } from './anchoring/thresholds'
export type { AnchorStatus, Placement } from './anchoring/strategies'

export interface TextAnchor {
  exact: string
  prefix: string
  suffix: string
  start: number
  end: number
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** `offset` moved off the middle of a surrogate pair (half an emoji), forward or back. */
export function onCodePoint(text: string, offset: number, forward: boolean): number {
  return offset > 0 && offset < text.length && isLowSurrogate(text.charCodeAt(offset))
    ? offset + (forward ? 1 : -1)
    : offset
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

// Placing many highlights on one text without its old version folds the text once, not per highlight.
let lastFolded: { text: string; folded: FoldedText } | undefined
function foldedOnce(text: string): FoldedText {
  if (lastFolded?.text !== text) lastFolded = { text, folded: fold(text) }
  return lastFolded.folded
}

const SPACE = /\s/

/**
 * Folding leaves out spaces at a quote's edges; give the placement back those the quote had. A
 * quote whose edge space is gone (a word now runs into it) is no longer the same quote: MOVED.
 */
function withEdgeSpace(placement: Placement, exact: string, text: string): Placement {
  if (exact.trim() === '') return asManySpaces(placement, exact, text)
  let { start, end } = placement
  const leading = exact.length - exact.trimStart().length
  const trailing = exact.length - exact.trimEnd().length
  let restored = 0
  for (let n = 0; n < leading && start > 0 && SPACE.test(text[start - 1]!); n++, restored++) start--
  for (let n = 0; n < trailing && end < text.length && SPACE.test(text[end]!); n++, restored++) end++
  const whole = restored === leading + trailing
  return { start, end, status: placement.status === 'EXACT' && !whole ? 'MOVED' : placement.status }
}

/**
 * A quote of spaces only, placed in a run of spaces that folding reads as one: as many of them as
 * the quote had, from where the placement starts (one space highlighted stays one space).
 */
function asManySpaces(placement: Placement, exact: string, text: string): Placement {
  let start = placement.start
  let end = Math.min(placement.end, start + exact.length)
  while (end - start < exact.length && start > 0 && SPACE.test(text[start - 1]!)) start--
  while (end - start < exact.length && end < text.length && SPACE.test(text[end]!)) end++
  const whole = end - start === exact.length
  return { start, end, status: placement.status === 'EXACT' && !whole ? 'MOVED' : placement.status }
}

/**
 * Places an anchor in `newText`. With the old text (the text the anchor was made on, or the
 * TextEdit from it; pass one TextEdit to every highlight made on that version) the edit is known
 * exactly; without it, the stored position is the best guess and the context decides.
 */
export function reanchor(anchor: TextAnchor, newText: string, old?: string | TextEdit): Placement {
  const edit = old === undefined ? undefined : typeof old === 'string' ? new TextEdit(old, newText) : old
  const expectedStart = edit ? edit.map(anchor.start, true) : Math.min(anchor.start, newText.length)
  const expectedEnd = edit ? Math.max(expectedStart, edit.map(anchor.end, false)) : Math.min(anchor.end, newText.length)
  const attempt: Attempt = {
    start: anchor.start,
    end: anchor.end,
    quote: foldedString(anchor.exact),
    context: ownContext(anchor),
    newText,
    folded: edit ? edit.after : foldedOnce(newText),
    edit,
    expected: { start: expectedStart, end: expectedEnd },
    carried: edit?.carried(anchor.start, anchor.end),
  }
  for (const tier of TIERS) {
    for (const strategy of tier.strategies) {
      const found = strategy.place(attempt)
      // Matches are found in UTF-16 units: widened to whole characters where one cut an emoji.
      if (found)
        return withEdgeSpace(
          {
            start: onCodePoint(newText, found.start, false),
            end: onCodePoint(newText, found.end, true),
            status: tier.answers,
          },
          anchor.exact,
          newText,
        )
    }
  }
  const start = Math.min(anchor.start, newText.length)
  return { start, end: Math.min(Math.max(anchor.end, start), newText.length), status: 'ORPHANED' }
}
