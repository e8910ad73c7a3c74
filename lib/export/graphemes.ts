// Grapheme clusters, on their own: the canvas cuts and counts user text by them too, and should
// not load the bidirectional algorithm's tables (text-runs.ts) for that.

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** Anything that joins code points into one cluster: marks, joiners, selectors, flags, skin tones, jamo, CR LF. */
const JOINS =
  /[\p{M}\u200c\u200d\ufe00-\ufe0f\p{Regional_Indicator}\u{1f3fb}-\u{1f3ff}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\r\u{e0020}-\u{e007f}]/u

/** Grapheme clusters (what a reader takes for one character), without the segmenter where each code point is one. */
export function clustersOf(text: string): string[] {
  return JOINS.test(text) ? Array.from(graphemes.segment(text), (s) => s.segment) : Array.from(text)
}
