// The one geometry every surface draws relations with, and where new nodes go: on random maps,
// every line runs border to border between the sides that face each other, the arrowhead sits on
// the target's border pointing into it, no label lies on a node, lines walk around nodes in their
// way, and a new node never lands on another.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { boxesOverlap, segmentHitsBox, type Box, type Point } from '@/lib/maps/boxes'
import { countCrossings, facingSide, relationGeometry, type RelationGeometry, type Side } from '@/lib/maps/geometry'
import { NODE_HEIGHT, NODE_WIDTH } from '@/lib/maps/layout'
import { besideNode, centredAt, nearestFreeSpot, PLACEMENT_GAP } from '@/lib/maps/placement'

const box = (x: number, y: number): Box => ({ x, y, width: NODE_WIDTH, height: NODE_HEIGHT })

/** Which side of `b` the point lies on (within a hair), or null when it is not on the border. */
function sideOf(b: Box, p: Point): Side | null {
  const on = (v: number, w: number) => Math.abs(v - w) < 0.02
  const within = (v: number, lo: number, hi: number) => v >= lo - 0.02 && v <= hi + 0.02
  if (on(p.y, b.y) && within(p.x, b.x, b.x + b.width)) return 'top'
  if (on(p.y, b.y + b.height) && within(p.x, b.x, b.x + b.width)) return 'bottom'
  if (on(p.x, b.x) && within(p.y, b.y, b.y + b.height)) return 'left'
  if (on(p.x, b.x + b.width) && within(p.y, b.y, b.y + b.height)) return 'right'
  return null
}

const OUTWARD: Record<Side, Point> = {
  top: { x: 0, y: -1 },
  bottom: { x: 0, y: 1 },
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
}

/** The assertions of the issue, for one relation. */
function expectDrawnRight(g: RelationGeometry, boxes: Map<string, Box>) {
  const [from, to] = [boxes.get(g.fromId)!, boxes.get(g.toId)!]
  const start = g.points[0]!
  const end = g.points.at(-1)!
  const startSide = sideOf(from, start)
  const endSide = sideOf(to, end)
  expect(startSide, `relation ${g.id} starts on its source's border`).toBe(g.fromSide)
  expect(endSide, `relation ${g.id} ends on its target's border`).toBe(g.toSide)
  // The side faces the other node: the other box lies beyond it.
  const n = OUTWARD[g.fromSide]
  const beyond = (b: Box, side: Side, other: Box) =>
    side === 'top'
      ? other.y < b.y
      : side === 'bottom'
        ? other.y + other.height > b.y + b.height
        : side === 'left'
          ? other.x < b.x
          : other.x + other.width > b.x + b.width
  expect(beyond(from, g.fromSide, to)).toBe(true)
  expect(beyond(to, g.toSide, from)).toBe(true)
  // The arrowhead's tip is the line's end; it points from the back into the target.
  expect(g.arrow.tip).toEqual(end)
  const into = OUTWARD[g.toSide]
  expect((g.arrow.tip.x - g.arrow.back.x) * -into.x + (g.arrow.tip.y - g.arrow.back.y) * -into.y).toBeGreaterThan(0)
  // The first step leaves the source outward.
  const next = g.points[1]!
  expect((next.x - start.x) * n.x + (next.y - start.y) * n.y).toBeGreaterThan(0)
  if (g.label)
    for (const b of boxes.values()) expect(boxesOverlap(g.label, b), `label of ${g.id} is clear of nodes`).toBe(false)
}

/** Random maps whose nodes do not overlap: a jittered grid, some cells left empty. */
const maps = fc
  .record({
    columns: fc.integer({ min: 1, max: 6 }),
    rows: fc.integer({ min: 1, max: 5 }),
    jitter: fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.boolean()), {
      minLength: 30,
      maxLength: 30,
    }),
    links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 40 }),
  })
  .map(({ columns, rows, jitter, links }) => {
    const boxes = new Map<string, Box>()
    for (let i = 0; i < columns * rows; i++) {
      const [dx, dy, keep] = jitter[i]!
      if (keep || boxes.size < 2) boxes.set(`n${i}`, box((i % columns) * 340 + dx, Math.floor(i / columns) * 240 + dy))
    }
    const ids = [...boxes.keys()]
    const relations = links
      .map(([a, b, labelled], i) => ({
        id: `r${i}`,
        fromId: ids[a % ids.length]!,
        toId: ids[b % ids.length]!,
        label: labelled ? { width: 90, height: 18 } : null,
      }))
      .filter((r) => r.fromId !== r.toId)
    return { boxes, relations }
  })

describe('relation geometry', () => {
  it('runs every line between facing borders, arrowhead on the target, labels off the nodes', () => {
    fc.assert(
      fc.property(maps, ({ boxes, relations }) => {
        const geometry = relationGeometry(boxes, relations)
        expect(geometry).toHaveLength(relations.length)
        for (const g of geometry) expectDrawnRight(g, boxes)
      }),
      { numRuns: 150 },
    )
  })

  it('keeps every end off the corners when ends crowd toward one end of a side', () => {
    // Found by the property above: three ends on one side, two of them near its lower end and one
    // near its upper end. Shifting the whole row back after pushing it once put one on the corner.
    const boxes = new Map([
      ['n0', box(0, 0)],
      ['n5', box(680, 243)],
      ['n6', box(0, 510)],
    ])
    const relations = [
      { id: 'r0', fromId: 'n5', toId: 'n6', label: null },
      { id: 'r1', fromId: 'n6', toId: 'n5', label: null },
      { id: 'r2', fromId: 'n5', toId: 'n0', label: null },
    ]
    const geometry = relationGeometry(boxes, relations)
    for (const g of geometry) expectDrawnRight(g, boxes)
    const onLeft = geometry
      .flatMap((g) => [
        ...(g.fromId === 'n5' ? [g.points[0]!.y] : []),
        ...(g.toId === 'n5' ? [g.points.at(-1)!.y] : []),
      ])
      .sort((a, b) => a - b)
    expect(onLeft).toHaveLength(3)
    expect(onLeft[0]).toBeGreaterThanOrEqual(243 + 16)
    expect(onLeft[2]).toBeLessThanOrEqual(243 + NODE_HEIGHT - 16)
    expect(onLeft[1]! - onLeft[0]!).toBeGreaterThanOrEqual(22)
    expect(onLeft[2]! - onLeft[1]!).toBeGreaterThanOrEqual(22)
  })

  it('attaches a chain stacked upward from the top of each source to the bottom of its target', () => {
    const boxes = new Map([
      ['a', box(0, 0)],
      ['b', box(0, 220)],
    ])
    const [g] = relationGeometry(boxes, [{ id: 'r', fromId: 'b', toId: 'a', label: { width: 60, height: 18 } }])
    expect(g).toMatchObject({
      fromSide: 'top',
      toSide: 'bottom',
      points: [
        { x: 120, y: 220 },
        { x: 120, y: NODE_HEIGHT },
      ],
    })
    expect(g!.arrow.back.y).toBeGreaterThan(g!.arrow.tip.y)
    // The label sits on the line between the boxes.
    expect(g!.label!.y).toBeGreaterThan(NODE_HEIGHT)
    expect(g!.label!.y + g!.label!.height).toBeLessThan(220)
  })

  it('joins boxes side by side through the sides that face each other, and keeps the label visible', () => {
    const boxes = new Map([
      ['a', box(0, 0)],
      ['b', box(300, 10)],
    ])
    const [g] = relationGeometry(boxes, [{ id: 'r', fromId: 'a', toId: 'b', label: { width: 58, height: 18 } }])
    expect([g!.fromSide, g!.toSide]).toEqual(['right', 'left'])
    expect(facingSide(boxes.get('b')!, boxes.get('a')!)).toBe('left')
    expect(boxesOverlap(g!.label!, boxes.get('a')!) || boxesOverlap(g!.label!, boxes.get('b')!)).toBe(false)
  })

  it('walks around a node that sits between the two ends', () => {
    const boxes = new Map([
      ['top', box(0, 0)],
      ['middle', box(0, 220)],
      ['bottom', box(0, 440)],
    ])
    const [g] = relationGeometry(boxes, [{ id: 'r', fromId: 'bottom', toId: 'top', label: null }])
    expect(g!.points.length).toBeGreaterThan(2)
    for (let i = 0; i < g!.points.length - 1; i++)
      expect(segmentHitsBox(g!.points[i]!, g!.points[i + 1]!, boxes.get('middle')!)).toBe(false)
    expectDrawnRight(g!, boxes)
  })

  it('spreads the arrowheads of several relations entering one side', () => {
    const boxes = new Map([
      ['claim', box(300, 0)],
      ['e1', box(300, 300)],
      ['e2', box(310, 560)],
    ])
    boxes.set('e3', box(0, 300))
    const geometry = relationGeometry(
      boxes,
      ['e1', 'e2', 'e3'].map((id) => ({ id, fromId: id, toId: 'claim', label: null })),
    )
    const tips = geometry.map((g) => g.arrow.tip.x).sort((a, b) => a - b)
    for (let i = 1; i < tips.length; i++) expect(tips[i]! - tips[i - 1]!).toBeGreaterThanOrEqual(20)
  })

  it('counts crossing lines', () => {
    const line = (a: Point, b: Point) => ({ points: [a, b] })
    expect(
      countCrossings([
        line({ x: 0, y: 0 }, { x: 10, y: 10 }),
        line({ x: 0, y: 10 }, { x: 10, y: 0 }),
        line({ x: 20, y: 0 }, { x: 30, y: 0 }),
      ]),
    ).toBe(1)
  })
})

describe('placing a new node', () => {
  const taken = fc.array(
    fc.record({ x: fc.integer({ min: -600, max: 600 }), y: fc.integer({ min: -600, max: 600 }) }),
    { maxLength: 25 },
  )

  it('takes the spot asked for when it is free, and otherwise the nearest spot clear of every node', () => {
    fc.assert(
      fc.property(
        taken,
        fc.record({ x: fc.integer({ min: -400, max: 400 }), y: fc.integer({ min: -400, max: 400 }) }),
        (nodes, wanted) => {
          const spot = nearestFreeSpot(wanted, nodes)
          for (const n of nodes)
            expect(boxesOverlap(box(spot.x, spot.y), box(n.x - PLACEMENT_GAP, n.y - PLACEMENT_GAP))).toBe(false)
          const clear = nodes.every(
            (n) =>
              !boxesOverlap(box(wanted.x, wanted.y), {
                x: n.x - PLACEMENT_GAP,
                y: n.y - PLACEMENT_GAP,
                width: NODE_WIDTH + 2 * PLACEMENT_GAP,
                height: NODE_HEIGHT + 2 * PLACEMENT_GAP,
              }),
          )
          if (clear) expect(spot).toEqual(wanted)
        },
      ),
    )
  })

  it('puts a second node added at the same spot beside the first, and a node added to a selection below it', () => {
    const first = nearestFreeSpot(centredAt({ x: 500, y: 300 }), [])
    const second = nearestFreeSpot(centredAt({ x: 500, y: 300 }), [first])
    expect(boxesOverlap(box(first.x, first.y), box(second.x, second.y))).toBe(false)
    expect(Math.hypot(second.x - first.x, second.y - first.y)).toBeLessThan(NODE_WIDTH + 2 * PLACEMENT_GAP + 30)
    const below = besideNode(first, [first, second])
    expect(below.y).toBeGreaterThan(first.y + NODE_HEIGHT)
  })
})
