// The app's structured log (pino): JSON lines on stdout, level from LOG_LEVEL. Secrets and
// people's writing never reach it: known fields are redacted wherever they sit, and errors are
// logged by kind, code, the last line of their message (cut short) and their stack frames, never
// with the values a database or Prisma error may echo back.
import { Writable } from 'node:stream'
import pino, { type Logger } from 'pino'
import { logFormat, logLevel } from '@/lib/env'

/** Field names whose values are never logged: credentials, and what people write. */
export const REDACTED_FIELDS = [
  'password',
  'passwordHash',
  'newPassword',
  'token',
  'secret',
  'cookie',
  'authorization',
  'csrfToken',
  'note',
  'body',
  'text',
  'exact',
  'prefix',
  'suffix',
  'label',
  'email',
]

const redactPaths = [
  ...REDACTED_FIELDS,
  ...REDACTED_FIELDS.map((field) => `*.${field}`),
  ...REDACTED_FIELDS.map((field) => `*.*.${field}`),
  'req.headers.cookie',
  'req.headers.authorization',
  'headers.cookie',
  'headers.authorization',
]

const MAX_MESSAGE = 200

/** An error as a log may hold it: what kind, which code, where; no values from the data. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error }
  const e = error as Error & { code?: unknown; kind?: unknown; status?: unknown }
  // Prisma puts the call's arguments above the cause; PostgreSQL puts values in `detail`, not here.
  const lastLine =
    (e.message ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .at(-1) ?? ''
  return {
    type: e.name,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.kind === 'string' ? { kind: e.kind } : {}),
    message: lastLine.length > MAX_MESSAGE ? `${lastLine.slice(0, MAX_MESSAGE)}…` : lastLine,
    stack: (e.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 12)
      .map((line) => line.trim()),
  }
}

/** Short lines for a person at a terminal: `[colloquy] message key=value`. */
function prettyDestination(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        const { level, msg, ...rest } = JSON.parse(line) as Record<string, unknown>
        for (const known of ['time', 'pid', 'hostname', 'service']) delete rest[known]
        const extra = Object.entries(rest).map(
          ([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
        )
        const tag = level === 'info' ? '' : ` ${String(level).toUpperCase()}`
        const out = `[colloquy]${tag} ${String(msg ?? '')}${extra.length ? ` (${extra.join(' ')})` : ''}\n`
        ;(level === 'error' || level === 'fatal' || level === 'warn' ? process.stderr : process.stdout).write(out)
      }
      done()
    },
  })
}

/** A logger with the app's settings; `destination` is for tests (default: stdout, or the pretty form). */
export function createLogger(destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: logLevel(),
    base: { service: 'colloquy', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: { err: describeError, error: describeError },
  }
  if (destination) return pino(options, destination)
  return logFormat() === 'pretty' ? pino(options, prettyDestination()) : pino(options)
}

// One logger per process, kept across hot reloads in development.
const shared = globalThis as typeof globalThis & { colloquyLogger?: Logger }

export const log: Logger = new Proxy({} as Logger, {
  get(_target, property) {
    const logger = (shared.colloquyLogger ??= createLogger())
    const value = Reflect.get(logger, property, logger)
    return typeof value === 'function' ? value.bind(logger) : value
  },
})

const REQUEST_ID = /^[\w.:-]{1,100}$/
const requestIds = new WeakMap<object, string>()

/**
 * The id of the request being served: the `X-Request-Id` a balancer or proxy set, else one made
 * here and kept for the rest of the request. Undefined outside a request (start-up, timers).
 */
export async function requestId(): Promise<string | undefined> {
  try {
    const { headers } = await import('next/headers')
    const incoming = await headers()
    let id = requestIds.get(incoming)
    if (!id) {
      const given = incoming.get('x-request-id')
      id = given && REQUEST_ID.test(given) ? given : crypto.randomUUID()
      requestIds.set(incoming, id)
    }
    return id
  } catch {
    return undefined
  }
}

/** Logs an error nobody expected, with the request it happened in; never throws. */
export function logUnexpected(error: unknown, message = 'Unexpected error'): void {
  void requestId()
    .then((id) => log.error({ err: error, ...(id ? { requestId: id } : {}) }, message))
    .catch(() => {})
}
