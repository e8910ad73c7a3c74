// A map page's relation routes, found in a job worker and kept by the state of the map
// (lib/maps/route-cache.ts): the seminar opening one map has them found once, a change to the map
// has them found again, and one person cannot keep the workers busy with them.
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

describe('routes of a map page', () => {
  it('are what the browser would find, found once for everyone who opens the same map', async () => {
    const state = crowdedState(1)
    const [first, second] = await Promise.all([knownRoutesOf(state, 'ana'), knownRoutesOf(state, 'ben')])
    expect(first).not.toBeNull()
    expect(first!.length).toBeGreaterThan(20)
    expect(first).toEqual(findRoutes(state))
    // One search for both, and the next visitor gets the same routes without one.
    expect(second).toBe(first)
    expect(await knownRoutesOf(structuredClone(state), 'cho')).toBe(first)
  })

  it('are found again once the map changed', async () => {
    const before = await knownRoutesOf(crowdedState(2), 'ana')
    const moved = crowdedState(2 + 140)
    const after = await knownRoutesOf(moved, 'ana')
    expect(after).not.toBe(before)
    expect(after).toEqual(findRoutes(moved))
    expect(after).not.toEqual(before)
  })

  it('are left to the browser when one person asks for more than their share at once', async () => {
    const states = [3, 4, 5, 6].map((shift) => crowdedState(shift))
    const found = await Promise.all(states.map((s) => knownRoutesOf(s, 'dana')))
    // Two may run or wait per person; the others are not found on the server, and the page goes on without them.
    expect(found.filter((f) => f === null).length).toBeGreaterThanOrEqual(2)
    found.forEach((f, i) => f && expect(f).toEqual(findRoutes(states[i]!)))
    // Someone else is not held up by it.
    expect(await knownRoutesOf(crowdedState(7), 'eli')).toEqual(findRoutes(crowdedState(7)))
  })

  it('of a map without relations need no search', async () => {
    const state = crowdedState(8)
    expect(await knownRoutesOf({ ...state, relations: [] }, 'ana')).toEqual([])
  })
})
