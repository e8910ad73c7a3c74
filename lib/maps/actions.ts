'use server'
// Server actions for maps: add the session user, return a Result.
import { revalidatePath } from 'next/cache'
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import * as maps from './mutations'
import { applyMapOperation } from './operations'
import { announceMapPresence } from './presence'
import { mapAtRevision, mapHistory, operationsSince } from './queries'
import type { MapState } from './reducer'
import { MapAtSeq, type Operation } from './schema'

const refreshLists = () => revalidatePath('/groups/[groupId]/maps', 'page')

export async function createMapAction(input: unknown): Promise<Result<{ id: string }>> {
  return attempt(async () => maps.createMap(await getCurrentUser(), input).finally(refreshLists))
}

export async function renameMapAction(input: unknown): Promise<Result<void>> {
  return attempt(async () => maps.renameMap(await getCurrentUser(), input).finally(refreshLists))
}

export async function duplicateMapAction(input: unknown): Promise<Result<{ id: string }>> {
  return attempt(async () => maps.duplicateMap(await getCurrentUser(), input).finally(refreshLists))
}

export async function deleteMapAction(input: unknown): Promise<Result<void>> {
  return attempt(async () => maps.deleteMap(await getCurrentUser(), input).finally(refreshLists))
}

export async function submitMapAction(input: unknown): Promise<Result<void>> {
  return attempt(async () =>
    maps.submitMap(await getCurrentUser(), input).finally(() => {
      // The to-do lists show the submission too.
      refreshLists()
      revalidatePath('/groups/[groupId]', 'page')
      revalidatePath('/dashboard')
    }),
  )
}

export async function reopenMapAction(input: unknown): Promise<Result<void>> {
  return attempt(async () => maps.reopenMap(await getCurrentUser(), input).finally(refreshLists))
}

export async function applyOperationAction(input: unknown): Promise<Result<{ seq: number }>> {
  return attempt(async () => applyMapOperation(await getCurrentUser(), input))
}

export async function operationsSinceAction(input: unknown): Promise<Result<{ seq: number; op: Operation; opId: string | null }[]>> {
  return attempt(async () => {
    const { mapId, seq } = MapAtSeq.parse(input)
    return operationsSince(await getCurrentUser(), mapId, seq)
  })
}

export async function mapHistoryAction(input: unknown): Promise<Result<{ seq: number; type: string; at: string; by: string }[]>> {
  return attempt(async () => mapHistory(await getCurrentUser(), (input as { mapId?: unknown } | null)?.mapId))
}

export async function mapAtRevisionAction(input: unknown): Promise<Result<MapState>> {
  return attempt(async () => {
    const { mapId, seq } = MapAtSeq.parse(input)
    return mapAtRevision(await getCurrentUser(), mapId, seq)
  })
}

export async function restoreRevisionAction(input: unknown): Promise<Result<{ seq: number }>> {
  return attempt(async () => maps.restoreRevision(await getCurrentUser(), input))
}

export async function announceMapPresenceAction(input: unknown): Promise<Result<void>> {
  return attempt(async () => announceMapPresence(await getCurrentUser(), input))
}
