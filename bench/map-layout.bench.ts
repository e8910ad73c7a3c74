// map-layout: the layered auto-layout on the benchmark maps (60 nodes / 80 relations and 500 / 700,
// built like map-render's), timed, and judged by how many relation lines cross once drawn with the
// shared geometry. Colloquy's layout (dagre) against elkjs's layered algorithm in the same run, and
// the crossings of the maps as they were placed before any layout.
import ELK from 'elkjs/lib/elk.bundled.js'
import { countCrossings, relationGeometry } from '../lib/maps/geometry'
import { layeredLayout, NODE_HEIGHT, NODE_WIDTH } from '../lib/maps/layout'
import { replay, type MapState } from '../lib/maps/reducer'
import { mapOperations } from './lib/seeded-map'
import type { BenchResult, Row } from './lib/report'
import { median, seededRandom } from './lib/stats'

const MAPS = [
  { nodes: 60, relations: 80 },
  { nodes: 500, relations: 700 },
]
const RUNS = 3
const SEED = 20261125

type Positions = { nodeId: string; x: number; y: number }[]

/** elkjs's layered layout with the same spacing and direction as ours: targets above their sources. */
async function elkLayout(state: MapState): Promise<Positions> {
  const elk = new ELK()
  const graph = await elk.layout({
    id: 'map',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'UP',
      'elk.spacing.nodeNode': '36',
      'elk.layered.spacing.nodeNodeBetweenLayers': '72',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    },
    children: state.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: state.relations.map((r) => ({ id: r.id, sources: [r.fromId], targets: [r.toId] })),
  })
  return (graph.children ?? []).map((c) => ({ nodeId: c.id, x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }))
}

function crossingsOf(state: MapState, positions?: Positions): number {
  const at = new Map(positions?.map((p) => [p.nodeId, p]))
  const boxes = new Map(
    state.nodes.map((n) => [
      n.id,
      { x: at.get(n.id)?.x ?? n.x, y: at.get(n.id)?.y ?? n.y, width: NODE_WIDTH, height: NODE_HEIGHT },
    ]),
  )
  return countCrossings(
    relationGeometry(
      boxes,
      state.relations.map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId, label: null })),
    ),
  )
}

async function timed<T>(run: () => T | Promise<T>): Promise<{ result: T; ms: number[] }> {
  const ms: number[] = []
  let result: T | undefined
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    result = await run()
    ms.push(performance.now() - started)
  }
  return { result: result!, ms }
}

export async function benchMapLayout(): Promise<BenchResult> {
  const rows: Row[] = []
  const notes: string[] = []
  for (const size of MAPS) {
    const state = replay(mapOperations(size.nodes, size.relations, seededRandom(SEED)))
    const dagre = await timed(() => layeredLayout(state))
    const elk = await timed(() => elkLayout(state))
    const placed = crossingsOf(state)
    const [withDagre, withElk] = [crossingsOf(state, dagre.result), crossingsOf(state, elk.result)]
    rows.push(
      {
        name: `${size.nodes}-node layout (dagre), median of ${RUNS}; baseline elkjs layered`,
        unit: 'ms',
        figure: median(dagre.ms),
        baseline: median(elk.ms),
      },
      { name: `${size.nodes}-node crossings as placed, before layout`, unit: 'count', figure: placed, baseline: null },
      { name: `${size.nodes}-node crossings after layout (dagre)`, unit: 'count', figure: withDagre, baseline: null },
      {
        name: `${size.nodes}-node crossings after layout (elkjs layered)`,
        unit: 'count',
        figure: withElk,
        baseline: null,
      },
    )
    notes.push(
      `${size.nodes} nodes / ${state.relations.length} relations: crossings ${placed} as placed → ${withDagre} with dagre, ${withElk} with elkjs (${withDagre <= withElk ? 'dagre' : 'elkjs'} fewer)`,
    )
  }
  return { name: 'map-layout', rows, notes, failures: [] }
}
