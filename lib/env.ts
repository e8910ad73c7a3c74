// Configuration, read and validated on first use (so building needs none of it).
// `npm start` fills in local defaults; see the README's "Configuration".
import { z } from 'zod'

const DatabaseUrl = z
  .string({ error: 'DATABASE_URL is not set: start Colloquy with `npm start`, or set it to a PostgreSQL URL.' })
  .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL.')

const AuthSecret = z
  .string({
    error: 'AUTH_SECRET is not set: start Colloquy with `npm start`, or set it to a random string of 32+ characters.',
  })
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
 * A connection that is not pooled per transaction, for what needs one session: LISTEN, the
 * migration lock. DIRECT_DATABASE_URL when DATABASE_URL goes through a pooler such as pgbouncer.
 */
export function directDatabaseUrl(): string {
  const direct = process.env.DIRECT_DATABASE_URL
  return direct ? DatabaseUrl.parse(direct) : databaseUrl()
}

/**
 * Whether DATABASE_URL goes through a pooler in transaction mode, which hands each transaction any
 * server connection: `pgbouncer=true` in DATABASE_URL (Prisma's own flag for this) or
 * DATABASE_POOLER=transaction say so. Such a connection keeps no named prepared statements and no
 * session settings.
 */
export function behindTransactionPooler(): boolean {
  if (process.env.DATABASE_POOLER === 'transaction') return true
  return /[?&]pgbouncer=true(&|$)/.test(process.env.DATABASE_URL ?? '')
}

/** Whether a connection of the pool may keep named prepared statements: not behind such a pooler. */
export function namedStatementsAllowed(): boolean {
  return !behindTransactionPooler()
}

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
  error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent.',
})

export function logLevel(): z.infer<typeof LogLevel> {
  return LogLevel.parse(process.env.LOG_LEVEL ?? 'info')
}

/** JSON lines, or short readable lines for a person at a terminal (the default on a TTY). */
export function logFormat(): 'json' | 'pretty' {
  const given = process.env.LOG_FORMAT
  if (given === 'json' || given === 'pretty') return given
  return process.stdout.isTTY ? 'pretty' : 'json'
}

const Days = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number of days.` })
    .int(`${name} must be a whole number of days.`)
    .min(1, `${name} must be at least 1 day.`)
    .default(fallback)

/** How long live events are kept, and expired sessions after they expire, in days (see lib/retention). */
export function retentionDays(): { events: number; sessions: number } {
  return {
    events: Days('RETENTION_EVENTS_DAYS', 30).parse(process.env.RETENTION_EVENTS_DAYS || undefined),
    sessions: Days('RETENTION_SESSIONS_DAYS', 7).parse(process.env.RETENTION_SESSIONS_DAYS || undefined),
  }
}

/** Minutes between a schedule's runs across all instances; 0 turns the schedule off. */
const IntervalMinutes = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number of minutes.` })
    .int(`${name} must be a whole number of minutes.`)
    .min(0, `${name} cannot be negative.`)
    .default(fallback)

/** Minutes between retention runs across all instances; 0 turns the schedule off. */
export function retentionIntervalMinutes(): number {
  return IntervalMinutes('RETENTION_INTERVAL_MINUTES', 60).parse(process.env.RETENTION_INTERVAL_MINUTES || undefined)
}

/**
 * TRUST_PROXY=true: a reverse proxy in front appends the address it saw to X-Forwarded-For, so the
 * right-most entry is the client's. Anything else: the header is the client's own word, ignored.
 */
export function trustProxy(): boolean {
  return process.env.TRUST_PROXY === 'true'
}

/** The app's public address (NEXTAUTH_URL) when one is set: links people copy, next-auth's redirects. */
export function publicUrl(): URL | undefined {
  const value = process.env.NEXTAUTH_URL
  if (!value) return undefined
  return z
    .url({ error: 'NEXTAUTH_URL must be the app’s public address, such as https://colloquy.example.edu.' })
    .transform((url) => new URL(url))
    .parse(value)
}

/** The port `npm start` serves on (PORT, 3000 by default). */
export function listenPort(): number {
  return z.coerce
    .number({ error: 'PORT must be a port number.' })
    .int()
    .min(1)
    .max(65_535)
    .default(3000)
    .parse(process.env.PORT || undefined)
}

/**
 * Where email goes out: SMTP_URL such as smtps://user:password@smtp.example.edu:465, or
 * smtp://host:587 (STARTTLS when offered). Unset: no email is sent and the digest setting says so.
 */
export function smtpUrl(): string | undefined {
  const value = process.env.SMTP_URL
  if (!value) return undefined
  return z
    .string()
    .regex(
      /^smtps?:\/\/[^/\s]+/,
      'SMTP_URL must be an smtp:// or smtps:// URL, such as smtps://user:password@smtp.example.edu:465.',
    )
    .parse(value)
}

/** The From of the emails Colloquy sends (SMTP_FROM); by default a no-reply address at the SMTP host. */
export function smtpFrom(): string {
  const given = process.env.SMTP_FROM
  if (given) return z.string().min(3).max(320, 'SMTP_FROM is too long.').parse(given)
  const host = new URL(smtpUrl() ?? 'smtp://localhost').hostname
  return `Colloquy <no-reply@${host}>`
}

/** Minutes between digest runs across all instances (each run sends what has come due); 0 turns them off. */
export function digestIntervalMinutes(): number {
  return IntervalMinutes('DIGEST_INTERVAL_MINUTES', 15).parse(process.env.DIGEST_INTERVAL_MINUTES || undefined)
}
