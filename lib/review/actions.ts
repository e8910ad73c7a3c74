'use server'
// Server actions for review: rubric and feedback.
import { revalidatePath } from 'next/cache'
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import { addFeedback, deleteFeedback, listFeedback, markFeedbackSeen, setRubric } from './feedback'

export async function setRubricAction(input: unknown): Promise<Result<void>> {
  return attempt(async () => {
    await setRubric(await getCurrentUser(), input)
    revalidatePath('/groups/[groupId]/review', 'page')
  })
}

export async function addFeedbackAction(input: unknown): Promise<Result<{ id: string }>> {
  return attempt(async () => addFeedback(await getCurrentUser(), input))
}

export async function deleteFeedbackAction(input: unknown): Promise<Result<void>> {
  return attempt(async () => deleteFeedback(await getCurrentUser(), input))
}

export async function listFeedbackAction(input: unknown): Promise<Result<Awaited<ReturnType<typeof listFeedback>>['items']>> {
  return attempt(async () => (await listFeedback(await getCurrentUser(), (input as { mapId?: unknown } | null)?.mapId)).items)
}

export async function markFeedbackSeenAction(input: unknown): Promise<Result<void>> {
  return attempt(async () => markFeedbackSeen(await getCurrentUser(), input))
}
