// Typed domain errors, and the one mapper that turns any thrown error into a user-facing result.
import { ZodError } from 'zod'

// Loaded on the first error worth logging: job worker threads load this module for its error
// classes, and must not pay for the logger at every start.
const logger = () => import('@/lib/log')

// Next builds pages, route handlers and server actions as separate bundles, each with its own copy
// of this module, while some objects are one per process (the job pool, the password and bulk
// gates on `globalThis`): an error one bundle's copy made can reach another's `instanceof`. So
// each class has a kind of its own (class names are minified differently per bundle), every
// error records the kinds of its class and ancestors under a symbol shared by all copies, and
// `instanceof` answers from those kinds.
const KINDS = Symbol.for('colloquy.errorKinds')

export class AppError extends Error {
  static readonly kind: string = 'AppError'

  static override [Symbol.hasInstance]<T>(this: abstract new (...args: never[]) => T, value: unknown): value is T {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true
    const kinds = typeof value === 'object' && value !== null ? (value as { [KINDS]?: unknown })[KINDS] : undefined
    return Array.isArray(kinds) && kinds.includes((this as unknown as typeof AppError).kind)
  }

  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
    const kinds: string[] = []
    for (let c: unknown = new.target; c !== Error && typeof c === 'function'; c = Object.getPrototypeOf(c))
      if (Object.hasOwn(c, 'kind')) kinds.push((c as typeof AppError).kind)
    Object.defineProperty(this, KINDS, { value: kinds })
    this.name = new.target.kind
  }
}

export class Unauthenticated extends AppError {
  static override readonly kind = 'Unauthenticated'
  constructor(message = 'Please sign in to continue.') {
    super(message, 401)
  }
}

export class Forbidden extends AppError {
  static override readonly kind = 'Forbidden'
  constructor(message = 'You are not allowed to do that.') {
    super(message, 403)
  }
}

export class NotFound extends AppError {
  static override readonly kind = 'NotFound'
  constructor(message = 'Not found.') {
    super(message, 404)
  }
}

export class Conflict extends AppError {
  static override readonly kind = 'Conflict'
  constructor(message: string) {
    super(message, 409)
  }
}

export class Invalid extends AppError {
  static override readonly kind = 'Invalid'
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message, 400)
  }
}

export class TooManyRequests extends AppError {
  static override readonly kind: string = 'TooManyRequests'
  constructor(
    message: string,
    /** When to try again, sent as `Retry-After`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message, 429)
  }
}

/** Over a concurrency limit for expensive work: nothing was done, and the same request may come back later. */
export class Busy extends TooManyRequests {
  static override readonly kind = 'Busy'
  constructor(message: string, retryAfterSeconds: number) {
    super(message, retryAfterSeconds)
  }
}

/** The work ran past its time or memory budget and was stopped; sending it again will not help. */
export class TooComplex extends AppError {
  static override readonly kind = 'TooComplex'
  constructor(message: string) {
    super(message, 422)
  }
}

export type Failure = {
  ok: false
  status: number
  error: string
  fieldErrors: Record<string, string>
  retryAfterSeconds?: number
}
export type Result<T> = { ok: true; data: T } | Failure

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })

function fieldErrorsOf(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'form'
    fields[key] ??= issue.message
  }
  return fields
}

export const DATABASE_UNAVAILABLE =
  'Colloquy cannot reach its database right now, so nothing was saved. Please try again in a few seconds.'
/** The pool or a statement's time budget ran out: busy, not broken. */
const BUSY = 'Colloquy is busy right now; your change was not saved. Please try again in a moment.'

// Prisma: cannot reach the server, timed out reaching it, operations timed out, server closed the connection.
const PRISMA_CONNECTION_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017'])
// PostgreSQL: shutting down or restarting (57P01-57P03), and the connection exceptions (class 08).
const PG_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006'])
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'])
// The driver adapter's names for a lost or unreachable server.
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout'])
// node-postgres says these without a code: the socket dropped, or a client it broke is reused.
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
]

type ErrorLike = {
  code?: unknown
  kind?: unknown
  message?: unknown
  cause?: unknown
  meta?: { driverAdapterError?: { cause?: unknown } }
}

/**
 * The database went away (restart, failover, network) rather than refusing the request: the
 * change can be sent again once it is back. Errors reach us raw from pg, wrapped by the driver
 * adapter, or as Prisma errors carrying the adapter's error in `meta`, so each layer is looked at.
 */
function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false
  const e = error as ErrorLike
  if (
    typeof e.code === 'string' &&
    (PRISMA_CONNECTION_CODES.has(e.code) || PG_UNAVAILABLE_CODES.has(e.code) || SOCKET_CODES.has(e.code))
  )
    return true
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true
  if (typeof e.message === 'string' && PG_CONNECTION_MESSAGES.some((text) => (e.message as string).startsWith(text)))
    return true
  return (
    isDatabaseUnavailable(e.meta?.driverAdapterError?.cause, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1)
  )
}

// PostgreSQL: a statement cancelled by statement_timeout (lib/db.ts), or a lock not had in time.
const PG_TIMEOUT_CODES = new Set(['57014', '55P03'])

/** The database stopped a statement that ran past its time budget; the change was rolled back. */
export function isStatementTimeout(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false
  const e = error as ErrorLike & { originalCode?: unknown }
  if (
    (typeof e.code === 'string' && PG_TIMEOUT_CODES.has(e.code)) ||
    (typeof e.originalCode === 'string' && PG_TIMEOUT_CODES.has(e.originalCode))
  )
    return true
  return isStatementTimeout(e.meta?.driverAdapterError?.cause, depth + 1) || isStatementTimeout(e.cause, depth + 1)
}

/** Maps any error to a failure a user can read; unknown errors are logged, never shown. */
export function toFailure(error: unknown): Failure {
  if (error instanceof ZodError) {
    const fieldErrors = fieldErrorsOf(error)
    return { ok: false, status: 400, error: Object.values(fieldErrors)[0] ?? 'Invalid input.', fieldErrors }
  }
  if (error instanceof Invalid) return { ok: false, status: 400, error: error.message, fieldErrors: error.fieldErrors }
  if (error instanceof TooManyRequests && error.retryAfterSeconds !== undefined) {
    return {
      ok: false,
      status: error.status,
      error: error.message,
      fieldErrors: {},
      retryAfterSeconds: error.retryAfterSeconds,
    }
  }
  if (error instanceof AppError) return { ok: false, status: error.status, error: error.message, fieldErrors: {} }
  // Prisma could not get a connection or start a transaction in time: busy, not broken.
  if ((error as { code?: string } | null)?.code === 'P2028' || (error as { code?: string } | null)?.code === 'P2024')
    return { ok: false, status: 503, error: BUSY, fieldErrors: {} }
  if (isStatementTimeout(error)) {
    console.warn(
      '[db] statement stopped by its time budget:',
      (error as Error).message?.split('\n').filter(Boolean).at(-1),
    )
    return { ok: false, status: 503, error: BUSY, fieldErrors: {} }
  }
  if (isDatabaseUnavailable(error)) {
    void logger().then(({ log }) => log.warn({ err: error }, 'Database unavailable'))
    return { ok: false, status: 503, error: DATABASE_UNAVAILABLE, fieldErrors: {} }
  }
  void logger().then(({ logUnexpected }) => logUnexpected(error))
  return { ok: false, status: 500, error: 'Something went wrong on our side. Please try again.', fieldErrors: {} }
}

/** Runs a mutation and returns its outcome as a value, so server actions never leak a stack. */
export async function attempt<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await run())
  } catch (error) {
    return toFailure(error)
  }
}
