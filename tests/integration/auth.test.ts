// Accounts: argon2id hashes, passwords people actually choose refused, sign-up that does not say
// whether an email has an account, one message for every wrong credential, sign-in throttled by
// growing waits per email + address (never a lock the owner is caught in) and per address, no
// password checked while a database connection is held, sessions that end on the server, and
// password changes.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  changePassword,
  checkCredentials,
  registerUser,
  WRONG_CREDENTIALS,
  WRONG_CURRENT_PASSWORD,
} from '@/lib/auth/credentials'
import { hashPassword, verifyPassword } from '@/lib/auth/password'
import { endSession, startSession } from '@/lib/auth/server-sessions'
import {
  ADDRESS_FAILURES,
  delayAfter,
  FREE_FAILURES,
  knownAddressRefusal,
  MAX_DELAY_SECONDS,
} from '@/lib/auth/throttle'
import { db } from '@/lib/db'
import { toFailure } from '@/lib/errors'
import { createGroup } from '@/lib/groups/mutations'
import { LIMITS } from '@/lib/rate-limits'
import { authorizeOnSource } from '@/lib/sources/access'
import { createSource } from '@/lib/sources/mutations'
import { peakWhile, refusal } from './fixtures'

const PASSWORD = 'correct horse battery'

/** What the person sees when the call is refused; fails the test if it was not refused. */
const uniqueEmail = (who: string) => `${who}-${randomBytes(4).toString('hex')}@example.com`
/** A documentation-range address of its own for each test, so limits never leak between tests. */
const address = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${randomBytes(3).toString('hex')}`

async function signUp(who: string, password = PASSWORD) {
  const email = uniqueEmail(who)
  await registerUser({ name: who, email, password }, address())
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, email: true } })
  return user
}

const fail = (email: string, ip: string) => refusal(checkCredentials({ email, password: 'wrong password' }, ip))

/** As if the wait after the last failure were over (the throttle's clock is the database row). */
const waitOver = (email: string, ip: string) =>
  db.rateLimit.updateMany({ where: { key: `signIn:gate:${email} ${ip}` }, data: { expire: 0 } })

describe('signing up', () => {
  it('stores an argon2id hash that verifies the password and nothing else', async () => {
    const email = uniqueEmail('ada')
    await registerUser({ name: '  Ada Lovelace ', email: `  ${email.toUpperCase()} `, password: PASSWORD }, address())
    const stored = await db.user.findUniqueOrThrow({ where: { email } })
    expect(stored.name).toBe('Ada Lovelace')
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

  const INVALID_EMAIL = 'Enter a valid email address, like name@example.com.'
  const TOO_UNIFORM = 'Use more than one or two different characters in your password.'
  const COMMON =
    'This is one of the most common passwords, which attackers try first. Choose another, such as a few unrelated words.'
  const rejected: [string, Record<string, unknown>, string][] = [
    ['an empty name', { name: '' }, 'Enter your name.'],
    ['a name of only spaces', { name: '   ' }, 'Enter your name.'],
    ['a missing name', { name: undefined }, 'Enter your name.'],
    ['a name over 80 characters', { name: 'N'.repeat(81) }, 'Use at most 80 characters for your name.'],
    ['a name with a line break', { name: 'Ada\nLovelace' }, 'Your name contains characters that cannot be shown.'],
    ['a name with a NUL byte', { name: 'Ada\u0000Lovelace' }, 'Your name contains characters that cannot be shown.'],
    ['a name with a bell character', { name: 'Ada\u0007' }, 'Your name contains characters that cannot be shown.'],
    ['an empty email', { email: '   ' }, 'Enter your email address.'],
    ['an email without @', { email: 'ada.example.com' }, INVALID_EMAIL],
    ['an email without a domain', { email: 'ada@' }, INVALID_EMAIL],
    ['an email without a name', { email: '@example.com' }, INVALID_EMAIL],
    ['an email with a space inside', { email: 'ada lovelace@example.com' }, INVALID_EMAIL],
    ['an email with two @', { email: 'ada@@example.com' }, INVALID_EMAIL],
    ['an email over 254 characters', { email: `${'a'.repeat(250)}@example.com` }, 'That email address is too long.'],
    ['a password under 10 characters', { password: 'short1234' }, 'Use at least 10 characters for your password.'],
    ['the password 12345678', { password: '12345678' }, 'Use at least 10 characters for your password.'],
    ['a password of eight spaces', { password: '        ' }, 'Use at least 10 characters for your password.'],
    ['a password of twelve spaces', { password: ' '.repeat(12) }, TOO_UNIFORM],
    ['one character ten times', { password: 'aaaaaaaaaa' }, TOO_UNIFORM],
    ['the common password 1234567890', { password: '1234567890' }, COMMON],
    ['the common password Password123 (any case)', { password: 'Password123' }, COMMON],
    ['the common password qwertyuiop', { password: 'qwertyuiop' }, COMMON],
    ['a password over 200 characters', { password: 'p'.repeat(201) }, 'Use at most 200 characters for your password.'],
  ]
  it.each(rejected)('refuses %s with a clear message and creates no account', async (_case, change, message) => {
    const before = await db.user.count()
    const failure = await refusal(
      registerUser({ name: 'Ada', email: uniqueEmail('ada'), password: PASSWORD, ...change }, address()),
    )
    expect(failure).toMatchObject({ status: 400, error: message })
    expect(await db.user.count()).toBe(before)
  })

  it('answers a taken email (in any spelling) exactly as a free one, creates nothing and keeps the owner’s password', async () => {
    const grace = await signUp('grace')
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: grace.id } })
    const fresh = await registerUser(
      { name: 'Someone New', email: uniqueEmail('new'), password: 'another passphrase' },
      address(),
    )
    for (const variant of [
      grace.email,
      grace.email.toUpperCase(),
      `  ${grace.email} `,
      `\t${grace.email.replace('grace', 'GRACE')}`,
    ]) {
      const before = await db.user.count()
      expect(
        await registerUser({ name: 'Another Grace', email: variant, password: 'another passphrase' }, address()),
      ).toEqual(fresh)
      expect(await db.user.count()).toBe(before)
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: grace.id } })).toMatchObject({ name: 'grace', passwordHash })
  })

  it(`refuses more than ${LIMITS.signUp.address.points} sign-ups an hour from one address, saying when to come back, and creates nothing then`, async () => {
    const crowded = address()
    // A class signing up together, ten at a time.
    for (let i = 0; i < LIMITS.signUp.address.points; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          registerUser({ name: `Student ${i + j}`, email: uniqueEmail(`class${i + j}`), password: PASSWORD }, crowded),
        ),
      )
    }
    const before = await db.user.count()
    const refused = await refusal(
      registerUser({ name: 'One Too Many', email: uniqueEmail('late'), password: PASSWORD }, crowded),
    )
    expect(refused).toMatchObject({
      status: 429,
      error: expect.stringMatching(
        /^Too many accounts were created from your network in the last hour\. Please try again in \d+ minutes\.$/,
      ),
    })
    expect(refused.retryAfterSeconds).toBeGreaterThan(55 * 60)
    expect(await db.user.count()).toBe(before)
    // Another address is not affected.
    await registerUser({ name: 'Elsewhere', email: uniqueEmail('elsewhere'), password: PASSWORD }, address())
    expect(await db.user.count()).toBe(before + 1)
  })
})

describe('signing in', () => {
  it('accepts the right password whatever the case and spacing of the email', async () => {
    const user = await signUp('hedy')
    expect(await checkCredentials({ email: ` ${user.email.toUpperCase()} `, password: PASSWORD }, address())).toEqual(
      user,
    )
  })

  it('gives exactly the same answer for a wrong password and for an unknown email', async () => {
    const user = await signUp('alan')
    const wrongPassword = await refusal(checkCredentials({ email: user.email, password: 'wrong password' }, address()))
    const unknownEmail = await refusal(
      checkCredentials({ email: uniqueEmail('nobody'), password: PASSWORD }, address()),
    )
    expect(wrongPassword).toEqual({ ok: false, status: 400, error: WRONG_CREDENTIALS, fieldErrors: {} })
    expect(unknownEmail).toEqual(wrongPassword)
  })

  it('checks no password while it holds a database connection or transaction', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, (_, i) => signUp(`pool${i}`)))
    const { peak: idleInTransaction } = await peakWhile(
      `SELECT count(*) AS value FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`,
      () =>
        Promise.all(
          users.flatMap((u) => [
            checkCredentials({ email: u.email, password: PASSWORD }, address()),
            fail(u.email, address()),
          ]),
        ),
    )
    expect(idleInTransaction).toBe(0)
  })
})

describe('sign-in throttling', () => {
  it(`lets ${FREE_FAILURES} failures go, then asks for a growing wait (up to ${MAX_DELAY_SECONDS / 60} minutes) at that email from that address`, async () => {
    const user = await signUp('katherine')
    const ip = address()
    for (let i = 0; i < FREE_FAILURES; i++) expect((await fail(user.email, ip)).error).toBe(WRONG_CREDENTIALS)
    const waits: number[] = []
    for (let failures = FREE_FAILURES; failures < FREE_FAILURES + 9; failures++) {
      // Any attempt during the wait, even with the right password, is refused without a check.
      const early = await refusal(checkCredentials({ email: user.email, password: PASSWORD }, ip))
      expect(early).toMatchObject({
        status: 429,
        error: expect.stringMatching(
          /^Too many failed sign-in attempts\. Please wait \d+ (s|minutes?) and try again\.$/,
        ),
      })
      waits.push(early.retryAfterSeconds!)
      await waitOver(user.email, ip)
      expect((await fail(user.email, ip)).error).toBe(WRONG_CREDENTIALS)
    }
    expect(waits).toEqual([10, 20, 40, 80, 160, 320, 640, 900, 900])
    expect(waits).toEqual(waits.map((_, i) => delayAfter(FREE_FAILURES + i)))
  })

  it('never keeps the owner out from their own address while someone guesses from another', async () => {
    const owner = await signUp('instructor')
    const home = address()
    const attacker = address()
    expect((await checkCredentials({ email: owner.email, password: PASSWORD }, home)).id).toBe(owner.id)
    for (let i = 0; i < 12; i++) {
      await waitOver(owner.email, attacker)
      expect((await fail(owner.email, attacker)).error).toBe(WRONG_CREDENTIALS)
    }
    expect((await refusal(checkCredentials({ email: owner.email, password: PASSWORD }, attacker))).status).toBe(429)
    expect((await checkCredentials({ email: owner.email, password: PASSWORD }, home)).id).toBe(owner.id)
    expect((await checkCredentials({ email: owner.email, password: PASSWORD }, address())).id).toBe(owner.id)
  })

  it('counts failures under any spelling of the email together, and unknown emails alike', async () => {
    const user = await signUp('margaret')
    const ip = address()
    for (const spelling of [user.email, user.email.toUpperCase(), ` ${user.email}`]) await fail(spelling, ip)
    expect((await refusal(checkCredentials({ email: `${user.email} `, password: PASSWORD }, ip))).status).toBe(429)
    const ghost = uniqueEmail('ghost')
    for (let i = 0; i < FREE_FAILURES; i++) await fail(ghost, ip)
    expect((await fail(ghost, ip)).error).toMatch(/^Too many failed sign-in attempts/)
  })

  it('forgets the failures before a successful sign-in', async () => {
    const user = await signUp('frances')
    const ip = address()
    for (let i = 0; i < FREE_FAILURES - 1; i++) await fail(user.email, ip)
    await checkCredentials({ email: user.email, password: PASSWORD }, ip)
    for (let i = 0; i < FREE_FAILURES - 1; i++) expect((await fail(user.email, ip)).error).toBe(WRONG_CREDENTIALS)
    expect((await checkCredentials({ email: user.email, password: PASSWORD }, ip)).id).toBe(user.id)
  })

  it(`refuses an address after ${ADDRESS_FAILURES} failed sign-ins across accounts, and only that address`, async () => {
    const ip = address()
    const victims = Array.from({ length: ADDRESS_FAILURES }, (_, i) => uniqueEmail(`spray${i}`))
    for (const email of victims) expect((await fail(email, ip)).error).toBe(WRONG_CREDENTIALS)
    const user = await signUp('radia')
    const refused = await refusal(checkCredentials({ email: user.email, password: PASSWORD }, ip))
    expect(refused).toMatchObject({
      status: 429,
      error: expect.stringMatching(
        /^Too many failed sign-ins from your network\. Please wait 1[45] minutes and try again\.$/,
      ),
    })
    // The process remembers: further guesses from there are refused before the database is asked.
    expect(toFailure(knownAddressRefusal(ip))).toMatchObject({ status: 429, error: refused.error })
    expect(knownAddressRefusal(address())).toBeNull()
    // Only for a few seconds: then the database is asked again, and still refuses.
    expect(knownAddressRefusal(ip, Date.now() + 6_000)).toBeNull()
    expect(await refusal(checkCredentials({ email: user.email, password: PASSWORD }, ip))).toMatchObject({
      status: 429,
    })
    expect((await checkCredentials({ email: user.email, password: PASSWORD }, address())).id).toBe(user.id)
  })
})

describe('sessions and password changes', () => {
  async function readerOf() {
    const user = await signUp('reader')
    const { id: groupId } = await createGroup(user, { name: 'Own seminar' })
    const { id: sourceId } = await createSource(user, { groupId, title: 'An essay', text: 'Alliances last.' })
    return { user, sourceId }
  }

  it('a session ended on the server (signed out) no longer stands for its person, even with its cookie', async () => {
    const { user, sourceId } = await readerOf()
    const sessionId = await startSession(user.id)
    expect((await authorizeOnSource({ id: user.id, sessionId }, sourceId, 'source:read')).standing).toBe('instructor')
    await endSession(sessionId)
    expect(await refusal(authorizeOnSource({ id: user.id, sessionId }, sourceId, 'source:read'))).toMatchObject({
      status: 401,
    })
    // A made-up session id is no better.
    expect(
      await refusal(authorizeOnSource({ id: user.id, sessionId: 'made-up' }, sourceId, 'source:read')),
    ).toMatchObject({ status: 401 })
  })

  it('a password change needs the current password, ends every other session and keeps this one', async () => {
    const { user, sourceId } = await readerOf()
    const [here, laptop, phone] = await Promise.all([
      startSession(user.id),
      startSession(user.id),
      startSession(user.id),
    ])
    await changePassword(user, here, { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }, address())
    expect((await authorizeOnSource({ id: user.id, sessionId: here }, sourceId, 'source:read')).standing).toBe(
      'instructor',
    )
    for (const other of [laptop, phone])
      expect(
        await refusal(authorizeOnSource({ id: user.id, sessionId: other }, sourceId, 'source:read')),
      ).toMatchObject({ status: 401 })
    expect((await refusal(checkCredentials({ email: user.email, password: PASSWORD }, address()))).error).toBe(
      WRONG_CREDENTIALS,
    )
    expect((await checkCredentials({ email: user.email, password: 'a brand new passphrase' }, address())).id).toBe(
      user.id,
    )
  })

  it('refuses a wrong current password (throttled like a sign-in), a weak or unchanged new one, and changes nothing', async () => {
    const { user } = await readerOf()
    const here = await startSession(user.id)
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    const ip = address()
    const change = (currentPassword: string, newPassword: string) =>
      refusal(changePassword(user, here, { currentPassword, newPassword }, ip))
    expect(await change('not my password', 'a brand new passphrase')).toMatchObject({
      status: 400,
      error: WRONG_CURRENT_PASSWORD,
      fieldErrors: { currentPassword: WRONG_CURRENT_PASSWORD },
    })
    expect(await change(PASSWORD, 'password123')).toMatchObject({
      status: 400,
      fieldErrors: { newPassword: expect.stringMatching(/most common passwords/) },
    })
    expect(await change(PASSWORD, 'short')).toMatchObject({
      status: 400,
      fieldErrors: { newPassword: 'Use at least 10 characters for your password.' },
    })
    expect(await change(PASSWORD, PASSWORD)).toMatchObject({
      status: 400,
      fieldErrors: { newPassword: 'Choose a new password that differs from the current one.' },
    })
    for (let i = 1; i < FREE_FAILURES; i++) await change(`guess ${i}`, 'a brand new passphrase')
    expect(await change(PASSWORD, 'a brand new passphrase')).toMatchObject({ status: 429 })
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(passwordHash)
    expect(await db.authSession.count({ where: { userId: user.id } })).toBe(1)
  })
})
