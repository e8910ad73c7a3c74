// Typed domain errors, and the one mapper that turns any thrown error into a user-facing result.
import { ZodError } from 'zod'

export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = new.target.name
  }
}

export class Unauthenticated extends AppError {
  constructor(message = 'Please sign in to continue.') {
    super(message, 401)
  }
}

export class Forbidden extends AppError {
  constructor(message = 'You are not allowed to do that.') {
    super(message, 403)
  }
}

export class NotFound extends AppError {
  constructor(message = 'Not found.') {
    super(message, 404)
  }
}

export class Conflict extends AppError {
  constructor(message: string) {
    super(message, 409)
  }
}

export class Invalid extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message, 400)
  }
}

export class TooManyRequests extends AppError {
  constructor(message: string) {
    super(message, 429)
  }
}

export type Failure = { ok: false; status: number; error: string; fieldErrors: Record<string, string> }
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

/** Maps any error to a failure a user can read; unknown errors are logged, never shown. */
export function toFailure(error: unknown): Failure {
  if (error instanceof ZodError) {
    const fieldErrors = fieldErrorsOf(error)
    return { ok: false, status: 400, error: Object.values(fieldErrors)[0] ?? 'Invalid input.', fieldErrors }
  }
  if (error instanceof Invalid) return { ok: false, status: 400, error: error.message, fieldErrors: error.fieldErrors }
  if (error instanceof AppError) return { ok: false, status: error.status, error: error.message, fieldErrors: {} }
  // Prisma could not get a connection or start a transaction in time: busy, not broken.
  if ((error as { code?: string } | null)?.code === 'P2028' || (error as { code?: string } | null)?.code === 'P2024') {
    return { ok: false, status: 503, error: 'Colloquy is busy right now; your change was not saved. Please try again in a moment.', fieldErrors: {} }
  }
  console.error(error)
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
