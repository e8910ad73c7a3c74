'use server'
// Sign-up as a server action; signing in goes through next-auth's own route.
import { attempt, type Result } from '@/lib/errors'
import { registerUser, type AccountUser } from './credentials'

export async function signUp(input: unknown): Promise<Result<AccountUser>> {
  return attempt(() => registerUser(input))
}
