// A map's state packed for the page and unpacked in the browser is the same state, whatever it
// holds: any text, citations or none, relations between nodes of the map or naming others.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { packMapState, unpackMapState } from '@/lib/maps/packed-state'
import type { MapState } from '@/lib/maps/reducer'

const ids = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 0, maxLength: 30 })
const states = ids.chain((nodeIds) =>
  fc.record({
    nodes: fc.tuple(
      ...nodeIds.map((id) =>
        fc.record({
          id: fc.constant(id),
          kind: fc.constantFrom('CLAIM', 'EVIDENCE', 'BIAS', 'NOTE' as const),
          label: fc.string({ unit: 'grapheme', maxLength: 40 }),
          highlightId: fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: null }),
          x: fc.integer({ min: -5000, max: 5000 }),
          y: fc.integer({ min: -5000, max: 5000 }),
          version: fc.integer({ min: 1, max: 50 }),
        }),
      ),
    ),
    relations: fc.array(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 8 }),
        // Mostly nodes of the map; now and then an id that is not one of them.
        fromId: nodeIds.length
          ? fc.oneof(fc.constantFrom(...nodeIds), fc.string({ minLength: 1, maxLength: 5 }))
          : fc.string({ minLength: 1, maxLength: 5 }),
        toId: nodeIds.length ? fc.constantFrom(...nodeIds) : fc.string({ minLength: 1, maxLength: 5 }),
        kind: fc.constantFrom('SUPPORTS', 'ATTACKS' as const),
        label: fc.string({ unit: 'grapheme', maxLength: 20 }),
      }),
      { maxLength: 40 },
    ),
  }),
)

describe('a map state packed for the page', () => {
  it('unpacks to the state it was made from, through JSON', () => {
    fc.assert(
      fc.property(states, (state: MapState) => {
        expect(unpackMapState(JSON.parse(JSON.stringify(packMapState(state))))).toEqual(state)
      }),
    )
  })

  it('names a relation’s nodes by their position, not by their ids', () => {
    const state: MapState = {
      nodes: [
        { id: 'a'.repeat(32), kind: 'CLAIM', label: 'Alliances endure', highlightId: null, x: 0, y: 0, version: 1 },
        { id: 'b'.repeat(32), kind: 'EVIDENCE', label: '同盟は続く', highlightId: 'h1', x: 300, y: 0, version: 2 },
      ],
      relations: [{ id: 'r1', fromId: 'b'.repeat(32), toId: 'a'.repeat(32), kind: 'SUPPORTS', label: 'in part' }],
    }
    expect(packMapState(state).relations).toEqual([['r1', 1, 0, 'SUPPORTS', 'in part']])
  })
})
