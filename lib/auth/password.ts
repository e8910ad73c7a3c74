// Password hashing with argon2id (the default algorithm of @node-rs/argon2), which runs on
// libuv's thread pool, never on the request thread. Each hash costs about a core for tens of
// milliseconds, so at most one runs at a time per process, behind a short queue in which one
// address may hold half the places: a burst of sign-ins from one place waits or is told to come back,
// and never takes the server's cores from everyone else. Callers never hold a database connection
// or transaction meanwhile.
import { hash, verify } from '@node-rs/argon2'
import { JobGate, type GateLimits } from '@/lib/jobs/gate'

/** A whole class behind one school address may sign in at once; a script from one address fills half the queue at most. */
const HASHING: GateLimits = { perOwner: 32, global: 1, queue: 64, maxWaitMs: 10_000, noun: 'sign-in' }

const store = globalThis as unknown as { colloquyPasswordGate?: JobGate }
const gate = (store.colloquyPasswordGate ??= new JobGate(HASHING.global))

/** Runs one hash or verification for `owner` (the client's address) within the hashing budget; throws Busy past it. */
async function budgeted<T>(owner: string, work: () => Promise<T>): Promise<T> {
  const release = await gate.enter('argon2', owner, HASHING)
  try {
    return await work()
  } finally {
    release()
  }
}

export function hashPassword(password: string, owner = 'server'): Promise<string> {
  return budgeted(owner, () => hash(password))
}

export async function verifyPassword(passwordHash: string, password: string, owner = 'server'): Promise<boolean> {
  return budgeted(owner, async () => {
    try {
      return await verify(passwordHash, password)
    } catch {
      return false
    }
  })
}

// Verified against when the email is unknown, so both cases take the same time.
let decoyHash: Promise<string> | undefined
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash('colloquy-decoy-password')
  return decoyHash
}
