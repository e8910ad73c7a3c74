// What each job may cost: how long it may run, how many may run at once per person and in all,
// and what people are told when it is too much. Sizes are for a 2-core server; a job's heap is
// capped per worker thread (JOB_HEAP_MB).
import { availableParallelism } from 'node:os'
import type { TaskBudget } from './runner'
import type { TASKS } from './tasks'

/** Worker threads: jobs run beside the request thread at a lower priority, never more than 4. */
export const JOB_THREADS = Math.min(4, Math.max(2, availableParallelism()))

export const JOB_HEAP_MB = 512

export const BUDGETS: { [K in keyof typeof TASKS]: TaskBudget } = {
  'render-map-picture': {
    timeoutMs: 20_000,
    perOwner: 1,
    global: 2,
    queue: 4,
    maxWaitMs: 15_000,
    noun: 'picture export',
    tooComplex: 'This map is too large to export as a picture. Export it as PDF or SVG instead.',
  },
  'render-map-pdf': {
    timeoutMs: 20_000,
    perOwner: 1,
    global: 2,
    queue: 4,
    maxWaitMs: 15_000,
    noun: 'PDF export',
    tooComplex: 'This map is too large to export as a PDF. Export it as SVG instead.',
  },
  'check-backup': {
    timeoutMs: 10_000,
    perOwner: 1,
    global: 2,
    queue: 4,
    maxWaitMs: 10_000,
    noun: 'map import',
    tooComplex: 'This backup is too complex to import. Split the map into smaller ones and export those.',
  },
}
