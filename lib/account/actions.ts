'use server'
// The account's own actions: deleting it (its data downloads from /api/account/data first).
import { headers } from 'next/headers'
import type { z } from 'zod'
import { requireUser } from '@/lib/auth/session'
import { clientAddress } from '@/lib/client-address'
import { attempt, type Result } from '@/lib/errors'
import { deleteAccount } from './delete-account'
import type { DeleteAccount } from './schema'

export async function deleteAccountAction(input: z.input<typeof DeleteAccount>): Promise<Result<void>> {
  return attempt(async () => {
    const user = await requireUser()
    await deleteAccount(user, input, clientAddress(await headers()))
  })
}
