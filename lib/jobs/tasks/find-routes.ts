// The routes of a map's relations for its page (lib/maps/known-routes.ts): on a map of a thousand
// nodes a few hundred milliseconds of searching for detours, kept off the request thread.
import { findRoutes, type PackedRoutes, type RoutedMap } from '@/lib/maps/known-routes'

export default async function findMapRoutes({ state }: { state: RoutedMap }): Promise<PackedRoutes> {
  return findRoutes(state)
}
