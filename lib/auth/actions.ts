'use server'
// Sign-up and password changes as server actions; signing in and out go through next-auth's route.
import { headers } from 'next/headers'
import type { z } from 'zod'
import { clientAddress } from '@/lib/client-address'
import { attempt, type Result } from '@/lib/errors'
import { changePassword, registerUser } from './credentials'
import type { ChangePasswordInput, SignUpInput } from './schema'
import { requireUser } from './session'

export async function signUp(input: z.input<typeof SignUpInput>): Promise<Result<void>> {
  return attempt(async () => registerUser(input, clientAddress(await headers())))
}

export async function changePasswordAction(input: z.input<typeof ChangePasswordInput>): Promise<Result<void>> {
  return attempt(async () => {
    const user = await requireUser()
    await changePassword(user, user.sessionId, input, clientAddress(await headers()))
  })
}
