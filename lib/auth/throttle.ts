// Sign-in throttling without lockouts. Failures are counted per email + address: the first few
// cost nothing, then each further guess from that address must wait longer (10 s, 20 s, 40 s … up
// to 15 minutes). Guessing from one address therefore never slows the owner down from theirs, the
// way a lock on the account would. Each address also gets a number of failures across all
// accounts, and one email + address is checked one attempt at a time, so a burst of guesses is
// refused before any password is hashed. Counted in PostgreSQL (lib/rate-limits.ts), shared by
// every app instance.
import 'server-only'
import { RateLimiterRes } from 'rate-limiter-flexible'
import { TooManyRequests } from '@/lib/errors'
import { inAbout, limiter, secondsUntil } from '@/lib/rate-limits'

/** Failures per email + address that cost no wait. */
export const FREE_FAILURES = 3
/** The longest wait between two guesses. */
export const MAX_DELAY_SECONDS = 15 * 60
/** Failed sign-ins per address, across all accounts, in ADDRESS_WINDOW_SECONDS. */
export const ADDRESS_FAILURES = 30
export const ADDRESS_WINDOW_SECONDS = 15 * 60
/** How long an attempt in progress holds its email + address (a crashed one lets go by itself). */
const ATTEMPT_SECONDS = 10
/** Failures are forgotten a day after the last one. */
const FAILURES_KEPT_SECONDS = 24 * 60 * 60

/** The wait before the next guess after this many failures (seconds). */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0
  return Math.min(MAX_DELAY_SECONDS, 10 * 2 ** (failures - FREE_FAILURES))
}

const failures = () => limiter('signIn:failures', { points: 1_000_000, duration: FAILURES_KEPT_SECONDS })
/** One attempt at a time, and none until the wait after the last failure is over. */
const gate = () => limiter('signIn:gate', { points: 1, duration: ATTEMPT_SECONDS })
const addressFailures = () => limiter('signIn:address', { points: ADDRESS_FAILURES, duration: ADDRESS_WINDOW_SECONDS })

const keyOf = (email: string, address: string) => `${email} ${address}`

/**
 * Addresses the database has refused for their failures, until when, and until when this process
 * may answer for the database: a flood of further guesses from one is refused here without a
 * query (each instance learns it from its first refusal). Only for a few seconds at a time, so
 * that counters cleared by an operator (a classroom behind one address) count again at once.
 */
const refusedAddresses = new Map<string, { until: number; rememberedUntil: number }>()
const REMEMBER_REFUSAL_MS = 5_000

function addressRefusal(seconds: number): TooManyRequests {
  return new TooManyRequests(
    `Too many failed sign-ins from your network. Please wait ${inAbout(seconds)} and try again.`,
    seconds,
  )
}

/** The refusal this process already knows for the address, if any. */
export function knownAddressRefusal(address: string, now = Date.now()): TooManyRequests | null {
  const known = refusedAddresses.get(address)
  if (known === undefined) return null
  if (known.until <= now || known.rememberedUntil <= now) {
    refusedAddresses.delete(address)
    return null
  }
  return addressRefusal(Math.max(1, Math.ceil((known.until - now) / 1000)))
}

export interface SignInAttempt {
  succeeded(): Promise<void>
  failed(): Promise<void>
  /** The attempt ended without a verdict (the server was too busy to check the password). */
  abandoned(): Promise<void>
}

/** Starts an attempt for this email from this address, or refuses it with 429 and when to try again. */
export async function beginSignIn(email: string, address: string): Promise<SignInAttempt> {
  const key = keyOf(email, address)
  const known = knownAddressRefusal(address)
  if (known) throw known
  const fromAddress = await addressFailures().get(address)
  if (fromAddress && fromAddress.consumedPoints >= ADDRESS_FAILURES) {
    if (refusedAddresses.size > 10_000) refusedAddresses.clear()
    const now = Date.now()
    refusedAddresses.set(address, { until: now + fromAddress.msBeforeNext, rememberedUntil: now + REMEMBER_REFUSAL_MS })
    throw addressRefusal(secondsUntil(fromAddress))
  }
  try {
    await gate().consume(key)
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal
    const seconds = secondsUntil(refusal)
    const failed = (await failures().get(key))?.consumedPoints ?? 0
    if (failed < FREE_FAILURES)
      throw new TooManyRequests('This sign-in is already being checked. Please try again in a moment.', seconds)
    throw new TooManyRequests(
      `Too many failed sign-in attempts. Please wait ${inAbout(seconds)} and try again.`,
      seconds,
    )
  }
  return {
    succeeded: async () => {
      await Promise.all([failures().delete(key), gate().delete(key)])
    },
    failed: async () => {
      const [counted] = await Promise.all([failures().penalty(key), addressFailures().penalty(address)])
      const wait = delayAfter(counted.consumedPoints)
      if (wait > 0) await gate().block(key, wait)
      else await gate().delete(key)
    },
    abandoned: async () => {
      await gate().delete(key)
    },
  }
}
