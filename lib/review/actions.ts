'use server'
// Server actions for review: rubric and feedback.
import { revalidatePath } from 'next/cache'
import type { z } from 'zod'
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import { addFeedback, deleteFeedback, listFeedback, markFeedbackSeen, setRubric } from './feedback'
import { MapRef, type AddFeedback, type FeedbackRef, type SetRubric } from './schema'

export async function setRubricAction(input: z.input<typeof SetRubric>): Promise<Result<void>> {
  return attempt(async () => {
    await setRubric(await getCurrentUser(), input)
    revalidatePath('/groups/[groupId]/review', 'page')
  })
}

export async function addFeedbackAction(input: z.input<typeof AddFeedback>): Promise<Result<{ id: string }>> {
  return attempt(async () => addFeedback(await getCurrentUser(), input))
}

export async function deleteFeedbackAction(input: z.input<typeof FeedbackRef>): Promise<Result<void>> {
  return attempt(async () => deleteFeedback(await getCurrentUser(), input))
}

export async function listFeedbackAction(
  input: z.input<typeof MapRef>,
): Promise<Result<Awaited<ReturnType<typeof listFeedback>>['items']>> {
  return attempt(async () => (await listFeedback(await getCurrentUser(), MapRef.parse(input).mapId)).items)
}

export async function markFeedbackSeenAction(input: z.input<typeof MapRef>): Promise<Result<void>> {
  return attempt(async () => markFeedbackSeen(await getCurrentUser(), input))
}
