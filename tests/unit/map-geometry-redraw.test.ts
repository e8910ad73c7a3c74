// Redrawing a map while nodes are dragged: drawn from the drawing before, a map is exactly what
// drawing it afresh gives, step after step of a drag, while relations far from the moved node
// keep their objects (so the canvas redraws only what changed).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { drawRelations, relationGeometry } from '@/lib/maps/geometry'
import { gridMap, gridMapArguments } from './grid-map'

const drags = fc.record({
  ...gridMapArguments,
  dragged: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  steps: fc.array(fc.tuple(fc.integer({ min: -120, max: 120 }), fc.integer({ min: -120, max: 120 })), {
    minLength: 1,
    maxLength: 8,
  }),
  /** Whether every step hands in new box objects for the nodes that did not move too. */
  fresh: fc.boolean(),
})

describe('redrawing a map while nodes move', () => {
  it('gives, step after step of a drag, exactly what drawing afresh gives', () => {
    fc.assert(
      fc.property(drags, ({ columns, rows, jitter, links, spacing, dragged, steps, fresh }) => {
        const { boxes, relations } = gridMap(columns, rows, jitter, links, spacing)
        const ids = [...new Set(dragged.map((d) => `n${d % (columns * rows)}`))]
        let drawing = drawRelations(null, boxes, relations)
        let current = boxes
        for (const [dx, dy] of steps) {
          current = new Map([...current].map(([id, b]) => [id, fresh ? { ...b } : b]))
          for (const id of ids) {
            const b = current.get(id)!
            current.set(id, { ...b, x: b.x + dx, y: b.y + dy })
          }
          drawing = drawRelations(drawing, current, relations)
          expect(drawing.geometry).toEqual(relationGeometry(current, relations))
        }
      }),
      { numRuns: 150 },
    )
  })

  it('keeps the drawing of relations far from a dragged node, and redraws those near it', () => {
    const { boxes, relations } = gridMap(
      12,
      10,
      [5, 40, 17, 33, 2, 58, 21, 44],
      Array.from({ length: 400 }, (_, i) => [i * 7, i * 3, i] as [number, number, number]),
    )
    const before = drawRelations(null, boxes, relations)
    const moved = new Map(boxes)
    moved.set('n0', { ...boxes.get('n0')!, x: boxes.get('n0')!.x + 30, y: boxes.get('n0')!.y + 12 })
    const after = drawRelations(before, moved, relations)
    expect(after.geometry).toEqual(relationGeometry(moved, relations))
    const kept = after.geometry.filter((g, i) => g === before.geometry[i]).length
    const touching = relations.filter((r) => r.fromId === 'n0' || r.toId === 'n0').length
    expect(touching).toBeGreaterThan(0)
    // Every relation of the dragged node is redrawn; most of the others, far from it, are kept as they were.
    for (const g of after.geometry) if (g.fromId === 'n0' || g.toId === 'n0') expect(before.geometry).not.toContain(g)
    expect(kept).toBeGreaterThan(relations.length * 0.8)
  })

  it('draws afresh when the relations changed', () => {
    const { boxes, relations } = gridMap(
      4,
      3,
      [1, 2, 3, 4, 5, 6, 7, 8],
      Array.from({ length: 20 }, (_, i) => [i, i * 5, i] as [number, number, number]),
    )
    const before = drawRelations(null, boxes, relations)
    const fewer = relations.slice(1)
    expect(drawRelations(before, boxes, fewer).geometry).toEqual(relationGeometry(boxes, fewer))
  })
})
