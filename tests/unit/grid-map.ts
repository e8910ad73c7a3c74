// Maps for the geometry tests: a jittered grid of nodes, relations between near neighbours.
import fc from 'fast-check'
import type { Box } from '@/lib/maps/boxes'
import type { RelationInput } from '@/lib/maps/geometry'
import { NODE_HEIGHT, NODE_WIDTH } from '@/lib/maps/node-size'

const box = (x: number, y: number): Box => ({ x, y, width: NODE_WIDTH, height: NODE_HEIGHT })

/**
 * A jittered grid of nodes with relations between near neighbours, some with wide labels; a tight
 * grid leaves labels little room between the nodes, so they go beside their lines or further out.
 */
export function gridMap(
  columns: number,
  rows: number,
  jitter: number[],
  links: [number, number, number][],
  spacing = { x: 320, y: 220 },
) {
  const boxes = new Map<string, Box>()
  for (let i = 0; i < columns * rows; i++)
    boxes.set(
      `n${i}`,
      box(
        (i % columns) * spacing.x + (jitter[i % jitter.length]! % 60),
        Math.floor(i / columns) * spacing.y + (jitter[(i * 7) % jitter.length]! % 60),
      ),
    )
  const count = columns * rows
  const relations: RelationInput[] = []
  const seen = new Set<string>()
  for (const [a, offset, labelKind] of links) {
    const from = a % count
    const to = (from + 1 + (offset % Math.min(count - 1, 2 * columns + 1))) % count
    const pair = [from, to].sort().join(':')
    if (from === to || seen.has(pair)) continue
    seen.add(pair)
    const label =
      labelKind % 3 === 0 ? null : { width: labelKind % 3 === 1 ? 58 : 150, height: labelKind % 3 === 1 ? 18 : 32 }
    relations.push({ id: `r${relations.length}`, fromId: `n${from}`, toId: `n${to}`, label })
  }
  return { boxes, relations }
}

/** gridMap's arguments, for property tests: up to 7 × 6 nodes and 60 relations. */
export const gridMapArguments = {
  columns: fc.integer({ min: 2, max: 7 }),
  rows: fc.integer({ min: 2, max: 6 }),
  jitter: fc.array(fc.nat({ max: 59 }), { minLength: 8, maxLength: 8 }),
  links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 5, maxLength: 60 }),
  spacing: fc.record({ x: fc.integer({ min: 250, max: 340 }), y: fc.integer({ min: 140, max: 230 }) }),
}
