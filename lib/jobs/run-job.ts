// The app's one job runner: expensive work goes through `runJob`, never straight onto the request thread.
import 'server-only'
import { join } from 'node:path'
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
export function runJob<K extends keyof Tasks & string>(
  name: K,
  input: TaskInput<Tasks, K>,
  options: RunOptions,
): Promise<TaskOutput<Tasks, K>> {
  return runner().run(name, input, options)
}
