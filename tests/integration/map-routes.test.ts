// A map page's relation routes, found in a job worker and kept by the state of the map
// (lib/maps/route-cache.ts): a page never waits for them, the seminar opening one map has them
// found once, a change to the map has them found again, and one person cannot keep the workers
// busy with them.
import { describe, expect, it } from 'vitest'
import { findRoutes } from '@/lib/maps/known-routes'
import type { MapState } from '@/lib/maps/reducer'
import { knownRoutesOf } from '@/lib/maps/route-cache'
import { gridMap } from '../unit/grid-map'

/** A crowded grid map whose lines walk around nodes; `shift` moves its first node. */
function crowdedState(shift = 0): MapState {
  const { boxes, relations } = gridMap(
    14,
    10,
    [5, 40, 17, 33, 2, 58, 21, 44],
    Array.from({ length: 500 }, (_, i) => [i * 7, i * 3, i] as [number, number, number]),
    { x: 260, y: 150 },
  )
  return {
    nodes: [...boxes].map(([id, b], i) => ({
      id,
      kind: 'EVIDENCE',
      label: `Node ${id}`,
      highlightId: null,
      x: b.x + (i === 0 ? shift : 0),
      y: b.y,
      version: 1,
    })),
    relations: relations.map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId, kind: 'ATTACKS', label: '' })),
  }
}

/** The routes of `state` once the background search has found them (null if it never does in time). */
async function foundRoutes(state: MapState, owner: string, waitMs = 10_000) {
  const until = Date.now() + waitMs
  for (;;) {
    const routes = knownRoutesOf(state, owner)
    if (routes || Date.now() > until) return routes
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('routes of a map page', () => {
  it('are looked for when first asked for, without the page waiting, and kept for everyone after', async () => {
    const state = crowdedState(1)
    const started = performance.now()
    expect(knownRoutesOf(state, 'ana')).toBeNull()
    expect(knownRoutesOf(state, 'ben')).toBeNull()
    expect(performance.now() - started).toBeLessThan(50)
    const found = await foundRoutes(state, 'ana')
    expect(found).not.toBeNull()
    expect(found!.length).toBeGreaterThan(20)
    expect(found).toEqual(findRoutes(state))
    // Everyone after gets the very same routes, with no search.
    expect(knownRoutesOf(state, 'ben')).toBe(found)
    expect(knownRoutesOf(structuredClone(state), 'cho')).toBe(found)
  })

  it('are looked for again once the map changed', async () => {
    const before = await foundRoutes(crowdedState(2), 'ana')
    const moved = crowdedState(2 + 140)
    expect(knownRoutesOf(moved, 'ana')).toBeNull()
    const after = await foundRoutes(moved, 'ana')
    expect(after).toEqual(findRoutes(moved))
    expect(after).not.toEqual(before)
  })

  it('are left to the browser when one person asks for more than their share at once', async () => {
    const states = [3, 4, 5, 6].map((shift) => crowdedState(shift))
    for (const state of states) expect(knownRoutesOf(state, 'dana')).toBeNull()
    // Two may run or wait per person: those are found, the others are not looked for.
    await foundRoutes(states[1]!, 'nobody')
    const found = states.map((state) => knownRoutesOf(state, 'nobody else'))
    expect(found.slice(0, 2)).toEqual(states.slice(0, 2).map(findRoutes))
    // (Asking again just now started the search for the other two.)
    expect(found.slice(2)).toEqual([null, null])
    // Someone else is not held up by it.
    expect(await foundRoutes(crowdedState(7), 'eli')).toEqual(findRoutes(crowdedState(7)))
  })

  it('of a map without relations need no search', () => {
    const state = crowdedState(8)
    expect(knownRoutesOf({ ...state, relations: [] }, 'ana')).toEqual([])
  })
})
