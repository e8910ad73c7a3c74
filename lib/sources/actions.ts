'use server'
// Server actions for sources.
import { revalidatePath } from 'next/cache'
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import { createSource } from './mutations'

export async function createSourceAction(input: unknown): Promise<Result<{ id: string }>> {
  return attempt(async () => {
    const source = await createSource(await getCurrentUser(), input)
    revalidatePath('/groups/[groupId]', 'page')
    return source
  })
}
