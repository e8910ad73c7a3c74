// Routes found where the page is made (lib/maps/known-routes.ts): a browser drawing the map with
// them draws exactly what it would have drawn searching for every detour itself, and routes found
// for another state of the map are not used.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Box } from '@/lib/maps/boxes'
import { drawRelations, relationGeometry, type RelationInput } from '@/lib/maps/geometry'
import { drawsState, findRoutes, unpackRoutes } from '@/lib/maps/known-routes'
import type { MapState } from '@/lib/maps/reducer'
import { gridMap, gridMapArguments } from './grid-map'

function stateOf(boxes: ReadonlyMap<string, Box>, relations: readonly RelationInput[]): MapState {
  return {
    nodes: [...boxes].map(([id, b]) => ({
      id,
      kind: 'CLAIM',
      label: id,
      highlightId: null,
      x: b.x,
      y: b.y,
      version: 1,
    })),
    relations: relations.map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId, kind: 'SUPPORTS', label: '' })),
  }
}

// Up to 8 columns here, as this test had before sharing the grid's arguments.
const maps = fc.record({ ...gridMapArguments, columns: fc.integer({ min: 2, max: 8 }) })

/** A tight grid where many lines must walk around nodes. */
const crowded = () =>
  gridMap(
    12,
    10,
    [5, 40, 17, 33, 2, 58, 21, 44],
    Array.from({ length: 400 }, (_, i) => [i * 7, i * 3, i] as [number, number, number]),
    { x: 260, y: 150 },
  )

describe('routes found on the server', () => {
  it('draw, captions and all, exactly what the browser would draw by itself', () => {
    let detours = 0
    fc.assert(
      fc.property(maps, ({ columns, rows, jitter, links, spacing }) => {
        const { boxes, relations } = gridMap(columns, rows, jitter, links, spacing)
        const state = stateOf(boxes, relations)
        const packed = findRoutes(state)
        detours += packed.length
        const known = unpackRoutes(state, JSON.parse(JSON.stringify(packed)))
        expect(known).toBeDefined()
        const drawn = drawRelations(null, boxes, relations, undefined, known)
        expect(drawn.geometry).toEqual(relationGeometry(boxes, relations))
      }),
      { numRuns: 150 },
    )
    expect(detours).toBeGreaterThan(0)
  })

  it('cover every detour of a crowded map and leave its straight lines out', () => {
    const { boxes, relations } = crowded()
    const state = stateOf(boxes, relations)
    const packed = findRoutes(state)
    const fresh = relationGeometry(boxes, relations)
    const bent = fresh.filter((g) => g.points.length > 2)
    expect(bent.length).toBeGreaterThan(20)
    expect(packed.map(([index]) => state.relations[index]!.id)).toEqual(bent.map((g) => g.id))
    const known = unpackRoutes(state, packed)!
    expect(drawRelations(null, boxes, relations, undefined, known).geometry).toEqual(fresh)
  })

  it('belong only to the state they were found for', () => {
    const { boxes, relations } = crowded()
    const state = stateOf(boxes, relations)
    const placed = state.nodes.map(({ id, x, y }) => ({ id, x, y }))
    expect(drawsState(state, placed, state.relations)).toBe(true)
    expect(drawsState(state, placed, structuredClone(state.relations))).toBe(true)
    const moved = placed.map((n, i) => (i === 30 ? { ...n, x: n.x + 1 } : n))
    expect(drawsState(state, moved, state.relations)).toBe(false)
    expect(drawsState(state, placed.slice(1), state.relations)).toBe(false)
    const reversed = state.relations.map((r, i) => (i === 7 ? { ...r, fromId: r.toId, toId: r.fromId } : r))
    expect(drawsState(state, placed, reversed)).toBe(false)
    expect(drawsState(state, placed, state.relations.slice(1))).toBe(false)
  })

  it('are not used where their ends are not this drawing’s, nor in a drawing made from the one before', () => {
    const { boxes, relations } = crowded()
    const known = unpackRoutes(stateOf(boxes, relations), findRoutes(stateOf(boxes, relations)))!
    // Every node moved: no known route leaves from where its relation now does.
    const shifted = new Map([...boxes].map(([id, b]) => [id, { ...b, x: b.x + 7, y: b.y - 3 }]))
    expect(drawRelations(null, shifted, relations, undefined, known).geometry).toEqual(
      relationGeometry(shifted, relations),
    )
    // One node dragged from the first drawing: drawn from it, not from the known routes.
    const before = drawRelations(null, boxes, relations, undefined, known)
    const dragged = new Map(boxes)
    dragged.set('n14', { ...boxes.get('n14')!, x: boxes.get('n14')!.x + 90 })
    expect(drawRelations(before, dragged, relations, undefined, known).geometry).toEqual(
      relationGeometry(dragged, relations),
    )
  })

  it('are refused when they do not fit the state they came with', () => {
    const { boxes, relations } = crowded()
    const state = stateOf(boxes, relations)
    const good = findRoutes(state)
    expect(unpackRoutes(state, good)).toBeDefined()
    const [index, ...xy] = good[0]!
    expect(unpackRoutes(state, [[state.relations.length, ...xy]])).toBeUndefined()
    expect(unpackRoutes(state, [[index, ...xy.slice(0, -1)]])).toBeUndefined()
    expect(unpackRoutes(state, [[index, 1, 2, 3, 4]])).toBeUndefined()
  })
})
