// The stored state of a map, in the reducer's shape.
import { db } from '@/lib/db'
import type { MapState } from './reducer'

export async function loadMapState(
  mapId: string,
  client: Pick<typeof db, 'mapNode' | 'mapRelation'> = db,
): Promise<MapState> {
  const [nodes, relations] = await Promise.all([
    client.mapNode.findMany({
      where: { mapId },
      orderBy: { createdAt: 'asc' },
      select: { id: true, kind: true, label: true, highlightId: true, x: true, y: true, version: true },
    }),
    client.mapRelation.findMany({
      where: { mapId },
      orderBy: { id: 'asc' },
      select: { id: true, fromId: true, toId: true, kind: true, label: true },
    }),
  ])
  return { nodes, relations }
}
