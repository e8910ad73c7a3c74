// The routes of a map's relations (lib/maps/known-routes.ts) by the state of the map they were
// found for: a seminar opening one map has them found once, in a job worker, and a change to the
// map (a node moved, a relation added) is a new key. A 500-node map's routes are about 30 KB.
// Waiting for them made the first page after a change 130 ms slower to start (npm run bench --
// map-render), more than its browser saves, so a page takes them only once they are there.
import 'server-only'
import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { runJob } from '@/lib/jobs/run-job'
import { log } from '@/lib/log'
import { routedMapOf, type PackedRoutes } from './known-routes'
import type { MapState } from './reducer'

interface Asker {
  state: MapState
  owner: string
}

// lru-cache's fetch also gives everyone who asks for a key while it is being found the same search.
const cache = new LRUCache<string, PackedRoutes, Asker>({
  max: 100,
  fetchMethod: (_key, _stale, { context, signal }) =>
    runJob('find-routes', { state: routedMapOf(context.state) }, { owner: context.owner, signal }),
})

/** What the routes depend on: the nodes' places and the relations' ends. */
function keyOf(state: MapState): string {
  const hash = createHash('sha256')
  for (const n of state.nodes) hash.update(`${n.id} ${n.x} ${n.y}\n`)
  hash.update('\n')
  for (const r of state.relations) hash.update(`${r.id} ${r.fromId} ${r.toId}\n`)
  return hash.digest('base64url')
}

/**
 * The routes of `state`'s relations if they were found already, else null, and they are looked for
 * in the background for whoever opens the map next: a page never waits for them (its browser then
 * finds them itself, as it would without them).
 */
export function knownRoutesOf(state: MapState, owner: string): PackedRoutes | null {
  if (state.relations.length === 0) return []
  const key = keyOf(state)
  const found = cache.get(key)
  if (found) return found
  cache.fetch(key, { context: { state, owner } }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error)
    log.info({ reason, nodes: state.nodes.length }, 'Map routes not found on the server; browsers find them')
  })
  return null
}
