// Configuration, read and validated on first use (so building needs none of it).
// `npm start` fills in local defaults; see the README's "Configuration".
import { z } from 'zod'

const DatabaseUrl = z
  .string({ error: 'DATABASE_URL is not set: start Colloquy with `npm start`, or set it to a PostgreSQL URL.' })
  .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL.')

const AuthSecret = z
  .string({ error: 'AUTH_SECRET is not set: start Colloquy with `npm start`, or set it to a random string of 32+ characters.' })
  .min(32, 'AUTH_SECRET must be at least 32 characters long.')

export function databaseUrl(): string {
  return DatabaseUrl.parse(process.env.DATABASE_URL)
}

export function authSecret(): string {
  // `next build` renders the layout once without a request; no session is read then.
  if (process.env.NEXT_PHASE === 'phase-production-build') return 'build-time-placeholder-never-used-for-sessions'
  return AuthSecret.parse(process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET)
}

/**
 * TRUST_PROXY=true: a reverse proxy in front appends the address it saw to X-Forwarded-For, so the
 * right-most entry is the client's. Anything else: the header is the client's own word, ignored.
 */
export function trustProxy(): boolean {
  return process.env.TRUST_PROXY === 'true'
}
