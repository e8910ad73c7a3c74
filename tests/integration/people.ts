// What the integration tests share about people: a fresh account, and the failure a call ends in.
import { randomBytes } from 'node:crypto'
import { db } from '@/lib/db'
import { toFailure, type Failure } from '@/lib/errors'

/** A new account with a unique email; it cannot sign in (no real password hash). */
export const person = (name: string) =>
  db.user.create({
    data: { name, email: `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`, passwordHash: 'unused' },
    select: { id: true },
  })

/** The failure `promise` is refused with, as the app would answer it; throws when it succeeds. */
export async function refusal(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise
  } catch (error) {
    return toFailure(error)
  }
  throw new Error('Expected the call to be refused, but it succeeded.')
}
