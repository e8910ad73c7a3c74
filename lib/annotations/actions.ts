'use server'
// Server actions for highlights and replies: add the session user, return a Result.
import type { z } from 'zod'
import { getClaimedActor, getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import { SourceRef } from '@/lib/sources/schema'
import * as highlights from './mutations'
import { listSourceHighlights, readHighlightChanges } from './queries'
import type { HighlightChanges, ReaderHighlights } from './views'
import type {
  ChangedHighlights,
  ConfirmAnchor,
  CreateHighlight,
  CreateReply,
  HighlightRef,
  ReplyRef,
  UpdateHighlight,
  UpdateReply,
} from './schema'

export async function listHighlightsAction(input: z.input<typeof SourceRef>): Promise<Result<ReaderHighlights>> {
  return attempt(async () => listSourceHighlights(await getCurrentUser(), SourceRef.parse(input).sourceId))
}

/** The highlights a live event named, read again: the reader applies them instead of reading every highlight. */
export async function readHighlightChangesAction(
  input: z.input<typeof ChangedHighlights>,
): Promise<Result<HighlightChanges>> {
  return attempt(async () => readHighlightChanges(await getCurrentUser(), input))
}

export async function createHighlightAction(input: z.input<typeof CreateHighlight>): Promise<Result<{ id: string }>> {
  // createHighlight checks the account while authorizing, so the claimed id is enough.
  return attempt(async () => highlights.createHighlight(await getClaimedActor(), input))
}

export async function updateHighlightAction(input: z.input<typeof UpdateHighlight>): Promise<Result<void>> {
  return attempt(async () => highlights.updateHighlight(await getCurrentUser(), input))
}

export async function deleteHighlightAction(input: z.input<typeof HighlightRef>): Promise<Result<void>> {
  return attempt(async () => highlights.deleteHighlight(await getCurrentUser(), input))
}

export async function confirmAnchorAction(input: z.input<typeof ConfirmAnchor>): Promise<Result<void>> {
  return attempt(async () => highlights.confirmAnchor(await getCurrentUser(), input))
}

export async function createReplyAction(input: z.input<typeof CreateReply>): Promise<Result<{ id: string }>> {
  return attempt(async () => highlights.createReply(await getCurrentUser(), input))
}

export async function updateReplyAction(input: z.input<typeof UpdateReply>): Promise<Result<void>> {
  return attempt(async () => highlights.updateReply(await getCurrentUser(), input))
}

export async function deleteReplyAction(input: z.input<typeof ReplyRef>): Promise<Result<void>> {
  return attempt(async () => highlights.deleteReply(await getCurrentUser(), input))
}
