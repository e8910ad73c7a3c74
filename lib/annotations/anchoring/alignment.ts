// Aligns two (folded) versions of a text: which stretches of the old one survive unchanged in the
// new one, and where. Paragraphs and sentences that occur exactly once in both are matched first
// (a patience diff), in order or moved; only the stretches between them are diffed character by
// character (diff-match-patch), each on its own, within a time budget. So a paragraph moved whole
// is recognised as moved, a sentence that reappears elsewhere is matched to where it went, and a
// rewrite of a long text costs a diff per changed stretch instead of one diff of everything.
import { diff_match_patch, DIFF_EQUAL, DIFF_INSERT, type Diff } from 'diff-match-patch'
import { lowerBound } from '../lower-bound'
import { DIFF_BUDGET_MS, MIN_MOVE_CHARS } from './thresholds'

/** A stretch of the old text found unchanged in the new one. */
export interface Run {
  oldStart: number
  newStart: number
  length: number
  /** Out of order with the text around it: a moved paragraph or sentence. */
  moved: boolean
}

export interface Alignment {
  /** Sorted by oldStart; they overlap neither in the old text nor in the new one. */
  runs: Run[]
  /** Some changed stretch was diffed coarsely, past the time budget. */
  coarse: boolean
}

type Span = [start: number, end: number]
type Splitter = (text: string, from: number, to: number) => Span[]

const PARAGRAPH = '\n\n'

/** The paragraphs in [from, to) of a folded text. */
const paragraphs: Splitter = (text, from, to) => {
  const spans: Span[] = []
  let start = from
  while (start < to) {
    const found = text.indexOf(PARAGRAPH, start)
    const end = found === -1 || found > to ? to : found
    if (end > start) spans.push([start, end])
    start = end + PARAGRAPH.length
  }
  return spans
}

const CLOSERS = new Set(['"', "'", ')', ']', '」', '』', '）'])
const isSpaceOrCjk = (char: string | undefined) =>
  char === undefined || char === ' ' || char === '\n' || char > '\u2e7f'

/** The sentences in [from, to): they end at . ! ? before a space (or Japanese text) and at 。 */
const sentences: Splitter = (text, from, to) => {
  const spans: Span[] = []
  for (const [start, end] of paragraphs(text, from, to)) {
    let sentence = start
    for (let i = start; i < end; i++) {
      const char = text[i]!
      if (char !== '.' && char !== '!' && char !== '?' && char !== '。') continue
      let close = i + 1
      while (close < end && CLOSERS.has(text[close]!)) close++
      if (char !== '。' && close < end && !isSpaceOrCjk(text[close])) continue
      spans.push([sentence, close])
      sentence = close
      while (sentence < end && text[sentence] === ' ') sentence++
      i = sentence - 1
    }
    if (sentence < end) spans.push([sentence, end])
  }
  return spans
}

/** Lengths of the common start and end of a and b, each cut back to a paragraph boundary. */
function commonEnds(a: string, b: string): { head: number; tail: number } {
  const limit = Math.min(a.length, b.length)
  let same = 0
  while (same < limit && a.charCodeAt(same) === b.charCodeAt(same)) same++
  if (same === a.length && same === b.length) return { head: same, tail: 0 }
  const lastBoundary = same >= 2 ? a.lastIndexOf(PARAGRAPH, same - 2) : -1
  const head = lastBoundary === -1 ? 0 : lastBoundary + PARAGRAPH.length
  let back = 0
  while (back < limit - head && a.charCodeAt(a.length - 1 - back) === b.charCodeAt(b.length - 1 - back)) back++
  const firstBoundary = a.indexOf(PARAGRAPH, a.length - back)
  return { head, tail: firstBoundary === -1 ? 0 : a.length - firstBoundary }
}

/** The parts of [from, to) not covered by any of `taken` (sorted by start). */
function uncovered(from: number, to: number, taken: Span[]): Span[] {
  const free: Span[] = []
  let at = from
  let low = 0
  let high = taken.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (taken[mid]![1] <= from) low = mid + 1
    else high = mid
  }
  for (let k = low; k < taken.length && taken[k]![0] < to; k++) {
    const [start, end] = taken[k]!
    if (start > at) free.push([at, start])
    at = Math.max(at, end)
  }
  if (at < to) free.push([at, to])
  return free
}

const oldSpans = (runs: Run[]) => runs.map((r): Span => [r.oldStart, r.oldStart + r.length]).sort((x, y) => x[0] - y[0])
const newSpans = (runs: Run[]) => runs.map((r): Span => [r.newStart, r.newStart + r.length]).sort((x, y) => x[0] - y[0])

/** Indexes of a longest strictly increasing subsequence of `values` (patience sorting). */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = []
  const previous = new Array<number>(values.length).fill(-1)
  values.forEach((value, index) => {
    let low = 0
    let high = tails.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (values[tails[mid]!]! < value) low = mid + 1
      else high = mid
    }
    if (low > 0) previous[index] = tails[low - 1]!
    tails[low] = index
  })
  const kept = new Set<number>()
  for (let index = tails[tails.length - 1] ?? -1; index !== -1; index = previous[index]!) kept.add(index)
  return kept
}

/** Matches units (paragraphs or sentences) found exactly once in the unmatched parts of both texts. */
function matchUnique(a: string, b: string, runs: Run[], split: Splitter): void {
  const units = new Map<string, { old: number[]; new: number[] }>()
  const collect = (text: string, free: Span[], side: 'old' | 'new') => {
    for (const [from, to] of free) {
      for (const [start, end] of split(text, from, to)) {
        const key = text.slice(start, end)
        const entry = units.get(key) ?? { old: [], new: [] }
        entry[side].push(start)
        units.set(key, entry)
      }
    }
  }
  collect(a, uncovered(0, a.length, oldSpans(runs)), 'old')
  collect(b, uncovered(0, b.length, newSpans(runs)), 'new')

  const inOrder = runs.filter((run) => !run.moved).sort((x, y) => x.oldStart - y.oldStart)
  const oldStarts = inOrder.map((run) => run.oldStart)
  const newStarts = inOrder.map((run) => run.newStart)
  const byGap = new Map<number, Run[]>()
  for (const [key, { old, new: found }] of units) {
    if (old.length !== 1 || found.length !== 1) continue
    const pair: Run = { oldStart: old[0]!, newStart: found[0]!, length: key.length, moved: false }
    // Which in-order run each copy follows: the number of in-order runs that start before it.
    const gap = lowerBound(oldStarts, pair.oldStart)
    if (gap !== lowerBound(newStarts, pair.newStart)) {
      if (key.length >= MIN_MOVE_CHARS) runs.push({ ...pair, moved: true })
      continue
    }
    const pairs = byGap.get(gap)
    if (pairs) pairs.push(pair)
    else byGap.set(gap, [pair])
  }
  for (const pairs of byGap.values()) {
    pairs.sort((x, y) => x.oldStart - y.oldStart)
    const kept = longestIncreasing(pairs.map((pair) => pair.newStart))
    pairs.forEach((pair, index) => {
      if (kept.has(index)) runs.push(pair)
      else if (pair.length >= MIN_MOVE_CHARS) runs.push({ ...pair, moved: true })
    })
  }
}

/** A string made of some spans of a text, and the text offset of each of its characters. */
function gather(text: string, spans: Span[]): { text: string; offsets: Int32Array } {
  const offsets = new Int32Array(spans.reduce((sum, [start, end]) => sum + end - start, 0))
  let at = 0
  for (const [start, end] of spans) for (let i = start; i < end; i++) offsets[at++] = i
  return { text: spans.map(([start, end]) => text.slice(start, end)).join(''), offsets }
}

/** Diffs, character by character, what lies between consecutive in-order runs. */
function diffGaps(a: string, b: string, runs: Run[], deadline: number): boolean {
  const inOrder = runs.filter((run) => !run.moved).sort((x, y) => x.oldStart - y.oldStart)
  const movedOld = oldSpans(runs.filter((run) => run.moved))
  const movedNew = newSpans(runs.filter((run) => run.moved))
  const dmp = new diff_match_patch()
  let coarse = false
  const bounds = [
    { oldEnd: 0, newEnd: 0, oldStart: 0, newStart: 0 },
    ...inOrder.map((r) => ({
      oldStart: r.oldStart,
      newStart: r.newStart,
      oldEnd: r.oldStart + r.length,
      newEnd: r.newStart + r.length,
    })),
    { oldStart: a.length, newStart: b.length, oldEnd: a.length, newEnd: b.length },
  ]
  for (let k = 0; k + 1 < bounds.length; k++) {
    const before = gather(a, uncovered(bounds[k]!.oldEnd, bounds[k + 1]!.oldStart, movedOld))
    const after = gather(b, uncovered(bounds[k]!.newEnd, bounds[k + 1]!.newStart, movedNew))
    if (before.text.length === 0 || after.text.length === 0) continue
    const left = deadline - performance.now()
    if (left <= 0) {
      coarse = true
      continue
    }
    dmp.Diff_Timeout = left / 1000
    const started = performance.now()
    const diffs: Diff[] = dmp.diff_main(before.text, after.text)
    if (performance.now() - started >= left) coarse = true
    dmp.diff_cleanupSemantic(diffs)
    let i = 0
    let j = 0
    for (const [op, chunk] of diffs) {
      if (op === DIFF_EQUAL) {
        // Split where either side jumps over a moved unit.
        let from = 0
        for (let n = 1; n <= chunk.length; n++) {
          const jump =
            n === chunk.length ||
            before.offsets[i + n]! !== before.offsets[i + n - 1]! + 1 ||
            after.offsets[j + n]! !== after.offsets[j + n - 1]! + 1
          if (!jump) continue
          runs.push({
            oldStart: before.offsets[i + from]!,
            newStart: after.offsets[j + from]!,
            length: n - from,
            moved: false,
          })
          from = n
        }
        i += chunk.length
        j += chunk.length
      } else if (op === DIFF_INSERT) j += chunk.length
      else i += chunk.length
    }
  }
  return coarse
}

/** Joins runs that continue each other in both texts. */
function merged(runs: Run[]): Run[] {
  const sorted = [...runs].sort((x, y) => x.oldStart - y.oldStart)
  const out: Run[] = []
  for (const run of sorted) {
    const last = out[out.length - 1]
    if (last && last.oldStart + last.length === run.oldStart && last.newStart + last.length === run.newStart) {
      out[out.length - 1] = { ...last, length: last.length + run.length, moved: last.moved && run.moved }
    } else out.push(run)
  }
  return out
}

export function align(a: string, b: string, budgetMs = DIFF_BUDGET_MS): Alignment {
  const { head, tail } = commonEnds(a, b)
  const runs: Run[] = []
  if (head > 0) runs.push({ oldStart: 0, newStart: 0, length: head, moved: false })
  if (tail > 0) runs.push({ oldStart: a.length - tail, newStart: b.length - tail, length: tail, moved: false })
  if (head < a.length || head < b.length) {
    matchUnique(a, b, runs, paragraphs)
    matchUnique(a, b, runs, sentences)
  }
  const coarse = diffGaps(a, b, runs, performance.now() + budgetMs)
  return { runs: merged(runs), coarse }
}
