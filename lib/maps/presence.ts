// Who is on a map and what they have selected, sent as transient events (not stored).
import { db } from '@/lib/db'
import type { Actor } from '@/lib/groups/access'
import { mapAudience } from '@/lib/permissions/visibility'
import { publishTransient } from '@/lib/realtime/publish'
import { authorizeOnMap } from './access'
import { AnnounceSelection } from './schema'

export async function announceMapPresence(actor: Actor, input: unknown): Promise<void> {
  const { mapId, selected } = AnnounceSelection.parse(input)
  const access = await authorizeOnMap(actor, mapId, 'read')
  const user = await db.user.findUniqueOrThrow({ where: { id: actor!.id }, select: { name: true } })
  await publishTransient(db, access.map.groupId, {
    type: 'map.presence',
    mapId: access.map.id,
    userId: actor!.id,
    name: user.name,
    selected,
    audience: mapAudience(access.map),
  })
}
