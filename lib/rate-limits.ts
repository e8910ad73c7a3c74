// Rate limits per account and per address, counted in PostgreSQL (rate-limiter-flexible's store,
// table "RateLimit") so that every app instance sees the same counts. Each limit is a number of
// attempts per window; past it the person is told when to try again (429 with Retry-After). The
// cost of a check is one upsert per key. Sign-in has its own, progressive scheme in
// lib/auth/throttle.ts on the same store.
import 'server-only'
import type { Pool, QueryConfig, QueryResult } from 'pg'
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'
import { connection } from '@/lib/db'
import { behindTransactionPooler } from '@/lib/env'
import { TooManyRequests } from '@/lib/errors'

export const RATE_LIMIT_TABLE = 'RateLimit'

interface Window {
  points: number
  /** Seconds. */
  duration: number
}

/**
 * Generous for people, tight for scripts. A class behind one school address signs up and uploads
 * together, so per-address windows are several times the per-account ones.
 */
export const LIMITS = {
  signUp: { address: { points: 50, duration: 60 * 60 } },
  upload: { account: { points: 60, duration: 60 * 60 }, address: { points: 240, duration: 60 * 60 } },
  export: { account: { points: 120, duration: 60 * 60 }, address: { points: 600, duration: 60 * 60 } },
  import: { account: { points: 30, duration: 60 * 60 }, address: { points: 120, duration: 60 * 60 } },
  // The search box asks as one types (debounced): two a second for a minute is far past a person.
  search: { account: { points: 120, duration: 60 }, address: { points: 600, duration: 60 } },
} as const satisfies Record<string, { account?: Window; address?: Window }>

export type LimitKind = keyof typeof LIMITS

const WHAT: Record<LimitKind, string> = {
  signUp: 'Too many accounts were created from your network',
  upload: 'Too many files were uploaded',
  export: 'Too many exports were made',
  import: 'Too many maps were imported',
  search: 'Too many searches were made',
}

type Limiters = Map<string, RateLimiterPostgres>
const store = globalThis as unknown as { colloquyRateLimiters?: Limiters; colloquyRateLimitPool?: unknown }

/** One limiter per window, on the app's pool; made again if the pool was replaced (tests, benchmarks). */
export function limiter(name: string, window: Window): RateLimiterPostgres {
  const { pool } = connection()
  if (store.colloquyRateLimitPool !== pool) {
    store.colloquyRateLimiters = new Map()
    store.colloquyRateLimitPool = pool
  }
  const limiters = store.colloquyRateLimiters!
  let made = limiters.get(name)
  if (!made) {
    made = new RateLimiterPostgres({
      storeClient: behindTransactionPooler() ? unnamedStatements(pool) : pool,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      // Made by our migration; the library would otherwise try CREATE TABLE at start-up.
      tableCreated: true,
      keyPrefix: name,
      points: window.points,
      duration: window.duration,
    })
    limiters.set(name, made)
  }
  return made
}

/**
 * The pool as the library sees it, sending its statements unnamed: it names them (prepared once
 * per connection), which a pooler in transaction mode breaks, as it does the app's own.
 */
function unnamedStatements(pool: Pool): { query: (config: QueryConfig) => Promise<QueryResult> } {
  return { query: (config) => pool.query({ text: config.text, values: config.values }) }
}

export const secondsUntil = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000))

export function inAbout(seconds: number): string {
  if (seconds < 90) return `${seconds} s`
  const minutes = Math.ceil(seconds / 60)
  return `${minutes} minute${minutes === 1 ? '' : 's'}`
}

/**
 * Counts one attempt of `kind` against the account and the address; throws TooManyRequests when
 * either is past its limit. A refused attempt still counts, so hammering does not shorten the wait.
 */
export async function checkRateLimit(
  kind: LimitKind,
  who: { account?: string | null; address: string },
): Promise<void> {
  const windows: { account?: Window; address?: Window } = LIMITS[kind]
  const checks: Promise<unknown>[] = []
  if (windows.account && who.account) checks.push(limiter(`${kind}:account`, windows.account).consume(who.account))
  if (windows.address) checks.push(limiter(`${kind}:address`, windows.address).consume(who.address))
  const results = await Promise.allSettled(checks)
  const refused = results.flatMap((result) =>
    result.status === 'rejected' && result.reason instanceof RateLimiterRes ? [result.reason] : [],
  )
  if (refused.length > 0) {
    const seconds = Math.max(...refused.map(secondsUntil))
    const window = Math.max(windows.account?.duration ?? 0, windows.address?.duration ?? 0)
    throw new TooManyRequests(
      `${WHAT[kind]} in the last ${window >= 3600 ? 'hour' : 'minute'}. Please try again in ${inAbout(seconds)}.`,
      seconds,
    )
  }
  // Anything else (the database is away) is an error like any other.
  for (const result of results) if (result.status === 'rejected') throw result.reason
}

const inProgress = new Set<string>()

/**
 * One `kind` of request at a time per person in this process, checked before anything else (on
 * the id the session cookie claims): ten imports sent at once cost one import and nine refusals
 * that touch neither the database nor a worker. Resolves with `work`'s result.
 */
export async function oneAtATime<T>(kind: string, owner: string, noun: string, work: () => Promise<T>): Promise<T> {
  const key = `${kind}\u0000${owner}`
  if (inProgress.has(key))
    throw new TooManyRequests(`You already have a ${noun} in progress. Try again when it is done, in a few seconds.`, 5)
  inProgress.add(key)
  try {
    return await work()
  } finally {
    inProgress.delete(key)
  }
}
