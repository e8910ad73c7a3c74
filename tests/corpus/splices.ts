// An edit as a list of splices on the old text, each saying what kind of change it is, and the
// ground truth for a highlight worked out from them: where its passage is in the new text and
// what re-anchoring may call it.

export type SpliceKind = 'typography' | 'typo' | 'change'

export interface Splice {
  at: number
  del: number
  insert: string
  kind: SpliceKind
}

export interface Span {
  start: number
  end: number
}

/**
 * kept: unchanged (typography aside) and still in its paragraph: EXACT at one of `spans` is right.
 * corrected: one word's spelling changed inside it (a typo fixed, or made): EXACT or MOVED at `spans`.
 * relocated: its words unchanged, but its paragraph gone: MOVED at `spans`, or ORPHANED; never EXACT.
 * rewritten: its own words changed beyond a typo: MOVED near `spans`, or ORPHANED; never EXACT.
 * gone: deleted: ORPHANED; never EXACT.
 */
export type TruthKind = 'kept' | 'corrected' | 'relocated' | 'rewritten' | 'gone'

export interface Truth {
  kind: TruthKind
  spans: Span[]
}

export interface Probe extends Span {
  truth: Truth
  /** How the highlight was chosen (sentence, phrase, paragraph edge…), for reading failures. */
  shape: string
}

const sorted = (splices: Splice[]) => [...splices].sort((a, b) => a.at - b.at || a.del - b.del)

export function applySplices(old: string, splices: Splice[]): string {
  let out = ''
  let at = 0
  for (const s of sorted(splices)) {
    if (s.at < at) throw new Error(`Splices overlap at ${s.at}.`)
    out += old.slice(at, s.at) + s.insert
    at = s.at + s.del
  }
  return out + old.slice(at)
}

/** New offset of an old span start: after any insertion there; at the start of a splice it falls in. */
export function mapStart(splices: Splice[], offset: number): number {
  let shift = 0
  for (const s of sorted(splices)) {
    if (s.at + s.del <= offset) shift += s.insert.length - s.del
    else if (s.at <= offset) return s.at + shift
    else break
  }
  return offset + shift
}

/** New offset of an old span end: before any insertion there; at the end of a splice it falls in. */
export function mapEnd(splices: Splice[], offset: number): number {
  let shift = 0
  for (const s of sorted(splices)) {
    if (s.at + s.del < offset || (s.del > 0 && s.at + s.del === offset)) shift += s.insert.length - s.del
    else if (s.at < offset) return s.at + shift + s.insert.length
    else break
  }
  return offset + shift
}

/** Where the text a splice inserts begins in the new text. */
export function insertedAt(splices: Splice[], splice: Splice): number {
  let shift = 0
  for (const s of sorted(splices)) {
    if (s === splice) return s.at + shift
    shift += s.insert.length - s.del
  }
  throw new Error('The splice is not among the splices.')
}

/** The splices that change something inside [start, end) (an insertion at its very edge does not). */
export function touching(splices: Splice[], start: number, end: number): Splice[] {
  return splices.filter((s) => (s.del > 0 ? s.at < end && s.at + s.del > start : s.at > start && s.at < end))
}

/** The ground truth of a highlight on [start, end) under an edit made only of splices. */
export function truthOf(splices: Splice[], start: number, end: number): Truth {
  const span = { start: mapStart(splices, start), end: mapEnd(splices, end) }
  const touched = touching(splices, start, end)
  const changes = touched.filter((s) => s.kind !== 'typography')
  if (changes.length === 0) return { kind: 'kept', spans: [span] }
  if (changes.length === 1 && changes[0]!.kind === 'typo') return { kind: 'corrected', spans: [span] }
  if (changes.some((s) => s.at <= start && s.at + s.del >= end && s.insert === '')) return { kind: 'gone', spans: [] }
  return { kind: 'rewritten', spans: [span] }
}
