// Splitting a block at highlight boundaries: the runs tile the block, and each knows exactly which
// highlights cover it, innermost first, however the highlights nest, overlap or touch.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { segmentsOf, type Span } from '@/components/reader/segments'

const span = (id: string, start: number, end: number): Span => ({ id, start, end })

describe('segments of a block', () => {
  it('is one bare run for a block without highlights', () => {
    expect(segmentsOf(10, 20, [])).toEqual([{ start: 10, end: 20, ids: [] }])
  })

  it('splits around a highlight inside the block', () => {
    expect(segmentsOf(0, 10, [span('a', 3, 6)])).toEqual([
      { start: 0, end: 3, ids: [] },
      { start: 3, end: 6, ids: ['a'] },
      { start: 6, end: 10, ids: [] },
    ])
  })

  it('lists the inner highlight first where one nests in another', () => {
    expect(segmentsOf(0, 12, [span('outer', 0, 12), span('inner', 4, 8)])).toEqual([
      { start: 0, end: 4, ids: ['outer'] },
      { start: 4, end: 8, ids: ['inner', 'outer'] },
      { start: 8, end: 12, ids: ['outer'] },
    ])
  })

  it('gives the overlap of two crossing highlights both ids, the shorter first', () => {
    expect(segmentsOf(0, 20, [span('long', 2, 14), span('short', 10, 16)])).toEqual([
      { start: 0, end: 2, ids: [] },
      { start: 2, end: 10, ids: ['long'] },
      { start: 10, end: 14, ids: ['short', 'long'] },
      { start: 14, end: 16, ids: ['short'] },
      { start: 16, end: 20, ids: [] },
    ])
  })

  it('keeps adjacent highlights apart, without a run between them', () => {
    expect(segmentsOf(0, 10, [span('a', 0, 5), span('b', 5, 10)])).toEqual([
      { start: 0, end: 5, ids: ['a'] },
      { start: 5, end: 10, ids: ['b'] },
    ])
  })

  it('clips a highlight that runs into the next block, and ignores ones that only touch it', () => {
    const spans = [span('across', 5, 40), span('before', 0, 10), span('after', 20, 30), span('earlier', 2, 8)]
    expect(segmentsOf(10, 20, spans)).toEqual([{ start: 10, end: 20, ids: ['across'] }])
    expect(segmentsOf(0, 10, spans)).toEqual([
      { start: 0, end: 2, ids: ['before'] },
      { start: 2, end: 5, ids: ['earlier', 'before'] },
      { start: 5, end: 8, ids: ['earlier', 'before', 'across'] },
      { start: 8, end: 10, ids: ['before', 'across'] },
    ])
  })

  it('ignores empty and inverted highlights', () => {
    expect(segmentsOf(0, 10, [span('empty', 4, 4), span('inverted', 8, 2)])).toEqual([{ start: 0, end: 10, ids: [] }])
  })

  it('gives two highlights on the same passage both ids, in the given order', () => {
    expect(segmentsOf(0, 6, [span('x', 0, 6), span('y', 0, 6)])).toEqual([{ start: 0, end: 6, ids: ['x', 'y'] }])
  })
})

describe('segments, for any block and highlights', () => {
  const scene = fc.tuple(fc.nat(50), fc.integer({ min: 1, max: 60 })).chain(([blockStart, length]) =>
    fc.record({
      blockStart: fc.constant(blockStart),
      blockEnd: fc.constant(blockStart + length),
      spans: fc.uniqueArray(
        fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), start: fc.nat(130), end: fc.nat(130) }),
        { selector: (s) => s.id, maxLength: 12 },
      ),
    }),
  )

  const covers = (s: Span, from: number, to: number) => s.end > s.start && s.start <= from && s.end >= to

  it('tile the block exactly, with no empty run and no needless cut', () => {
    fc.assert(
      fc.property(scene, ({ blockStart, blockEnd, spans }) => {
        const segments = segmentsOf(blockStart, blockEnd, spans)
        expect(segments[0]!.start).toBe(blockStart)
        expect(segments.at(-1)!.end).toBe(blockEnd)
        for (const [i, segment] of segments.entries()) {
          expect(segment.end).toBeGreaterThan(segment.start)
          if (i > 0) {
            expect(segment.start).toBe(segments[i - 1]!.end)
            expect(new Set(segment.ids)).not.toEqual(new Set(segments[i - 1]!.ids))
          }
        }
      }),
      { numRuns: 500 },
    )
  })

  it('list exactly the highlights covering each run, innermost first', () => {
    fc.assert(
      fc.property(scene, ({ blockStart, blockEnd, spans }) => {
        for (const segment of segmentsOf(blockStart, blockEnd, spans)) {
          const expected = spans.filter((s) => covers(s, segment.start, segment.end)).map((s) => s.id)
          expect([...segment.ids].sort()).toEqual([...expected].sort())
          // No highlight covers only part of a run.
          for (const s of spans) {
            const overlaps = s.end > s.start && s.start < segment.end && s.end > segment.start
            expect(overlaps).toBe(segment.ids.includes(s.id))
          }
          const lengths = segment.ids.map((id) => {
            const s = spans.find((candidate) => candidate.id === id)!
            return s.end - s.start
          })
          expect(lengths).toEqual([...lengths].sort((a, b) => a - b))
        }
      }),
      { numRuns: 500 },
    )
  })
})
