// The pure core of argument maps: what each operation means, the operations between two states
// (restore, copy), and undo that reverts only what one's own edit touched.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { revertOps, touchedBy } from '@/components/map/undo'
import { diffStates } from '@/lib/maps/diff'
import {
  applyOperation,
  replay,
  replayMany,
  type MapNodeState,
  type MapRelationState,
  type MapState,
} from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'

const node = (id: string, extra: Partial<MapNodeState> = {}): MapNodeState => ({
  id,
  kind: 'CLAIM',
  label: id,
  highlightId: null,
  x: 0,
  y: 0,
  version: 1,
  ...extra,
})
const relation = (
  id: string,
  fromId: string,
  toId: string,
  kind: MapRelationState['kind'] = 'SUPPORTS',
): MapRelationState => ({ id, fromId, toId, kind, label: '' })

/** Order-free, and optionally without the edit counters (which only ever grow). */
const canonical = (state: MapState, { versions = true } = {}): MapState => ({
  nodes: [...state.nodes]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((n) => ({ ...n, version: versions ? n.version : 0 })),
  relations: [...state.relations].sort((a, b) => a.id.localeCompare(b.id)),
})

describe('what each operation does to a map', () => {
  const base: MapState = {
    nodes: [node('a'), node('b', { kind: 'EVIDENCE' }), node('c', { kind: 'BIAS' })],
    relations: [relation('ba', 'b', 'a'), relation('ac', 'a', 'c', 'ATTACKS'), relation('bc', 'b', 'c')],
  }

  it('adds a node at version 1, once per id', () => {
    const op: Operation = { type: 'node.add', node: { id: 'd', kind: 'NOTE', label: 'Side note', x: 5, y: 6 } }
    const added = applyOperation(base, op)
    expect(added.nodes.at(-1)).toEqual({
      id: 'd',
      kind: 'NOTE',
      label: 'Side note',
      highlightId: null,
      x: 5,
      y: 6,
      version: 1,
    })
    expect(applyOperation(added, { ...op, node: { ...op.node, label: 'A second try' } })).toBe(added)
  })

  it('moves, edits (bumping the version, keeping the kind unless given) and lays out nodes', () => {
    expect(applyOperation(base, { type: 'node.move', nodeId: 'b', x: 10, y: 20 }).nodes).toEqual([
      node('a'),
      node('b', { kind: 'EVIDENCE', x: 10, y: 20 }),
      base.nodes[2],
    ])
    const edited = applyOperation(base, { type: 'node.edit', nodeId: 'b', label: 'Reworded', baseVersion: 1 })
    expect(edited.nodes[1]).toEqual(node('b', { kind: 'EVIDENCE', label: 'Reworded', version: 2 }))
    expect(
      applyOperation(edited, { type: 'node.edit', nodeId: 'b', label: 'Now a claim', kind: 'CLAIM', baseVersion: 2 })
        .nodes[1],
    ).toMatchObject({ kind: 'CLAIM', version: 3 })
    const laid = applyOperation(base, {
      type: 'layout.apply',
      positions: [
        { nodeId: 'a', x: 1, y: 2 },
        { nodeId: 'c', x: 3, y: 4 },
      ],
    })
    expect(laid.nodes.map((n) => [n.id, n.x, n.y])).toEqual([
      ['a', 1, 2],
      ['b', 0, 0],
      ['c', 3, 4],
    ])
    expect(laid.relations).toBe(base.relations)
  })

  it('deletes a node together with every relation into or out of it', () => {
    expect(applyOperation(base, { type: 'node.delete', nodeId: 'a' })).toEqual({
      nodes: [base.nodes[1], base.nodes[2]],
      relations: [relation('bc', 'b', 'c')],
    })
  })

  it('adds a relation once per id, edits and deletes it', () => {
    const add: Operation = {
      type: 'relation.add',
      relation: { id: 'ca', fromId: 'c', toId: 'a', kind: 'ATTACKS', label: 'but' },
    }
    const added = applyOperation(base, add)
    expect(added.relations.at(-1)).toEqual({ id: 'ca', fromId: 'c', toId: 'a', kind: 'ATTACKS', label: 'but' })
    expect(applyOperation(added, { ...add, relation: { ...add.relation, kind: 'SUPPORTS' } })).toBe(added)
    expect(
      applyOperation(added, { type: 'relation.edit', relationId: 'ca', label: 'however' }).relations.at(-1),
    ).toMatchObject({ kind: 'ATTACKS', label: 'however' })
    expect(
      applyOperation(added, { type: 'relation.edit', relationId: 'ca', kind: 'SUPPORTS' }).relations.at(-1),
    ).toMatchObject({ kind: 'SUPPORTS', label: 'but' })
    expect(applyOperation(added, { type: 'relation.delete', relationId: 'ba' }).relations.map((r) => r.id)).toEqual([
      'ac',
      'bc',
      'ca',
    ])
    // Reversed in place: the same relation, its ends swapped.
    expect(
      applyOperation(added, { type: 'relation.edit', relationId: 'ca', fromId: 'a', toId: 'c' }).relations.at(-1),
    ).toEqual({ id: 'ca', fromId: 'a', toId: 'c', kind: 'ATTACKS', label: 'but' })
  })

  it('turns a reversed relation into one edit that keeps its id, which undo turns back', () => {
    const reversed: MapState = {
      ...base,
      relations: base.relations.map((r) => (r.id === 'ba' ? { ...r, fromId: 'a', toId: 'b' } : r)),
    }
    expect(diffStates(base, reversed)).toEqual([
      { type: 'relation.edit', relationId: 'ba', kind: 'SUPPORTS', label: '', fromId: 'a', toId: 'b' },
    ])
    const op: Operation = { type: 'relation.edit', relationId: 'ba', fromId: 'a', toId: 'b' }
    const undo = revertOps(applyOperation(base, op), base, touchedBy([op], base))
    expect(undo.reduce(applyOperation, applyOperation(base, op))).toEqual(base)
  })

  it('replays a log from the empty map without changing the states it passes through', () => {
    const frozen = JSON.parse(JSON.stringify(base)) as MapState
    replay(
      [
        { type: 'node.delete', nodeId: 'a' },
        { type: 'node.move', nodeId: 'b', x: 9, y: 9 },
      ],
      base,
    )
    expect(base).toEqual(frozen)
    expect(replay([{ type: 'node.add', node: { id: 'x', kind: 'CLAIM', label: 'X', x: 0, y: 0 } }])).toEqual({
      nodes: [node('x', { label: 'X' })],
      relations: [],
    })
  })
})

// Random maps over a small pool of ids, so two states share many nodes and relations.
const NODE_IDS = Array.from({ length: 7 }, (_, i) => `n${i}`)
const RELATION_IDS = Array.from({ length: 9 }, (_, i) => `r${i}`)
const KINDS = ['CLAIM', 'EVIDENCE', 'BIAS', 'NOTE'] as const
const LABELS = ['Alliances last', 'The record shows it', 'Only while threats last', '']
/** A node's citation never changes once it is on a map, so it follows from its id. */
const highlightOf = (id: string) => (id.endsWith('0') || id.endsWith('3') ? `h-${id}` : null)

const nodeWith = (id: string) =>
  fc
    .record({
      kind: fc.constantFrom(...KINDS),
      label: fc.constantFrom(...LABELS),
      x: fc.integer({ min: -500, max: 500 }),
      y: fc.integer({ min: -500, max: 500 }),
      version: fc.integer({ min: 1, max: 4 }),
    })
    .map((n): MapNodeState => ({ id, highlightId: highlightOf(id), ...n }))

const relationDraft = fc.record({
  id: fc.constantFrom(...RELATION_IDS),
  from: fc.nat(),
  to: fc.nat(),
  kind: fc.constantFrom('SUPPORTS' as const, 'ATTACKS' as const),
  label: fc.constantFrom('', 'because'),
})

/** A map the server could hold: relations join two distinct nodes on it, at most one per pair. */
const mapState: fc.Arbitrary<MapState> = fc.shuffledSubarray(NODE_IDS).chain((ids) =>
  fc.tuple(fc.tuple(...ids.map(nodeWith)), fc.array(relationDraft, { maxLength: 9 })).map(([nodes, drafts]) => {
    const relations: MapRelationState[] = []
    for (const d of ids.length < 2 ? [] : drafts) {
      const [fromId, toId] = [ids[d.from % ids.length]!, ids[d.to % ids.length]!]
      const taken = relations.some(
        (r) => r.id === d.id || (r.fromId === fromId && r.toId === toId) || (r.fromId === toId && r.toId === fromId),
      )
      if (fromId !== toId && !taken) relations.push({ id: d.id, fromId, toId, kind: d.kind, label: d.label })
    }
    return { nodes, relations }
  }),
)

/** Applies an operation only if the server would accept it on this state (see lib/maps/operations.ts). */
function applyAsServer(state: MapState, op: Operation): MapState {
  const nodeAt = (id: string) => state.nodes.find((n) => n.id === id)
  const has = (id: string) => nodeAt(id) !== undefined
  const relationHere = (id: string) => state.relations.some((r) => r.id === id)
  const refuse = (why: string) => {
    throw new Error(`${why}: ${JSON.stringify(op)}`)
  }
  if (op.type === 'node.add' && has(op.node.id)) refuse('node exists')
  if ((op.type === 'node.move' || op.type === 'node.delete') && !has(op.nodeId)) refuse('node missing')
  if (op.type === 'node.edit' && nodeAt(op.nodeId)?.version !== op.baseVersion) refuse('stale or missing node')
  if (op.type === 'relation.add') {
    const { id, fromId, toId } = op.relation
    if (fromId === toId || !has(fromId) || !has(toId) || relationHere(id)) refuse('bad relation')
    if (
      state.relations.some((r) => (r.fromId === fromId && r.toId === toId) || (r.fromId === toId && r.toId === fromId))
    )
      refuse('pair already connected')
  }
  if ((op.type === 'relation.edit' || op.type === 'relation.delete') && !relationHere(op.relationId))
    refuse('relation missing')
  if (op.type === 'relation.edit' && op.fromId !== undefined) {
    const r = state.relations.find((x) => x.id === op.relationId)!
    if (!(op.fromId === r.toId && op.toId === r.fromId) && !(op.fromId === r.fromId && op.toId === r.toId))
      refuse('not a reversal')
  }
  if (op.type === 'layout.apply' && op.positions.some((p) => !has(p.nodeId))) refuse('node missing')
  return applyOperation(state, op)
}

describe('the operations between two maps', () => {
  it('turn the first into the second, each one accepted by the server in turn', () => {
    fc.assert(
      fc.property(mapState, mapState, (from, to) => {
        const reached = diffStates(from, to).reduce(applyAsServer, from)
        expect(canonical(reached, { versions: false })).toEqual(canonical(to, { versions: false }))
      }),
      { numRuns: 1_000 },
    )
  })

  it('are none between a map and itself', () => {
    fc.assert(
      fc.property(mapState, (state) => {
        expect(diffStates(state, state)).toEqual([])
      }),
    )
  })
})

/** Any operation over the small id pools, sensible or not (moving a missing node, adding a node twice). */
const anyOperation: fc.Arbitrary<Operation> = fc.oneof(
  fc
    .record({
      id: fc.constantFrom(...NODE_IDS),
      kind: fc.constantFrom(...KINDS),
      label: fc.constantFrom(...LABELS),
      x: fc.integer({ min: -9, max: 9 }),
      y: fc.integer({ min: -9, max: 9 }),
      cited: fc.boolean(),
    })
    .map(({ cited, ...node }): Operation => ({
      type: 'node.add',
      node: { ...node, highlightId: cited ? `h-${node.id}` : null },
    })),
  fc
    .record({ nodeId: fc.constantFrom(...NODE_IDS), x: fc.integer(), y: fc.integer() })
    .map((o): Operation => ({ type: 'node.move', ...o })),
  fc
    .record({
      nodeId: fc.constantFrom(...NODE_IDS),
      label: fc.constantFrom(...LABELS),
      kind: fc.option(fc.constantFrom(...KINDS), { nil: undefined }),
    })
    .map((o): Operation => ({ type: 'node.edit', ...o, baseVersion: 1 })),
  fc.constantFrom(...NODE_IDS).map((nodeId): Operation => ({ type: 'node.uncite', nodeId })),
  fc.constantFrom(...NODE_IDS).map((nodeId): Operation => ({ type: 'node.delete', nodeId })),
  fc
    .record({
      id: fc.constantFrom(...RELATION_IDS),
      fromId: fc.constantFrom(...NODE_IDS),
      toId: fc.constantFrom(...NODE_IDS),
      kind: fc.constantFrom('SUPPORTS' as const, 'ATTACKS' as const),
      label: fc.constantFrom('', 'because'),
    })
    .map((relation): Operation => ({ type: 'relation.add', relation })),
  fc
    .record({
      relationId: fc.constantFrom(...RELATION_IDS),
      kind: fc.option(fc.constantFrom('SUPPORTS' as const, 'ATTACKS' as const), { nil: undefined }),
      label: fc.option(fc.constantFrom('', 'since 1949'), { nil: undefined }),
    })
    .map((o): Operation => ({ type: 'relation.edit', ...o })),
  fc.constantFrom(...RELATION_IDS).map((relationId): Operation => ({ type: 'relation.delete', relationId })),
  fc
    .array(fc.record({ nodeId: fc.constantFrom(...NODE_IDS), x: fc.integer(), y: fc.integer() }), { maxLength: 4 })
    .map((positions): Operation => ({ type: 'layout.apply', positions })),
)

describe('replaying many operations at once', () => {
  it('gives exactly what replaying them one by one gives, order included, from any map', () => {
    fc.assert(
      fc.property(mapState, fc.array(anyOperation, { maxLength: 40 }), (initial, ops) => {
        expect(replayMany(ops, initial)).toEqual(replay(ops, initial))
      }),
      { numRuns: 2_000 },
    )
  })
})

/** Reads random numbers as an operation someone could make on `state`, or null if none fits. */
type Intent = { roll: number; pick: number; other: number; x: number; y: number; label: string }
const intent = fc.record({
  roll: fc.nat(7),
  pick: fc.nat(),
  other: fc.nat(),
  x: fc.integer({ min: -300, max: 300 }),
  y: fc.integer({ min: -300, max: 300 }),
  label: fc.constantFrom(...LABELS),
})

interface Scope {
  nodes: (id: string) => boolean
  relations: (id: string) => boolean
  pairs: (a: string, b: string) => boolean
}
const EVERYTHING: Scope = { nodes: () => true, relations: () => true, pairs: () => true }

function operationFor(state: MapState, i: Intent, freshId: () => string, mayChange: Scope): Operation | null {
  const nodes = state.nodes.filter((n) => mayChange.nodes(n.id))
  const target = nodes[i.pick % Math.max(nodes.length, 1)]
  const relations = state.relations.filter((r) => mayChange.relations(r.id))
  const link = relations[i.pick % Math.max(relations.length, 1)]
  switch (i.roll) {
    case 0:
      return { type: 'node.add', node: { id: freshId(), kind: KINDS[i.other % 4]!, label: i.label, x: i.x, y: i.y } }
    case 1:
      return target ? { type: 'node.move', nodeId: target.id, x: i.x, y: i.y } : null
    case 2:
      return target
        ? {
            type: 'node.edit',
            nodeId: target.id,
            label: `${i.label}!`,
            kind: KINDS[i.other % 4],
            baseVersion: target.version,
          }
        : null
    case 3:
      return target ? { type: 'node.delete', nodeId: target.id } : null
    case 4: {
      const end = state.nodes[i.other % Math.max(state.nodes.length, 1)]
      if (!target || !end || end.id === target.id || !mayChange.pairs(target.id, end.id)) return null
      if (state.relations.some((r) => [r.fromId, r.toId].includes(target.id) && [r.fromId, r.toId].includes(end.id)))
        return null
      return {
        type: 'relation.add',
        relation: { id: freshId(), fromId: target.id, toId: end.id, kind: i.x > 0 ? 'SUPPORTS' : 'ATTACKS', label: '' },
      }
    }
    case 5:
      return link
        ? { type: 'relation.edit', relationId: link.id, kind: i.x > 0 ? 'SUPPORTS' : 'ATTACKS', label: i.label }
        : null
    case 6:
      return link ? { type: 'relation.delete', relationId: link.id } : null
    default:
      return target ? { type: 'layout.apply', positions: [{ nodeId: target.id, x: i.x, y: i.y }] } : null
  }
}

function operations(start: MapState, intents: Intent[], prefix: string, mayChange = EVERYTHING) {
  let n = 0
  const ops: Operation[] = []
  let state = start
  for (const i of intents) {
    const op = operationFor(state, i, () => `${prefix}${n++}`, mayChange)
    if (!op) continue
    ops.push(op)
    state = applyOperation(state, op)
  }
  return { ops, state }
}

const withoutVersion = (n: MapNodeState) => ({ ...n, version: 0 })

describe('undoing one’s own edit', () => {
  it('brings back what the edit touched, and redo brings the edit back', () => {
    fc.assert(
      fc.property(mapState, fc.array(intent, { minLength: 1, maxLength: 6 }), (before, intents) => {
        const { ops, state: after } = operations(before, intents, 'mine')
        const touched = touchedBy(ops, before)
        const undone = revertOps(after, before, touched).reduce(applyAsServer, after)
        expect(canonical(undone, { versions: false })).toEqual(canonical(before, { versions: false }))
        const redone = revertOps(undone, after, touched).reduce(applyAsServer, undone)
        expect(canonical(redone, { versions: false })).toEqual(canonical(after, { versions: false }))
      }),
      { numRuns: 500 },
    )
  })

  it('leaves a classmate’s concurrent changes to other nodes and relations alone', () => {
    fc.assert(
      fc.property(
        mapState,
        fc.array(intent, { minLength: 1, maxLength: 5 }),
        fc.array(intent, { minLength: 1, maxLength: 6 }),
        (before, mine, theirs) => {
          const { ops, state: after } = operations(before, mine, 'mine')
          const touched = touchedBy(ops, before)
          // A classmate leaves alone what the edit touched, including the pairs its relations joined
          // (the server refuses a second relation on a pair, so undo could not bring one back).
          const joined = (a: string, b: string) =>
            before.relations.some(
              (r) => touched.relations.has(r.id) && [r.fromId, r.toId].includes(a) && [r.fromId, r.toId].includes(b),
            )
          const untouched: Scope = {
            nodes: (id) => !touched.nodes.has(id),
            relations: (id) => !touched.relations.has(id),
            pairs: (a, b) => !joined(a, b),
          }
          const { state: current } = operations(after, theirs, 'theirs', untouched)
          const result = revertOps(current, before, touched).reduce(applyAsServer, current)

          const nodeIn = (s: MapState, id: string) => s.nodes.find((n) => n.id === id)
          const relationIn = (s: MapState, id: string) => s.relations.find((r) => r.id === id)
          const endsIn = (s: MapState, r: MapRelationState) =>
            nodeIn(s, r.fromId) !== undefined && nodeIn(s, r.toId) !== undefined
          for (const id of new Set([...before.nodes, ...current.nodes].map((n) => n.id))) {
            const expected = touched.nodes.has(id) ? nodeIn(before, id) : nodeIn(current, id)
            const got = nodeIn(result, id)
            if (touched.nodes.has(id))
              expect(got && withoutVersion(got), `touched node ${id}`).toEqual(expected && withoutVersion(expected))
            else expect(got, `untouched node ${id}`).toEqual(expected)
          }
          for (const id of new Set([...before.relations, ...current.relations].map((r) => r.id))) {
            const wanted = touched.relations.has(id) ? relationIn(before, id) : relationIn(current, id)
            expect(relationIn(result, id), `relation ${id}`).toEqual(
              wanted && endsIn(result, wanted) ? wanted : undefined,
            )
          }
        },
      ),
      { numRuns: 500 },
    )
  })
})
