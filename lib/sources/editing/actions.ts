'use server'
// Server actions for editing a source: add the session user, refresh the pages that show it.
import { revalidatePath } from 'next/cache'
import type { z } from 'zod'
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import { editSourceText, restoreDroppedBlock, updateSourceMetadata, type TextSaved } from './mutations'
import type { EditSourceText, RestoreDroppedBlock, UpdateSourceMetadata } from './schema'

function revalidateSourcePages() {
  // The reader and the edit page below it, and the group's list of sources (titles).
  revalidatePath('/groups/[groupId]/sources/[sourceId]', 'layout')
  revalidatePath('/groups/[groupId]', 'page')
}

export async function updateSourceMetadataAction(input: z.input<typeof UpdateSourceMetadata>): Promise<Result<void>> {
  return attempt(async () => {
    await updateSourceMetadata(await getCurrentUser(), input)
    revalidateSourcePages()
  })
}

export async function editSourceTextAction(input: z.input<typeof EditSourceText>): Promise<Result<TextSaved>> {
  return attempt(async () => {
    const saved = await editSourceText(await getCurrentUser(), input)
    revalidateSourcePages()
    return saved
  })
}

export async function restoreDroppedBlockAction(
  input: z.input<typeof RestoreDroppedBlock>,
): Promise<Result<TextSaved>> {
  return attempt(async () => {
    const saved = await restoreDroppedBlock(await getCurrentUser(), input)
    revalidateSourcePages()
    return saved
  })
}
