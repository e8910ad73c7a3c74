// Signing up and signing in: argon2id hashes, clear refusals that store nothing, one message for
// every wrong credential, and throttling of repeated failures per email + address.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checkCredentials, registerUser, WRONG_CREDENTIALS } from '@/lib/auth/credentials'
import { hashPassword, verifyPassword } from '@/lib/auth/password'
import { assertSignInAllowed, MAX_FAILURES, WINDOW_MS } from '@/lib/auth/throttle'
import { db } from '@/lib/db'
import { toFailure, type Failure } from '@/lib/errors'

const PASSWORD = 'correct horse battery'

/** What the person sees when the call is refused; fails the test if it was not refused. */
async function refusal(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise
  } catch (error) {
    return toFailure(error)
  }
  throw new Error('Expected the call to be refused, but it succeeded.')
}

const uniqueEmail = (who: string) => `${who}-${randomBytes(4).toString('hex')}@example.com`

async function signUp(who: string) {
  const email = uniqueEmail(who)
  const user = await registerUser({ name: who, email, password: PASSWORD })
  return { ...user, email }
}

describe('signing up', () => {
  it('stores an argon2id hash that verifies the password and nothing else', async () => {
    const email = uniqueEmail('ada')
    const user = await registerUser({ name: '  Ada Lovelace ', email: `  ${email.toUpperCase()} `, password: PASSWORD })
    expect(user).toEqual({ id: expect.any(String), name: 'Ada Lovelace', email })
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(stored.passwordHash.startsWith('$argon2id$')).toBe(true)
    expect(stored.passwordHash).not.toContain(PASSWORD)
    expect(await verifyPassword(stored.passwordHash, PASSWORD)).toBe(true)
    expect(await verifyPassword(stored.passwordHash, `${PASSWORD}!`)).toBe(false)
  })

  it('salts every hash, so the same password never hashes the same twice', async () => {
    const [first, second] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)])
    expect(first).not.toBe(second)
    expect(await verifyPassword(first, PASSWORD)).toBe(true)
    expect(await verifyPassword(second, PASSWORD)).toBe(true)
  })

  it('treats a malformed stored hash as a wrong password instead of crashing', async () => {
    expect(await verifyPassword('not-a-hash', PASSWORD)).toBe(false)
  })

  const rejected: [string, Record<string, unknown>, string][] = [
    ['an empty name', { name: '' }, 'Enter your name.'],
    ['a name of only spaces', { name: '   ' }, 'Enter your name.'],
    ['a missing name', { name: undefined }, 'Enter your name.'],
    ['a name over 80 characters', { name: 'N'.repeat(81) }, 'Use at most 80 characters for your name.'],
    ['a name with a line break', { name: 'Ada\nLovelace' }, 'Your name contains characters that cannot be shown.'],
    ['a name with a NUL byte', { name: 'Ada\u0000Lovelace' }, 'Your name contains characters that cannot be shown.'],
    ['a name with a bell character', { name: 'Ada\u0007' }, 'Your name contains characters that cannot be shown.'],
    ['an empty email', { email: '   ' }, 'Enter your email address.'],
    ['an email without @', { email: 'ada.example.com' }, 'Enter a valid email address, like name@example.com.'],
    ['an email without a domain', { email: 'ada@' }, 'Enter a valid email address, like name@example.com.'],
    ['an email without a name', { email: '@example.com' }, 'Enter a valid email address, like name@example.com.'],
    ['an email with a space inside', { email: 'ada lovelace@example.com' }, 'Enter a valid email address, like name@example.com.'],
    ['an email with two @', { email: 'ada@@example.com' }, 'Enter a valid email address, like name@example.com.'],
    ['an email over 254 characters', { email: `${'a'.repeat(250)}@example.com` }, 'That email address is too long.'],
    ['a password under 8 characters', { password: 'short12' }, 'Use at least 8 characters for your password.'],
    ['a password over 200 characters', { password: 'p'.repeat(201) }, 'Use at most 200 characters for your password.'],
  ]
  it.each(rejected)('refuses %s with a clear message and creates no account', async (_case, change, message) => {
    const before = await db.user.count()
    const failure = await refusal(registerUser({ name: 'Ada', email: uniqueEmail('ada'), password: PASSWORD, ...change }))
    expect(failure).toMatchObject({ status: 400, error: message })
    expect(await db.user.count()).toBe(before)
  })

  it('refuses an email that is already registered, even in other case or with spaces', async () => {
    const { email } = await signUp('grace')
    for (const variant of [email, email.toUpperCase(), `  ${email} `, `\t${email.replace('grace', 'GRACE')}`]) {
      const before = await db.user.count()
      const failure = await refusal(registerUser({ name: 'Another Grace', email: variant, password: 'another password' }))
      expect(failure).toMatchObject({ status: 409, error: 'An account with this email already exists. Sign in instead.' })
      expect(await db.user.count()).toBe(before)
    }
  })
})

describe('signing in', () => {
  it('accepts the right password whatever the case and spacing of the email', async () => {
    const user = await signUp('hedy')
    expect(await checkCredentials({ email: ` ${user.email.toUpperCase()} `, password: PASSWORD }, '198.51.100.1')).toEqual({
      id: user.id,
      name: 'hedy',
      email: user.email,
    })
  })

  it('gives exactly the same answer for a wrong password and for an unknown email', async () => {
    const user = await signUp('alan')
    const wrongPassword = await refusal(checkCredentials({ email: user.email, password: 'wrong password' }, '198.51.100.2'))
    const unknownEmail = await refusal(checkCredentials({ email: uniqueEmail('nobody'), password: PASSWORD }, '198.51.100.2'))
    expect(wrongPassword).toEqual({ ok: false, status: 400, error: WRONG_CREDENTIALS, fieldErrors: {} })
    expect(unknownEmail).toEqual(wrongPassword)
  })

  it('records every attempt, failed or not, against the normalized email and the address', async () => {
    const user = await signUp('barbara')
    await refusal(checkCredentials({ email: user.email.toUpperCase(), password: 'wrong password' }, '198.51.100.3'))
    await checkCredentials({ email: user.email, password: PASSWORD }, '198.51.100.3')
    const attempts = await db.signInAttempt.findMany({ where: { email: user.email }, orderBy: { createdAt: 'asc' } })
    expect(attempts.map((a) => [a.ip, a.succeeded])).toEqual([['198.51.100.3', false], ['198.51.100.3', true]])
  })
})

describe('sign-in throttling', () => {
  const fail = (email: string, ip: string) => refusal(checkCredentials({ email, password: 'wrong password' }, ip))

  it(`refuses the attempt after ${MAX_FAILURES} failures, even with the right password`, async () => {
    const user = await signUp('katherine')
    const ip = '203.0.113.10'
    for (let i = 0; i < MAX_FAILURES; i++) expect((await fail(user.email, ip)).error).toBe(WRONG_CREDENTIALS)
    const refused = await refusal(checkCredentials({ email: user.email, password: PASSWORD }, ip))
    expect(refused.status).toBe(429)
    expect(refused.error).toMatch(/^Too many failed sign-in attempts\. Please wait 15 minutes and try again\.$/)
    expect(await db.signInAttempt.count({ where: { email: user.email, succeeded: true } })).toBe(0)
  })

  it('counts failures under any spelling of the email together', async () => {
    const user = await signUp('margaret')
    const ip = '203.0.113.11'
    const spellings = [user.email, user.email.toUpperCase(), ` ${user.email}`, user.email, `${user.email} `]
    for (const spelling of spellings) await fail(spelling, ip)
    expect((await refusal(checkCredentials({ email: user.email, password: PASSWORD }, ip))).status).toBe(429)
  })

  it('throttles guesses at unknown emails the same way', async () => {
    const email = uniqueEmail('ghost')
    for (let i = 0; i < MAX_FAILURES; i++) await fail(email, '203.0.113.12')
    expect((await fail(email, '203.0.113.12')).error).toMatch(/^Too many failed sign-in attempts/)
  })

  it('does not throttle the same email from a different address', async () => {
    const user = await signUp('radia')
    for (let i = 0; i < MAX_FAILURES; i++) await fail(user.email, '203.0.113.13')
    expect((await checkCredentials({ email: user.email, password: PASSWORD }, '203.0.113.14')).id).toBe(user.id)
  })

  it('does not count failures that came before a successful sign-in', async () => {
    const user = await signUp('frances')
    const ip = '203.0.113.15'
    for (let i = 0; i < MAX_FAILURES - 1; i++) await fail(user.email, ip)
    await checkCredentials({ email: user.email, password: PASSWORD }, ip)
    for (let i = 0; i < MAX_FAILURES - 1; i++) await fail(user.email, ip)
    await expect(assertSignInAllowed(db, user.email, ip)).resolves.toBeUndefined()
    await fail(user.email, ip)
    await expect(assertSignInAllowed(db, user.email, ip)).rejects.toThrow(/^Too many failed sign-in attempts/)
  })

  it('counts failures that come after a successful sign-in', async () => {
    const user = await signUp('joan')
    const ip = '203.0.113.16'
    await checkCredentials({ email: user.email, password: PASSWORD }, ip)
    for (let i = 0; i < MAX_FAILURES; i++) await fail(user.email, ip)
    expect((await refusal(checkCredentials({ email: user.email, password: PASSWORD }, ip))).status).toBe(429)
  })

  it('tells how long to wait and lifts the block once the window has passed', async () => {
    const user = await signUp('shafi')
    const ip = '203.0.113.17'
    for (let i = 0; i < MAX_FAILURES; i++) await fail(user.email, ip)
    const oldest = await db.signInAttempt.findFirstOrThrow({ where: { email: user.email, ip }, orderBy: { createdAt: 'asc' } })
    const unblockedAt = oldest.createdAt.getTime() + WINDOW_MS
    await expect(assertSignInAllowed(db, user.email, ip, new Date(unblockedAt - 30_000))).rejects.toThrow(
      'Too many failed sign-in attempts. Please wait 1 minute and try again.',
    )
    await expect(assertSignInAllowed(db, user.email, ip, new Date(unblockedAt - 4 * 60_000 - 1))).rejects.toThrow(
      'Please wait 5 minutes and try again.',
    )
    await expect(assertSignInAllowed(db, user.email, ip, new Date(unblockedAt + 1))).resolves.toBeUndefined()
  })
})
