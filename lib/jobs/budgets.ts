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
  // Placing a source's highlights again after its text was saved. A typical save takes well
  // under a second; 500,000 characters rewritten throughout, with 1,000 highlights, a few
  // seconds (npm run bench -- reanchor). Past the budget nothing is saved.
  reanchor: {
    timeoutMs: 20_000,
    // Two saves of one person may race (two tabs): the second then gets the version conflict.
    perOwner: 2,
    global: 2,
    queue: 4,
    maxWaitMs: 20_000,
    noun: 'text save',
    tooComplex:
      'This edit changes too much at once to place the highlights on this source again in time. Nothing was saved and every highlight is as it was: save the change in smaller steps, a few paragraphs at a time.',
  },
  'parse-archive': {
    // Imports are rare and mostly small: one at a time, the others wait their turn.
    timeoutMs: 30_000,
    perOwner: 1,
    global: 1,
    queue: 8,
    maxWaitMs: 30_000,
    noun: 'seminar import',
    tooComplex: 'This seminar archive is too large to import here.',
  },
  // A real essay of any format reads in well under a second; a file still going after 15 s is hostile or broken.
  'parse-upload': {
    timeoutMs: 15_000,
    perOwner: 2,
    global: 2,
    queue: 8,
    maxWaitMs: 20_000,
    noun: 'file import',
    tooComplex: 'This file is too complex to import; paste the text instead.',
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
  // A map's routes for its pages, found once per state of the map (lib/maps/route-cache.ts). No
  // page waits for them (its browser finds them itself): this bounds the searches in the background.
  'find-routes': {
    timeoutMs: 3_000,
    perOwner: 2,
    global: 1,
    queue: 8,
    maxWaitMs: 1_000,
    noun: 'map drawing',
    tooComplex: 'This map is too large to draw its relations on the server.',
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
