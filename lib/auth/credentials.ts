// Account creation, credential checks and password changes, independent of next-auth so they can
// be tested directly. No password is hashed or verified while a database connection or
// transaction is held (see password.ts), and every attempt passes the throttles first.
import { db } from '@/lib/db'
import { Invalid } from '@/lib/errors'
import { checkRateLimit } from '@/lib/rate-limits'
import { decoyPasswordHash, hashPassword, verifyPassword } from './password'
import { ChangePasswordInput, SignInInput, SignUpInput } from './schema'
import { endOtherSessions } from './server-sessions'
import { beginSignIn } from './throttle'

export const WRONG_CREDENTIALS = 'Wrong email or password.'
export const WRONG_CURRENT_PASSWORD = 'Your current password is not right.'

export type AccountUser = { id: string; name: string; email: string }

/**
 * Creates the account unless the email is taken, and answers the same either way (same words,
 * same work, so about the same time): whether an email has an account is nobody's business. The
 * owner of a taken email who signs up again with their own password is simply signed in next.
 */
export async function registerUser(input: unknown, address: string): Promise<void> {
  const data = SignUpInput.parse(input)
  await checkRateLimit('signUp', { address })
  const passwordHash = await hashPassword(data.password, address)
  try {
    await db.user.create({ data: { name: data.name, email: data.email, passwordHash }, select: { id: true } })
  } catch (error) {
    // Taken already, or two sign-ups racing for one email: the unique index decides, silently.
    if ((error as { code?: string }).code !== 'P2002') throw error
  }
}

/** Checks an email and password, throttled per email + address. Unknown email and wrong password read the same. */
export async function checkCredentials(input: unknown, address: string): Promise<AccountUser> {
  const parsed = SignInInput.safeParse(input)
  if (!parsed.success) throw new Invalid(parsed.error.issues[0]?.message ?? WRONG_CREDENTIALS)
  const { email, password } = parsed.data
  const attempt = await beginSignIn(email, address)
  let user: AccountUser | null
  try {
    const found = await db.user.findUnique({
      where: { email },
      select: { id: true, name: true, email: true, passwordHash: true },
    })
    const valid = await verifyPassword(found?.passwordHash ?? (await decoyPasswordHash()), password, address)
    user = found && valid ? { id: found.id, name: found.name, email: found.email } : null
  } catch (error) {
    await attempt.abandoned().catch(() => {})
    throw error
  }
  if (!user) {
    await attempt.failed()
    throw new Invalid(WRONG_CREDENTIALS)
  }
  await attempt.succeeded()
  return user
}

/**
 * A signed-in person proves it is them with their password, throttled like a sign-in (a stolen
 * session must not become a way to guess). A wrong one is an error on the form's `field`.
 */
export async function proveCurrentPassword(
  user: { id: string; email: string },
  password: string,
  address: string,
  field: string,
): Promise<void> {
  const attempt = await beginSignIn(user.email, address)
  let valid: boolean
  try {
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } })
    valid = await verifyPassword(passwordHash, password, address)
  } catch (error) {
    await attempt.abandoned().catch(() => {})
    throw error
  }
  if (!valid) {
    await attempt.failed()
    throw new Invalid(WRONG_CURRENT_PASSWORD, { [field]: WRONG_CURRENT_PASSWORD })
  }
  await attempt.succeeded()
}

/**
 * A new password for a signed-in person, who proves it is them with the current one (throttled
 * like a sign-in: a stolen session must not become a way to guess). Every other session of theirs
 * ends; the one they are using stays.
 */
export async function changePassword(
  user: { id: string; email: string },
  sessionId: string | null,
  input: unknown,
  address: string,
): Promise<void> {
  const data = ChangePasswordInput.parse(input)
  await proveCurrentPassword(user, data.currentPassword, address, 'currentPassword')
  const passwordHash = await hashPassword(data.newPassword, address)
  await db.user.update({ where: { id: user.id }, data: { passwordHash } })
  await endOtherSessions(user.id, sessionId)
}
