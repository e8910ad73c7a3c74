// The lines of a map's relations, found where the page is made and sent with it. Without them every
// browser that opens a big map first searches for the same detours around nodes (on the 500-node
// map about 340 of them, most of its first drawing's time) before it draws a single line. Only the
// routes travel: ends, arrowheads and captions (measured in the browser's own font) are still drawn
// in the browser, and the routes are used only for the nodes and relations they were found for.
import { drawRelations, type Box, type KnownRoutes, type Point } from './geometry'
import { nodeBoxAt } from './node-size'
import type { MapState } from './reducer'

/** What routes depend on: the nodes' places and the relations' ends (a MapState is one). */
export interface RoutedMap {
  nodes: readonly Pick<MapState['nodes'][number], 'id' | 'x' | 'y'>[]
  relations: readonly Pick<MapState['relations'][number], 'id' | 'fromId' | 'toId'>[]
}

/** Only what the routes depend on, so a job is not handed every label. */
export const routedMapOf = (state: RoutedMap): RoutedMap => ({
  nodes: state.nodes.map(({ id, x, y }) => ({ id, x, y })),
  relations: state.relations.map(({ id, fromId, toId }) => ({ id, fromId, toId })),
})

/** Each detour as [its relation's position in the state's list, x, y, x, y, …]; straight lines are left out. */
export type PackedRoutes = [relation: number, ...xy: number[]][]

/** Every relation's route in `state`, as a canvas drawing it afresh would find it. */
export function findRoutes(state: RoutedMap): PackedRoutes {
  const boxes = new Map<string, Box>(state.nodes.map((n) => [n.id, nodeBoxAt(n)]))
  const position = new Map(state.relations.map((r, i) => [r.id, i]))
  // Routes do not depend on captions: they are left out here.
  const inputs = state.relations.map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId, label: null }))
  return drawRelations(null, boxes, inputs)
    .geometry.filter((g) => g.points.length > 2)
    .map((g) => [position.get(g.id)!, ...g.points.flatMap((p) => [p.x, p.y])])
}

/** The routes by relation id; undefined when they are not for `state` or not well formed. */
export function unpackRoutes(state: RoutedMap, packed: PackedRoutes): KnownRoutes | undefined {
  const routes = new Map<string, Point[]>()
  for (const [index, ...xy] of packed) {
    const relation = state.relations[index]
    if (!relation || xy.length < 6 || xy.length % 2 !== 0) return undefined
    const points: Point[] = []
    for (let i = 0; i < xy.length; i += 2) points.push({ x: xy[i]!, y: xy[i + 1]! })
    routes.set(relation.id, points)
  }
  return routes
}

/** Whether a drawing of these nodes and relations is the drawing of `state` (the same places and ends). */
export function drawsState(state: RoutedMap, nodes: RoutedMap['nodes'], relations: RoutedMap['relations']): boolean {
  if (nodes.length !== state.nodes.length || relations.length !== state.relations.length) return false
  const sameNodes = nodes.every((n, i) => {
    const s = state.nodes[i]!
    return n.id === s.id && n.x === s.x && n.y === s.y
  })
  return (
    sameNodes &&
    (relations === state.relations ||
      relations.every((r, i) => {
        const s = state.relations[i]!
        return r.id === s.id && r.fromId === s.fromId && r.toId === s.toId
      }))
  )
}
