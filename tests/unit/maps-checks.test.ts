// Argument checks (unsupported claims, idle evidence, circular support, moved or vanished
// passages) and the layered auto-layout that puts what is supported above its support.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHECK_LABELS, checkArgument, type CheckKind } from '@/lib/maps/checks'
import { layeredLayout, NODE_HEIGHT, NODE_WIDTH } from '@/lib/maps/layout'
import type { MapNodeState, MapRelationState, MapState } from '@/lib/maps/reducer'

const node = (id: string, kind: MapNodeState['kind'] = 'CLAIM', highlightId: string | null = null): MapNodeState => ({
  id,
  kind,
  label: id,
  highlightId,
  x: 0,
  y: 0,
  version: 1,
})
let relationCount = 0
const rel = (fromId: string, toId: string, kind: MapRelationState['kind'] = 'SUPPORTS'): MapRelationState => ({
  id: `r${relationCount++}`,
  fromId,
  toId,
  kind,
  label: '',
})
const noPassages = () => undefined

/** The flags of one kind, as the node ids they sit on. */
const flagged = (
  state: MapState,
  kind: CheckKind,
  anchorOf: (id: string) => 'EXACT' | 'MOVED' | 'ORPHANED' | undefined = noPassages,
) =>
  checkArgument(state, anchorOf)
    .filter((f) => f.kind === kind)
    .map((f) => f.nodeId)
    .sort()

describe('argument checks', () => {
  it('flags a claim no evidence supports, whatever else points at it', () => {
    const state: MapState = {
      nodes: [
        node('alone'),
        node('backed'),
        node('byClaim'),
        node('attacked'),
        node('e1', 'EVIDENCE'),
        node('e2', 'EVIDENCE'),
        node('c'),
      ],
      relations: [rel('e1', 'backed'), rel('c', 'byClaim'), rel('e2', 'attacked', 'ATTACKS'), rel('backed', 'c')],
    }
    expect(flagged(state, 'unsupported-claim')).toEqual(['alone', 'attacked', 'byClaim', 'c'])
    expect(checkArgument(state, noPassages).find((f) => f.nodeId === 'alone')).toEqual({
      nodeId: 'alone',
      kind: 'unsupported-claim',
      message: CHECK_LABELS['unsupported-claim'],
    })
  })

  it('flags evidence that supports nothing, attacking included', () => {
    const state: MapState = {
      nodes: [
        node('claim'),
        node('used', 'EVIDENCE'),
        node('idle', 'EVIDENCE'),
        node('attacking', 'EVIDENCE'),
        node('bias', 'BIAS'),
      ],
      relations: [rel('used', 'claim'), rel('attacking', 'claim', 'ATTACKS')],
    }
    expect(flagged(state, 'idle-evidence')).toEqual(['attacking', 'idle'])
  })

  it('flags every node on a circle of support of two or three, and nothing that merely leads into one', () => {
    const state: MapState = {
      nodes: ['a', 'b', 'p', 'q', 'r', 'tail', 'x', 'y', 'chain1', 'chain2'].map((id) => node(id)),
      relations: [
        rel('a', 'b'),
        rel('b', 'a'),
        rel('p', 'q'),
        rel('q', 'r'),
        rel('r', 'p'),
        rel('tail', 'p'),
        rel('x', 'y'),
        rel('y', 'x', 'ATTACKS'),
        rel('chain1', 'chain2'),
      ],
    }
    expect(flagged(state, 'circular-support')).toEqual(['a', 'b', 'p', 'q', 'r'])
  })

  it('never flags a node that is not on a circle of support', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f']
    const edge = fc.record({
      from: fc.constantFrom(...ids),
      to: fc.constantFrom(...ids),
      kind: fc.constantFrom('SUPPORTS' as const, 'ATTACKS' as const),
    })
    fc.assert(
      fc.property(fc.shuffledSubarray(ids, { minLength: 1 }), fc.array(edge, { maxLength: 12 }), (present, edges) => {
        const relations = edges
          .filter((e) => e.from !== e.to && present.includes(e.from) && present.includes(e.to))
          .map((e) => rel(e.from, e.to, e.kind))
        const state: MapState = { nodes: present.map((id) => node(id)), relations }
        const onCircle = (id: string) => {
          const reached = new Set<string>()
          const todo = [id]
          for (let at = todo.pop(); at !== undefined; at = todo.pop()) {
            for (const r of relations)
              if (r.kind === 'SUPPORTS' && r.fromId === at && !reached.has(r.toId))
                todo.push((reached.add(r.toId), r.toId))
          }
          return reached.has(id)
        }
        for (const id of flagged(state, 'circular-support')) expect(onCircle(id), `${id} is on a circle`).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  // Known bug (see the closing report): the depth-first search marks only the path back to the
  // node it finds open, so w, reached after u already closed the circle v → u → v, is missed,
  // though v → w → u → v is a circle too.
  it('flags a node on a circle of support however the search happens to reach it', () => {
    const state: MapState = {
      nodes: [node('v'), node('u'), node('w')],
      relations: [rel('v', 'u'), rel('v', 'w'), rel('w', 'u'), rel('u', 'v')],
    }
    expect(flagged(state, 'circular-support')).toEqual(['u', 'v', 'w'])
  })

  it('flags nodes whose cited passage moved or is no longer in the text', () => {
    const state: MapState = {
      nodes: [
        node('exact', 'EVIDENCE', 'h1'),
        node('moved', 'EVIDENCE', 'h2'),
        node('gone', 'EVIDENCE', 'h3'),
        node('uncited', 'EVIDENCE'),
      ],
      relations: [],
    }
    const anchors: Record<string, 'EXACT' | 'MOVED' | 'ORPHANED'> = { h1: 'EXACT', h2: 'MOVED', h3: 'ORPHANED' }
    const anchorOf = (id: string) => anchors[id]
    expect(flagged(state, 'passage-moved', anchorOf)).toEqual(['moved'])
    expect(flagged(state, 'passage-orphaned', anchorOf)).toEqual(['gone'])
    expect(checkArgument(state, anchorOf).filter((f) => f.nodeId === 'exact')).toEqual([
      { nodeId: 'exact', kind: 'idle-evidence', message: CHECK_LABELS['idle-evidence'] },
    ])
  })
})

const overlap = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT

describe('laying a map out', () => {
  it('puts a supported claim above its evidence, side by side evidence apart', () => {
    const state: MapState = {
      nodes: [node('e1', 'EVIDENCE'), node('claim'), node('e2', 'EVIDENCE')],
      relations: [rel('e1', 'claim'), rel('e2', 'claim')],
    }
    const at = Object.fromEntries(layeredLayout(state).map((p) => [p.nodeId, p]))
    expect(at.claim!.y).toBeLessThan(at.e1!.y)
    expect(at.claim!.y).toBeLessThan(at.e2!.y)
    expect(overlap(at.e1!, at.e2!)).toBe(false)
  })

  it('places every node once, whole-numbered, targets above what points at them, none overlapping', () => {
    // Relations only from a later node to an earlier one, so the map has no circles.
    const map = fc.integer({ min: 1, max: 14 }).chain((size) =>
      fc
        .array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1), fc.boolean()), { maxLength: 2 * size })
        .map((pairs): MapState => ({
          nodes: Array.from({ length: size }, (_, i) => node(`n${i}`, i % 2 ? 'EVIDENCE' : 'CLAIM')),
          relations: pairs
            .filter(([a, b]) => a > b)
            .map(([a, b, supports]) => rel(`n${a}`, `n${b}`, supports ? 'SUPPORTS' : 'ATTACKS')),
        })),
    )
    fc.assert(
      fc.property(map, (state) => {
        const placed = layeredLayout(state)
        expect(placed.map((p) => p.nodeId)).toEqual(state.nodes.map((n) => n.id))
        expect(placed.every((p) => Number.isInteger(p.x) && Number.isInteger(p.y))).toBe(true)
        const at = new Map(placed.map((p) => [p.nodeId, p]))
        for (const r of state.relations)
          expect(at.get(r.toId)!.y, `${r.toId} above ${r.fromId}`).toBeLessThan(at.get(r.fromId)!.y)
        for (const [i, a] of placed.entries())
          for (const b of placed.slice(i + 1)) expect(overlap(a, b), `${a.nodeId} and ${b.nodeId} overlap`).toBe(false)
      }),
      { numRuns: 150 },
    )
  })
})
