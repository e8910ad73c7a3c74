'use server'
// Server actions for assignments: add the session user, refresh the pages that list them.
import { revalidatePath } from 'next/cache'
import type { z } from 'zod'
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import { createAssignment, deleteAssignment, updateAssignment } from './mutations'
import type { AssignmentRef, CreateAssignment, UpdateAssignment } from './schema'

const refresh = () => {
  revalidatePath('/groups/[groupId]', 'page')
  revalidatePath('/dashboard')
}

export async function createAssignmentAction(input: z.input<typeof CreateAssignment>): Promise<Result<{ id: string }>> {
  return attempt(async () => createAssignment(await getCurrentUser(), input).finally(refresh))
}

export async function updateAssignmentAction(input: z.input<typeof UpdateAssignment>): Promise<Result<void>> {
  return attempt(async () => updateAssignment(await getCurrentUser(), input).finally(refresh))
}

export async function deleteAssignmentAction(input: z.input<typeof AssignmentRef>): Promise<Result<void>> {
  return attempt(async () => deleteAssignment(await getCurrentUser(), input).finally(refresh))
}
