'use server'
// Server actions for highlights and replies: add the session user, return a Result.
import { getClaimedActor, getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import * as highlights from './mutations'
import { listSourceHighlights, readHighlightChanges, type HighlightChanges, type ReaderHighlights } from './queries'

export async function listHighlightsAction(input: unknown): Promise<Result<ReaderHighlights>> {
  return attempt(async () => listSourceHighlights(await getCurrentUser(), (input as { sourceId?: unknown } | null)?.sourceId))
}

/** The highlights a live event named, read again: the reader applies them instead of reading every highlight. */
export async function readHighlightChangesAction(input: unknown): Promise<Result<HighlightChanges>> {
  return attempt(async () => readHighlightChanges(await getCurrentUser(), input))
}

export async function createHighlightAction(input: unknown): Promise<Result<{ id: string }>> {
  // createHighlight checks the account while authorizing, so the claimed id is enough.
  return attempt(async () => highlights.createHighlight(await getClaimedActor(), input))
}

export async function updateHighlightAction(input: unknown): Promise<Result<void>> {
  return attempt(async () => highlights.updateHighlight(await getCurrentUser(), input))
}

export async function deleteHighlightAction(input: unknown): Promise<Result<void>> {
  return attempt(async () => highlights.deleteHighlight(await getCurrentUser(), input))
}

export async function confirmAnchorAction(input: unknown): Promise<Result<void>> {
  return attempt(async () => highlights.confirmAnchor(await getCurrentUser(), input))
}

export async function createReplyAction(input: unknown): Promise<Result<{ id: string }>> {
  return attempt(async () => highlights.createReply(await getCurrentUser(), input))
}

export async function updateReplyAction(input: unknown): Promise<Result<void>> {
  return attempt(async () => highlights.updateReply(await getCurrentUser(), input))
}

export async function deleteReplyAction(input: unknown): Promise<Result<void>> {
  return attempt(async () => highlights.deleteReply(await getCurrentUser(), input))
}
