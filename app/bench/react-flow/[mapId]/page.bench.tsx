// Benchmarks only (a route in their own build, see next.config.js; never in the app users get):
// a map drawn by bare React Flow, the baseline bench/map-render.bench.ts measures the map page
// against. The same sign-in, access check and stored map as the map page, in the same layout and
// the same canvas size; then React Flow's default nodes (at the map's node size, so both need no
// measuring) and default edges, and nothing else.
import { authorizeOnMap } from '@/lib/maps/access'
import { NODE_HEIGHT, NODE_WIDTH } from '@/lib/maps/node-size'
import { loadMapState } from '@/lib/maps/state'
import { openPage } from '@/lib/page-errors'
import { BareReactFlow } from './bare-react-flow'

export default async function BareReactFlowPage({ params }: { params: Promise<{ mapId: string }> }) {
  const { mapId } = await params
  const [, state] = await openPage(`/bench/react-flow/${mapId}`, async (user) =>
    loadMapState((await authorizeOnMap(user, mapId, 'read')).map.id),
  )
  const nodes = state.nodes.map((n) => ({
    id: n.id,
    position: { x: n.x, y: n.y },
    data: { label: n.label },
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
  }))
  const edges = state.relations.map((r) => ({ id: r.id, source: r.fromId, target: r.toId }))
  return (
    <div className="mx-auto max-w-[100rem] px-4 py-4">
      <h1 className="mb-3 text-xl font-semibold">React Flow, bare</h1>
      {/* The map page's columns, so the canvas has the map editor's size. */}
      <div className="lg:grid lg:h-[calc(100vh-9rem)] lg:min-h-[520px] lg:grid-cols-[18rem_minmax(0,1fr)_16rem] lg:gap-4">
        <div />
        <div className="h-[75vh] rounded-lg border border-stone-200 bg-white lg:h-full">
          <BareReactFlow nodes={nodes} edges={edges} />
        </div>
        <div />
      </div>
    </div>
  )
}
