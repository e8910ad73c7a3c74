// Splits a block of text at every highlight boundary, so overlapping and nested highlights
// render as flat runs that each know which highlights cover them.

export interface Span {
  id: string
  start: number
  end: number
}

export interface Segment {
  start: number
  end: number
  /** Highlights covering this run, shortest (innermost) first. */
  ids: string[]
}

export function segmentsOf(blockStart: number, blockEnd: number, spans: Span[]): Segment[] {
  const inside = spans.filter((s) => s.end > blockStart && s.start < blockEnd && s.end > s.start)
  const cuts = new Set([blockStart, blockEnd])
  for (const s of inside) {
    cuts.add(Math.max(s.start, blockStart))
    cuts.add(Math.min(s.end, blockEnd))
  }
  const points = [...cuts].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!
    const end = points[i + 1]!
    const ids = inside
      .filter((s) => s.start <= start && s.end >= end)
      .sort((a, b) => a.end - a.start - (b.end - b.start))
      .map((s) => s.id)
    segments.push({ start, end, ids })
  }
  return segments
}
