// What an edit did to a text, worked out once per pair of versions and shared by every highlight
// made on the old one: where old offsets land in the new text, whether a passage came through in
// one piece, and how much of its own paragraph came along with it. Both texts are compared in
// their typography-folded form (typography.ts), so quotes, dashes, spacing, line breaks and
// Unicode forms never count as changes.
import { align, type Run } from './alignment'
import { BOUNDARY_WEIGHT, CONTEXT_CHARS, edgeAboutAsFar } from './thresholds'
import { fold, foldedEnd, foldedStart, originalEnd, originalStart, type FoldedText } from './typography'

export interface Span {
  start: number
  end: number
}

const PARAGRAPH = '\n\n'

/** Start of the paragraph holding folded index `at` (the first character after a blank line). */
export function paragraphStart(text: string, at: number): number {
  if (at < 2) return 0
  const found = text.lastIndexOf(PARAGRAPH, at - 2)
  return found === -1 ? 0 : found + PARAGRAPH.length
}

/** End of the paragraph in which a span ending at folded index `at` ends. */
export function paragraphEnd(text: string, at: number): number {
  const found = text.indexOf(PARAGRAPH, at)
  return found === -1 ? text.length : found
}

export class TextEdit {
  readonly before: FoldedText
  readonly after: FoldedText
  /** Some changed stretch was too large to diff in time: it counts as replaced. */
  readonly coarse: boolean
  private readonly runs: Run[]
  private runsByNew: Run[] | undefined
  private oldWords: Map<string, number> | undefined
  private newWords: Map<string, number> | undefined

  constructor(oldText: string, newText: string) {
    this.before = fold(oldText)
    this.after = fold(newText)
    const { runs, coarse } = align(this.before.text, this.after.text)
    this.runs = runs
    this.coarse = coarse
  }

  /** The last run starting at or before folded old index `at`, or -1. */
  private runBefore(at: number): number {
    let low = 0
    let high = this.runs.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.runs[mid]!.oldStart <= at) low = mid + 1
      else high = mid
    }
    return low - 1
  }

  /** Folded new index for folded old index `at`; `after`: the start of a span (after any insertion there). */
  private mapFolded(at: number, after: boolean): number {
    // A start exactly between two runs belongs to the later one, so it lands after an insertion there.
    const k = this.runBefore(after ? at : at - 1)
    const run = this.runs[k]
    if (!run) return 0
    const end = run.oldStart + run.length
    if (after ? at < end : at <= end) return run.newStart + (at - run.oldStart)
    // An end where a replaced stretch ends takes in what replaced it ("人類普十" → "人類普遍").
    const next = this.runs[k + 1]
    if (!after && next && next.oldStart === at && !next.moved && !run.moved) return next.newStart
    // Inside a deletion: where the text before it now ends.
    return run.newStart + run.length
  }

  /** Where an old offset lands in the new text. `after`: an insertion exactly there goes before it (use for starts). */
  map(offset: number, after: boolean): number {
    if (after) return originalStart(this.after, this.mapFolded(foldedStart(this.before, offset), true))
    return originalEnd(this.after, this.mapFolded(foldedEnd(this.before, offset), false))
  }

  /** The folded old span of an original old span, without spaces at its edges (as a folded quote has none). */
  foldedSpan(start: number, end: number): Span {
    const text = this.before.text
    let from = foldedStart(this.before, start)
    let to = Math.max(from, foldedEnd(this.before, end))
    const space = (char: string | undefined) => char === ' ' || char === '\n'
    // A passage of nothing but spaces keeps them.
    if (text.slice(from, to).trim() === '') return { start: from, end: to }
    while (space(text[from])) from++
    while (space(text[to - 1])) to--
    return { start: from, end: to }
  }

  /** Where the edit carried [start, end) in one piece (typography aside), or undefined if it touched it. */
  carried(start: number, end: number): Span | undefined {
    const folded = this.foldedSpan(start, end)
    if (folded.end === folded.start) return undefined
    const run = this.runs[this.runBefore(folded.start)]
    if (!run || folded.end > run.oldStart + run.length) return undefined
    const newStart = run.newStart + (folded.start - run.oldStart)
    const newEnd = newStart + folded.end - folded.start
    return {
      start: this.inner(folded.start, newStart, start, true),
      end: this.inner(folded.end - 1, newEnd - 1, end, false),
    }
  }

  /**
   * The original new offset for an edge that falls inside the source of a folded character (a
   * highlight starting on the second "―" of "――"): the same place inside it where the source is
   * unchanged, else the edge of the whole source.
   */
  private inner(oldIndex: number, newIndex: number, edge: number, start: boolean): number {
    const { before, after } = this
    const from = before.starts[oldIndex]!
    const to = before.ends[oldIndex]!
    const newFrom = after.starts[newIndex]!
    const newTo = after.ends[newIndex]!
    if (start ? edge <= from : edge >= to) return start ? newFrom : newTo
    return to - from === newTo - newFrom ? newFrom + (edge - from) : start ? newFrom : newTo
  }

  /** True when no character of [start, end) was deleted and nothing was inserted inside it. */
  untouched(start: number, end: number): boolean {
    return start === end || this.carried(start, end) !== undefined
  }

  /** How many old characters of folded [from, to) land in folded new [low, high). */
  private keptWithin(from: number, to: number, low: number, high: number): number {
    let kept = 0
    for (let k = Math.max(0, this.runBefore(from)); k < this.runs.length && this.runs[k]!.oldStart < to; k++) {
      const run = this.runs[k]!
      const x = Math.max(from, run.oldStart)
      const y = Math.min(to, run.oldStart + run.length)
      if (y <= x) continue
      const shift = run.newStart - run.oldStart
      kept += Math.max(0, Math.min(y + shift, high) - Math.max(x + shift, low))
    }
    return kept
  }

  /**
   * The share (0..1) of the passage's own-paragraph context that the edit carried along beside
   * it: up to CONTEXT_CHARS on each side, stopping at the paragraph's edges, each edge it reaches
   * weighing BOUNDARY_WEIGHT. A character counts when it survived and now lies in the passage's
   * new paragraph, on the same side of it.
   */
  contextKept(start: number, end: number, placed: Span): number {
    const { old, ns, ne } = this.foldedPlacement(start, end, placed)
    const a = this.before.text
    const b = this.after.text
    const newParagraphStart = paragraphStart(b, ns)
    const newParagraphEnd = paragraphEnd(b, ne)

    const oldParagraphStart = paragraphStart(a, old.start)
    const prefixFrom = Math.max(oldParagraphStart, old.start - CONTEXT_CHARS)
    const prefixBoundary = oldParagraphStart === prefixFrom
    const oldParagraphEnd = paragraphEnd(a, old.end)
    const suffixTo = Math.min(oldParagraphEnd, old.end + CONTEXT_CHARS)
    const suffixBoundary = oldParagraphEnd === suffixTo

    // Context lost where new words took its place (a neighbouring sentence reworded, a typo
    // fixed) is still context: the passage stands where it stood. Text gone without
    // replacement, or gone to another paragraph, is not.
    const side = (from: number, to: number, low: number, high: number, window: Span) => {
      const kept = this.keptWithin(from, to, low, high)
      const inserted = window.end - window.start - this.fromWithin(window)
      return kept + Math.min(to - from - kept, inserted)
    }
    let total = old.start - prefixFrom + (suffixTo - old.end)
    let kept =
      side(prefixFrom, old.start, newParagraphStart, ns, {
        start: Math.max(newParagraphStart, ns - CONTEXT_CHARS),
        end: ns,
      }) +
      side(old.end, suffixTo, ne, newParagraphEnd, { start: ne, end: Math.min(newParagraphEnd, ne + CONTEXT_CHARS) })
    // An edge still counts where it is about as far from the passage as it was (a typo in the
    // first word of a paragraph does not move the paragraph's start away).
    if (prefixBoundary) {
      total += BOUNDARY_WEIGHT
      if (edgeAboutAsFar(old.start - prefixFrom, ns - newParagraphStart)) kept += BOUNDARY_WEIGHT
    }
    if (suffixBoundary) {
      total += BOUNDARY_WEIGHT
      if (edgeAboutAsFar(suffixTo - old.end, newParagraphEnd - ne)) kept += BOUNDARY_WEIGHT
    }
    return total === 0 ? 1 : kept / total
  }

  /**
   * True when the passage now stands in another paragraph, beside something else: within
   * CONTEXT_CHARS of it there is old text from outside its old paragraph(s), or a paragraph edge
   * where there was none (or none where there was one). So a sentence whose paragraph was
   * deleted and that reappears in the next one is not EXACT, however much of its context came
   * along; a highlight deep inside it, whose whole own context came along, is.
   */
  strangersNear(start: number, end: number, placed: Span): boolean {
    const { old, ns, ne } = this.foldedPlacement(start, end, placed)
    const a = this.before.text
    const b = this.after.text
    const home = { start: paragraphStart(a, old.start), end: paragraphEnd(a, old.end) }
    const paragraph = { start: paragraphStart(b, ns), end: paragraphEnd(b, ne) }
    // Still in its own paragraph (most of which is here, and most of this is it): text that came
    // to stand beside it there does not make it a stranger.
    const shared = this.fromWithin(paragraph, home)
    if (2 * shared >= paragraph.end - paragraph.start && 2 * shared >= home.end - home.start) return false
    // In another paragraph: no edge of it may come within reach where its own had none...
    const edgeBefore = paragraph.start >= ns - CONTEXT_CHARS
    const edgeAfter = paragraph.end <= ne + CONTEXT_CHARS
    const oldEdgeBefore = home.start >= old.start - CONTEXT_CHARS
    const oldEdgeAfter = home.end <= old.end + CONTEXT_CHARS
    if ((edgeBefore && !oldEdgeBefore) || (edgeAfter && !oldEdgeAfter)) return true
    // ...and beside it may stand only its own paragraph's old text, or, where an edge of its own
    // is gone, what stood just across it (two paragraphs merged).
    const across = CONTEXT_CHARS + PARAGRAPH.length
    const allowed = {
      start: oldEdgeBefore && !edgeBefore ? home.start - across : home.start,
      end: oldEdgeAfter && !edgeAfter ? home.end + across : home.end,
    }
    const before = { start: Math.max(paragraph.start, ns - CONTEXT_CHARS), end: ns }
    const after = { start: ne, end: Math.min(paragraph.end, ne + CONTEXT_CHARS) }
    return (
      this.fromWithin(before, allowed) + this.fromWithin(after, allowed) <
      this.fromWithin(before) + this.fromWithin(after)
    )
  }

  /** A passage in folded offsets: where it was in the old text (`old`), and where `placed` puts it in the new (`ns`–`ne`). */
  private foldedPlacement(start: number, end: number, placed: Span): { old: Span; ns: number; ne: number } {
    const ns = foldedStart(this.after, placed.start)
    return { old: this.foldedSpan(start, end), ns, ne: Math.max(ns, foldedEnd(this.after, placed.end)) }
  }

  /** How many new characters in `window` survived from old text inside `home` (all old text without it). */
  private fromWithin(window: Span, home: Span = { start: 0, end: this.before.text.length }): number {
    const byNew = (this.runsByNew ??= [...this.runs].sort((x, y) => x.newStart - y.newStart))
    let low = 0
    let high = byNew.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (byNew[mid]!.newStart + byNew[mid]!.length <= window.start) low = mid + 1
      else high = mid
    }
    let count = 0
    for (let k = low; k < byNew.length && byNew[k]!.newStart < window.end; k++) {
      const run = byNew[k]!
      const shift = run.oldStart - run.newStart
      const from = Math.max(window.start, run.newStart) + shift
      const to = Math.min(window.end, run.newStart + run.length) + shift
      count += Math.max(0, Math.min(to, home.end) - Math.max(from, home.start))
    }
    return count
  }

  /** How often a word (letters only, any case) occurs in the old text and in the new one. */
  readonly wordCounts = {
    before: (word: string) => (this.oldWords ??= countWords(this.before.text)).get(word.toLowerCase()) ?? 0,
    after: (word: string) => (this.newWords ??= countWords(this.after.text)).get(word.toLowerCase()) ?? 0,
  }
}

function countWords(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const [word] of text.toLowerCase().matchAll(/\p{L}+/gu)) counts.set(word, (counts.get(word) ?? 0) + 1)
  return counts
}
