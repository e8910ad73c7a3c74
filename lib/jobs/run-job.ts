// The app's one job runner: expensive work goes through `runJob`, never straight onto the request thread.
import 'server-only'
import { join } from 'node:path'
import { AppError, Busy, Invalid, TooComplex } from '@/lib/errors'
import { BUDGETS, JOB_HEAP_MB, JOB_THREADS } from './budgets'
import { JobRunner, type RunOptions, type TaskInput, type TaskOutput } from './runner'
import type { TASKS } from './tasks'

type Tasks = typeof TASKS

// One pool per process, kept across hot reloads in development.
const shared = globalThis as typeof globalThis & { colloquyJobs?: JobRunner<Tasks> }

function runner(): JobRunner<Tasks> {
  shared.colloquyJobs ??= new JobRunner<Tasks>({
    registry: join(process.cwd(), 'lib', 'jobs', 'tasks.ts'),
    budgets: BUDGETS,
    threads: JOB_THREADS,
    maxHeapMb: JOB_HEAP_MB,
  })
  return shared.colloquyJobs
}

/** Runs a task in a worker thread within its budget; throws Busy (429) or TooComplex (422) past it. */
export async function runJob<K extends keyof Tasks & string>(
  name: K,
  input: TaskInput<Tasks, K>,
  options: RunOptions,
): Promise<TaskOutput<Tasks, K>> {
  try {
    return await runner().run(name, input, options)
  } catch (error) {
    throw ownError(error)
  }
}

type ForeignAppError = Error & {
  status: number
  fieldErrors?: Record<string, string>
  retryAfterSeconds?: number
}

/**
 * The error as one of this module's own classes. Next builds pages and route handlers as separate
 * bundles, each with its own copy of lib/errors.ts, while the pool is one per process: the bundle
 * that started it made its errors (a map page, say), and an upload route would not know them for
 * its own (`instanceof`) and answer 500 instead of 422.
 */
function ownError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Error) || typeof (error as ForeignAppError).status !== 'number')
    return error
  const { message, status, fieldErrors, retryAfterSeconds } = error as ForeignAppError
  if (status === 400) return new Invalid(message, fieldErrors)
  if (status === 422) return new TooComplex(message)
  if (status === 429 && retryAfterSeconds !== undefined) return new Busy(message, retryAfterSeconds)
  return new AppError(message, status)
}
