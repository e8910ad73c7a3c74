// A passage's own-paragraph context, read as text: the stored prefix and suffix cut at the
// paragraph's edges, compared (typography folded, by edit distance) with the text around a
// candidate place. Used for copies found by search, where no diff vouches for the surroundings.
import { BOUNDARY_WEIGHT, CONTEXT_CHARS, edgeAboutAsFar } from './thresholds'
import { foldedString } from './typography'

const PARAGRAPH = '\n\n'
/** A candidate's surroundings are read this much wider than the stored context, for insertions. */
const SLACK = 8

interface Side {
  /** Folded text between the passage and its paragraph's edge, at most CONTEXT_CHARS away. */
  text: string
  /** The paragraph's edge (or the text's) is within reach. */
  boundary: boolean
}

export interface OwnContext {
  before: Side
  after: Side
}

/** Own-paragraph context of an anchor, from its stored prefix and suffix. */
export function ownContext(anchor: { prefix: string; suffix: string; start: number }): OwnContext {
  const cut = anchor.prefix.lastIndexOf(PARAGRAPH)
  const stop = anchor.suffix.indexOf(PARAGRAPH)
  return {
    before: {
      text: foldedString(cut === -1 ? anchor.prefix : anchor.prefix.slice(cut + PARAGRAPH.length)),
      boundary: cut !== -1 || anchor.start <= anchor.prefix.length,
    },
    after: {
      text: foldedString(stop === -1 ? anchor.suffix : anchor.suffix.slice(0, stop)),
      boundary: stop !== -1 || anchor.suffix.length < CONTEXT_CHARS,
    },
  }
}

/** The same sides around [start, end) of a text, read SLACK characters wider. */
function contextAt(text: string, start: number, end: number): OwnContext {
  const from = Math.max(0, start - CONTEXT_CHARS - SLACK)
  const before = text.slice(from, start)
  const cut = before.lastIndexOf(PARAGRAPH)
  const to = Math.min(text.length, end + CONTEXT_CHARS + SLACK)
  const after = text.slice(end, to)
  const stop = after.indexOf(PARAGRAPH)
  return {
    before: {
      text: foldedString(cut === -1 ? before : before.slice(cut + PARAGRAPH.length)),
      boundary: cut !== -1 || from === 0,
    },
    after: {
      text: foldedString(stop === -1 ? after : after.slice(0, stop)),
      boundary: stop !== -1 || to === text.length,
    },
  }
}

/**
 * Edit distance between `pattern` and the end of `text`: with `anywhere`, `text` may have more
 * before the match (the part of the surroundings beyond the stored context); without, all of
 * `text` must match (both reach the paragraph's edge).
 */
function distanceToEnd(pattern: string, text: string, anywhere: boolean): number {
  let row = Array.from({ length: text.length + 1 }, (_, j) => (anywhere ? 0 : j))
  for (let i = 1; i <= pattern.length; i++) {
    const next = [i]
    for (let j = 1; j <= text.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1))
    }
    row = next
  }
  return row[text.length]!
}

const reversed = (text: string) => [...text].reverse().join('')

/** Agreeing characters on one side (boundary included), out of how many. */
function sideAgreement(stored: Side, found: Side, read: (text: string) => string): [kept: number, total: number] {
  const pattern = read(stored.text)
  const text = read(found.text)
  const distance = distanceToEnd(pattern, text, !stored.boundary)
  // The edge agrees only where it is about as far from the passage as it was.
  const edge = stored.boundary && found.boundary && edgeAboutAsFar(pattern.length, text.length)
  const kept = Math.max(0, pattern.length - distance) + (edge ? BOUNDARY_WEIGHT : 0)
  return [kept, pattern.length + (stored.boundary ? BOUNDARY_WEIGHT : 0)]
}

/** The share (0..1) of an anchor's own-paragraph context found around [start, end) of `text`. */
export function contextAgreement(context: OwnContext, text: string, start: number, end: number): number {
  const found = contextAt(text, start, end)
  const [keptBefore, totalBefore] = sideAgreement(context.before, found.before, (side) => side)
  // The suffix is compared from the passage outwards, so its far end is the free one.
  const [keptAfter, totalAfter] = sideAgreement(context.after, found.after, reversed)
  const total = totalBefore + totalAfter
  return total === 0 ? 1 : (keptBefore + keptAfter) / total
}
