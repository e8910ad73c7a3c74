// The one error mapper: a database that went away (restart, failover, network) is a 503 that
// says nothing was saved and to try again, in every shape the error reaches us (raw from pg,
// from the driver adapter, or as a Prisma error); anything else unknown stays a 500.
import { createServer } from 'node:net'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { Conflict, DATABASE_UNAVAILABLE, NotFound, toFailure } from '@/lib/errors'
import { Prisma } from '@/lib/generated/prisma/client'
import { log } from '@/lib/log'
import type { Logger } from 'pino'

const known = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError('Invalid `prisma.highlight.create()` invocation', {
    code,
    clientVersion: '7',
    meta,
  })

/** As the driver adapter reports a server error inside a Prisma error (seen for raw queries). */
const adapterPostgres = (code: string, message: string) =>
  known('P2010', {
    driverAdapterError: {
      name: 'DriverAdapterError',
      cause: { kind: 'postgres', code, severity: 'FATAL', message, originalCode: code, originalMessage: message },
    },
  })

const pgServerError = (code: string, message: string) =>
  Object.assign(new pg.DatabaseError(message, message.length, 'error'), { code, severity: 'FATAL' })

const unavailable = { ok: false, status: 503, error: DATABASE_UNAVAILABLE, fieldErrors: {} }

/** The process's one pino logger behind `log` (made on first use). */
const rootLogger = (): Logger => {
  void log.level
  return (globalThis as { colloquyLogger?: Logger }).colloquyLogger!
}

beforeEach(() => {
  vi.spyOn(rootLogger(), 'warn').mockImplementation(() => {})
  vi.spyOn(rootLogger(), 'error').mockImplementation(() => {})
})
afterEach(() => vi.restoreAllMocks())

describe('a database that cannot be reached', () => {
  it('says nothing was saved and to try again', () => {
    expect(DATABASE_UNAVAILABLE).toMatch(/nothing was saved/)
    expect(DATABASE_UNAVAILABLE).toMatch(/try again/)
  })

  it.each([
    ['P1001', "Can't reach database server at 127.0.0.1:5432"],
    ['P1002', 'The database server was reached but timed out'],
    ['P1008', 'Operations timed out'],
    ['P1017', 'Server has closed the connection'],
  ])('is a 503 for Prisma %s (%s)', (code) => {
    expect(toFailure(known(code))).toEqual(unavailable)
  })

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection due to crash of another server process'],
    ['57P03', 'the database system is starting up'],
    ['08006', 'connection failure'],
    ['08003', 'connection does not exist'],
    ['08000', 'connection exception'],
  ])('is a 503 for PostgreSQL %s (%s), raw from pg or inside a Prisma error', (code, message) => {
    expect(toFailure(pgServerError(code, message))).toEqual(unavailable)
    expect(toFailure(adapterPostgres(code, message))).toEqual(unavailable)
  })

  it.each(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout'])(
    'is a 503 when the driver adapter says %s',
    (kind) => {
      expect(
        toFailure(known('P2010', { driverAdapterError: { name: 'DriverAdapterError', cause: { kind } } })),
      ).toEqual(unavailable)
      expect(toFailure(Object.assign(new Error(kind), { name: 'DriverAdapterError', cause: { kind } }))).toEqual(
        unavailable,
      )
    },
  )

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'Client has encountered a connection error and is not queryable',
    'Client was closed and is not queryable',
    'timeout exceeded when trying to connect',
  ])('is a 503 when node-postgres says "%s"', (message) => {
    expect(toFailure(new Error(message))).toEqual(unavailable)
  })

  it('is a 503 for a real refused connection', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number }
        probe.close(() => resolve(port))
      })
    })
    const refused = await new pg.Client({ host: '127.0.0.1', port, connectionTimeoutMillis: 2_000 })
      .connect()
      .catch((error: unknown) => error)
    expect((refused as { code?: string }).code).toBe('ECONNREFUSED')
    expect(toFailure(refused)).toEqual(unavailable)
    expect(toFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toEqual(unavailable)
  })
})

describe('everything else keeps its status', () => {
  it('keeps busy (P2028, P2024) as its own 503', () => {
    for (const code of ['P2028', 'P2024'])
      expect(toFailure(known(code))).toMatchObject({ status: 503, error: expect.stringMatching(/busy/) })
  })

  it('makes a statement stopped by its time budget (or a lock not had in time) a busy 503, in every shape it arrives', () => {
    for (const error of [
      pgServerError('57014', 'canceling statement due to statement timeout'),
      adapterPostgres('57014', 'canceling statement due to statement timeout'),
      pgServerError('55P03', 'canceling statement due to lock timeout'),
    ]) {
      expect(toFailure(error)).toMatchObject({
        status: 503,
        error: expect.stringMatching(/busy right now; your change was not saved/),
      })
    }
    expect(rootLogger().error).not.toHaveBeenCalled()
  })

  it('keeps domain errors and bad input as they were', () => {
    expect(toFailure(new NotFound('This highlight no longer exists.'))).toMatchObject({
      status: 404,
      error: 'This highlight no longer exists.',
    })
    expect(toFailure(new Conflict('Taken.'))).toMatchObject({ status: 409 })
    expect(toFailure(z.object({ start: z.number() }).safeParse({}).error)).toMatchObject({ status: 400 })
  })

  it.each([
    ['a unique violation', known('P2002')],
    [
      'a server error that is not about the connection',
      adapterPostgres('23505', 'duplicate key value violates unique constraint'),
    ],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a message that only mentions a connection', new Error('Invalid input: Connection terminated is not a tag')],
  ])('keeps %s a 500 and logs it', async (_, error) => {
    expect(toFailure(error)).toMatchObject({
      status: 500,
      error: 'Something went wrong on our side. Please try again.',
    })
    await vi.waitFor(() => expect(rootLogger().error).toHaveBeenCalledWith({ err: error }, 'Unexpected error'))
  })
})

describe('errors made by another bundle’s copy of this module', () => {
  // Pages, route handlers and actions each bundle their own copy of lib/errors.ts, while the job
  // pool and the password and bulk gates are one per process: a copy loaded afresh stands in
  // for another bundle.
  const twoCopies = async () => {
    const mine = await import('@/lib/errors')
    vi.resetModules()
    const other = await import('@/lib/errors')
    expect(other.AppError).not.toBe(mine.AppError)
    return { mine, other }
  }

  it('keeps each error’s status, message, fields and retry time', async () => {
    const { mine, other } = await twoCopies()
    expect(mine.toFailure(new other.TooComplex('Too big to read.'))).toMatchObject({
      status: 422,
      error: 'Too big to read.',
    })
    expect(mine.toFailure(new other.Busy('Too many at once.', 7))).toEqual({
      ok: false,
      status: 429,
      error: 'Too many at once.',
      fieldErrors: {},
      retryAfterSeconds: 7,
    })
    expect(mine.toFailure(new other.Invalid('Check the title.', { title: 'Too long.' }))).toMatchObject({
      status: 400,
      fieldErrors: { title: 'Too long.' },
    })
    expect(mine.toFailure(new other.NotFound())).toMatchObject({ status: 404, error: 'Not found.' })
    expect(rootLogger().error).not.toHaveBeenCalled()
  })

  it('is an instance of its own class and its ancestors, and of no other', async () => {
    const { mine, other } = await twoCopies()
    const busy = new other.Busy('Too many at once.', 7)
    expect([busy instanceof mine.Busy, busy instanceof mine.TooManyRequests, busy instanceof mine.AppError]).toEqual([
      true,
      true,
      true,
    ])
    expect([busy instanceof mine.TooComplex, busy instanceof mine.Invalid, busy instanceof Error]).toEqual([
      false,
      false,
      true,
    ])
    expect(new other.TooManyRequests('Slow down.') instanceof mine.Busy).toBe(false)
    expect(new mine.Forbidden() instanceof other.NotFound).toBe(false)
    // An error that only looks like one (a status of its own) stays unknown: a 500.
    expect(Object.assign(new Error('Broken.'), { status: 422 }) instanceof mine.AppError).toBe(false)
  })
})
