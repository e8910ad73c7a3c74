// Map lifecycle: create, rename, duplicate, delete, submit and reopen, restore a revision.
import { recordSubmission, withdrawSubmissions } from '@/lib/assignments/mutations'
import { notifyMapOwner } from '@/lib/notifications/notify'
import { db } from '@/lib/db'
import { Forbidden, Invalid } from '@/lib/errors'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { can } from '@/lib/permissions'
import { mapChanged } from '@/lib/realtime/events'
import { publishInTransaction, transactionWithEvents } from '@/lib/realtime/publish'
import { authorizeOnMap } from './access'
import { diffStates } from './diff'
import { applyBulk, BULK_TRANSACTION, withinBulkBudget } from './bulk'
import { replay, type MapState } from './reducer'
import { CreateMap, MapAtSeq, MapRef, RenameMap, SubmitMap, type Operation } from './schema'
import { loadMapState } from './state'
import { newId } from '@/lib/ids'

export async function createMap(actor: Actor, input: unknown): Promise<{ id: string }> {
  const data = CreateMap.parse(input)
  const access = await authorizeInGroup(actor, data.groupId, 'map:create')
  if (data.kind === 'GROUP' && !can(access.standing, 'groupMap:create')) {
    throw new Forbidden('Only instructors start group maps; make a personal map instead.')
  }
  return db.argumentMap.create({
    data: {
      groupId: access.group.id,
      title: data.title,
      kind: data.kind,
      ownerId: data.kind === 'PERSONAL' ? actor!.id : null,
    },
    select: { id: true },
  })
}

export async function renameMap(actor: Actor, input: unknown): Promise<void> {
  const data = RenameMap.parse(input)
  const access = await authorizeOnMap(actor, data.mapId, 'rename')
  await transactionWithEvents(async (tx) => {
    await tx.argumentMap.update({ where: { id: access.map.id }, data: { title: data.title } })
    await publishInTransaction(tx, access.map.groupId, mapChanged(access.map, access.map.seq))
  })
}

/** A personal copy of any map the actor can read, rebuilt through the operation log. */
export async function duplicateMap(actor: Actor, input: unknown): Promise<{ id: string }> {
  const { mapId } = MapRef.parse(input)
  const access = await authorizeOnMap(actor, mapId, 'read')
  await authorizeInGroup(actor, access.map.groupId, 'map:create')
  const state = await loadMapState(access.map.id)
  const ids = new Map(state.nodes.map((n) => [n.id, newId()]))
  const copy: MapState = {
    nodes: state.nodes.map((n) => ({ ...n, id: ids.get(n.id)!, version: 1 })),
    relations: state.relations.map((r) => ({ ...r, id: newId(), fromId: ids.get(r.fromId)!, toId: ids.get(r.toId)! })),
  }
  return withinBulkBudget(actor!.id, () =>
    transactionWithEvents(async (tx) => {
      const map = await tx.argumentMap.create({
        data: {
          groupId: access.map.groupId,
          kind: 'PERSONAL',
          ownerId: actor!.id,
          title: `Copy of ${access.map.title}`.slice(0, 120),
        },
        select: { id: true, groupId: true, ownerId: true, kind: true, status: true, title: true, seq: true },
      })
      await applyBulk(tx, { ...access, map, isOwner: true }, actor!.id, () =>
        diffStates({ nodes: [], relations: [] }, copy),
      )
      return { id: map.id }
    }, BULK_TRANSACTION),
  )
}

export async function deleteMap(actor: Actor, input: unknown): Promise<void> {
  const { mapId } = MapRef.parse(input)
  const access = await authorizeOnMap(actor, mapId, 'delete')
  await transactionWithEvents(async (tx) => {
    await tx.argumentMap.delete({ where: { id: access.map.id } })
    await publishInTransaction(tx, access.map.groupId, mapChanged(access.map, access.map.seq + 1))
  })
}

async function setStatus(
  actor: Actor,
  mapId: string,
  action: 'submit' | 'reopen',
  assignmentId?: string | null,
): Promise<void> {
  const access = await authorizeOnMap(actor, mapId, action)
  await transactionWithEvents(async (tx) => {
    if (assignmentId) await recordSubmission(tx, actor!, access.map, assignmentId)
    await tx.argumentMap.update({
      where: { id: access.map.id },
      data: { status: action === 'submit' ? 'SUBMITTED' : 'DRAFT' },
    })
    if (action === 'reopen') {
      await withdrawSubmissions(tx, access.map.id)
      await notifyMapOwner(tx, 'MAP_REOPENED', actor!.id, access.map)
    }
    await publishInTransaction(tx, access.map.groupId, mapChanged(access.map, access.map.seq))
  })
}

/** Hands a personal map in for review, for one of its group's assignments when one is named. */
export async function submitMap(actor: Actor, input: unknown): Promise<void> {
  const { mapId, assignmentId } = SubmitMap.parse(input)
  await setStatus(actor, mapId, 'submit', assignmentId)
}

export async function reopenMap(actor: Actor, input: unknown): Promise<void> {
  const { mapId } = MapRef.parse(input)
  await setStatus(actor, mapId, 'reopen')
}

/** Makes the map look as it did after operation `seq`, as a new revision (nothing is rewritten). */
export async function restoreRevision(actor: Actor, input: unknown): Promise<{ seq: number }> {
  const { mapId, seq } = MapAtSeq.parse(input)
  const access = await authorizeOnMap(actor, mapId, 'edit')
  return withinBulkBudget(actor!.id, () =>
    transactionWithEvents(async (tx) => {
      // Planned once the map is locked, so no edit lands between reading the map and rewriting it.
      const newSeq = await applyBulk(tx, access, actor!.id, async (current, lockedSeq) => {
        if (seq > lockedSeq) throw new Invalid('That revision does not exist yet.')
        const log = await tx.mapOperation.findMany({
          where: { mapId: access.map.id, seq: { lte: seq } },
          orderBy: { seq: 'asc' },
          select: { payload: true },
        })
        return diffStates(current, replay(log.map((entry) => entry.payload as Operation)))
      })
      return { seq: newSeq }
    }, BULK_TRANSACTION),
  )
}
