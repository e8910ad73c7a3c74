'use server'
// Server actions for sources.
import { revalidatePath } from 'next/cache'
import type { z } from 'zod'
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import { createSource } from './mutations'
import type { CreateSource } from './schema'

export async function createSourceAction(input: z.input<typeof CreateSource>): Promise<Result<{ id: string }>> {
  return attempt(async () => {
    const source = await createSource(await getCurrentUser(), input)
    revalidatePath('/groups/[groupId]', 'page')
    return source
  })
}
