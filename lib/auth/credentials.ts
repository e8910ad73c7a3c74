// Account creation and credential checks, independent of next-auth so they can be tested directly.
import { db } from '@/lib/db'
import { Conflict, Invalid } from '@/lib/errors'
import { decoyPasswordHash, hashPassword, verifyPassword } from './password'
import { SignInInput, SignUpInput } from './schema'
import { assertSignInAllowed, recordSignInAttempt } from './throttle'

export const WRONG_CREDENTIALS = 'Wrong email or password.'

export type AccountUser = { id: string; name: string; email: string }

export async function registerUser(input: unknown): Promise<AccountUser> {
  const data = SignUpInput.parse(input)
  const existing = await db.user.findUnique({ where: { email: data.email }, select: { id: true } })
  if (existing) throw new Conflict('An account with this email already exists. Sign in instead.')
  const passwordHash = await hashPassword(data.password)
  try {
    return await db.user.create({
      data: { name: data.name, email: data.email, passwordHash },
      select: { id: true, name: true, email: true },
    })
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides.
    if ((error as { code?: string }).code === 'P2002') throw new Conflict('An account with this email already exists. Sign in instead.')
    throw error
  }
}

/** Checks an email and password, throttled per email + address. Unknown email and wrong password read the same. */
export async function checkCredentials(input: unknown, ip: string): Promise<AccountUser> {
  const parsed = SignInInput.safeParse(input)
  if (!parsed.success) throw new Invalid(parsed.error.issues[0]?.message ?? WRONG_CREDENTIALS)
  const { email, password } = parsed.data
  const decoy = await decoyPasswordHash()
  // One check at a time per email + address, so a burst of guesses cannot slip past the count.
  const user = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${email} ${ip}`}))`
      await assertSignInAllowed(tx, email, ip)
      const found = await tx.user.findUnique({ where: { email } })
      const valid = await verifyPassword(found?.passwordHash ?? decoy, password)
      await recordSignInAttempt(tx, email, ip, Boolean(found && valid))
      return found && valid ? found : null
    },
    { timeout: 15_000 },
  )
  if (!user) throw new Invalid(WRONG_CREDENTIALS)
  return { id: user.id, name: user.name, email: user.email }
}
