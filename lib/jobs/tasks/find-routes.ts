// The routes of a map's relations for its page (lib/maps/known-routes.ts): on a map of a thousand
// nodes a few hundred milliseconds of searching for detours, kept off the request thread.
import { findRoutes, type PackedRoutes } from '@/lib/maps/known-routes'
import type { MapState } from '@/lib/maps/reducer'

export default async function findMapRoutes({ state }: { state: MapState }): Promise<PackedRoutes> {
  return findRoutes(state)
}
