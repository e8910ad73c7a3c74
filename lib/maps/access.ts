// Loads a map with how the asking user stands towards it and asks lib/permissions.ts whether the
// action is allowed: group maps belong to every member; personal maps to their owner, readable by
// instructors; a submitted map is read-only to its student until an instructor reopens it.
import { db } from '@/lib/db'
import { Invalid, NotFound } from '@/lib/errors'
import { groupAccess, type Actor, type GroupAccess } from '@/lib/groups/access'
import { Id } from '@/lib/ids'
import { authorize, can } from '@/lib/permissions'
import { mapAction, type MapAction } from '@/lib/permissions/visibility'

export const MAP_NOT_FOUND = 'This map does not exist.'

export interface MapAccess extends GroupAccess {
  map: {
    id: string
    groupId: string
    ownerId: string | null
    kind: 'GROUP' | 'PERSONAL'
    status: 'DRAFT' | 'SUBMITTED'
    title: string
    seq: number
  }
  isOwner: boolean
}

export async function authorizeOnMap(actor: Actor, mapId: unknown, action: MapAction): Promise<MapAccess> {
  const id = Id.safeParse(mapId)
  const map = id.success
    ? await db.argumentMap.findUnique({
        where: { id: id.data },
        select: { id: true, groupId: true, ownerId: true, kind: true, status: true, title: true, seq: true },
      })
    : null
  if (!map) throw new NotFound(MAP_NOT_FOUND)
  const access = await groupAccess(actor, map.groupId)
  const isOwner = actor !== null && map.ownerId === actor.id
  // Someone who may not even read the map hears that it does not exist.
  const readAction = mapAction(map.kind, 'read')!
  if (!can(access.standing, readAction, { isOwner }))
    authorize(access.standing === 'student' ? 'outsider' : access.standing, readAction, {
      isOwner,
      notFound: MAP_NOT_FOUND,
    })
  const wanted = mapAction(map.kind, action)
  if (!wanted)
    throw new Invalid(`Group maps cannot be ${action === 'submit' ? 'submitted' : 'reopened'}; only personal maps can.`)
  authorize(access.standing, wanted, { isOwner, archived: access.archived, submitted: map.status === 'SUBMITTED' })
  return { ...access, map, isOwner }
}

/**
 * Asks again whether the map may be edited, with its status as read under its row lock: a
 * submission that landed after authorizeOnMap must not be written past. Every write that locks
 * the map checks here before changing it.
 */
export function authorizeEditWhileLocked(access: MapAccess, lockedStatus: string): void {
  const submitted = lockedStatus === 'SUBMITTED'
  authorize(access.standing, mapAction(access.map.kind, 'edit')!, {
    isOwner: access.isOwner,
    archived: access.archived,
    submitted,
  })
}
