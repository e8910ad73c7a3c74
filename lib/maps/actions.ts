'use server'
// Server actions for maps: add the session user, return a Result.
import { revalidatePath } from 'next/cache'
import type { z } from 'zod'
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import * as maps from './mutations'
import { applyMapOperation } from './operations'
import { announceMapPresence } from './presence'
import { mapAtRevision, mapHistory, operationsSince } from './queries'
import type { MapState } from './reducer'
import {
  MapAtSeq,
  MapRef,
  type AnnounceSelection,
  type ApplyOperation,
  type CreateMap,
  type Operation,
  type RenameMap,
  type SubmitMap,
} from './schema'

const refreshLists = () => revalidatePath('/groups/[groupId]/maps', 'page')

export async function createMapAction(input: z.input<typeof CreateMap>): Promise<Result<{ id: string }>> {
  return attempt(async () => maps.createMap(await getCurrentUser(), input).finally(refreshLists))
}

export async function renameMapAction(input: z.input<typeof RenameMap>): Promise<Result<void>> {
  return attempt(async () => maps.renameMap(await getCurrentUser(), input).finally(refreshLists))
}

export async function duplicateMapAction(input: z.input<typeof MapRef>): Promise<Result<{ id: string }>> {
  return attempt(async () => maps.duplicateMap(await getCurrentUser(), input).finally(refreshLists))
}

export async function deleteMapAction(input: z.input<typeof MapRef>): Promise<Result<void>> {
  return attempt(async () => maps.deleteMap(await getCurrentUser(), input).finally(refreshLists))
}

export async function submitMapAction(input: z.input<typeof SubmitMap>): Promise<Result<void>> {
  return attempt(async () =>
    maps.submitMap(await getCurrentUser(), input).finally(() => {
      // The to-do lists show the submission too.
      refreshLists()
      revalidatePath('/groups/[groupId]', 'page')
      revalidatePath('/dashboard')
    }),
  )
}

export async function reopenMapAction(input: z.input<typeof MapRef>): Promise<Result<void>> {
  return attempt(async () => maps.reopenMap(await getCurrentUser(), input).finally(refreshLists))
}

export async function applyOperationAction(input: z.input<typeof ApplyOperation>): Promise<Result<{ seq: number }>> {
  return attempt(async () => applyMapOperation(await getCurrentUser(), input))
}

export async function operationsSinceAction(
  input: z.input<typeof MapAtSeq>,
): Promise<Result<{ seq: number; op: Operation; opId: string | null }[]>> {
  return attempt(async () => {
    const { mapId, seq } = MapAtSeq.parse(input)
    return operationsSince(await getCurrentUser(), mapId, seq)
  })
}

export async function mapHistoryAction(
  input: z.input<typeof MapRef>,
): Promise<Result<{ seq: number; type: string; at: string; by: string }[]>> {
  return attempt(async () => mapHistory(await getCurrentUser(), MapRef.parse(input).mapId))
}

export async function mapAtRevisionAction(input: z.input<typeof MapAtSeq>): Promise<Result<MapState>> {
  return attempt(async () => {
    const { mapId, seq } = MapAtSeq.parse(input)
    return mapAtRevision(await getCurrentUser(), mapId, seq)
  })
}

export async function restoreRevisionAction(input: z.input<typeof MapAtSeq>): Promise<Result<{ seq: number }>> {
  return attempt(async () => maps.restoreRevision(await getCurrentUser(), input))
}

export async function announceMapPresenceAction(input: z.input<typeof AnnounceSelection>): Promise<Result<void>> {
  return attempt(async () => announceMapPresence(await getCurrentUser(), input))
}
