// The job runner with real worker threads: budgets of time, memory and concurrency, typed
// refusals across the thread boundary, and a request thread that stays free meanwhile.
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Busy, Invalid, TooComplex } from '@/lib/errors'
import { JobRunner, type TaskBudget } from '@/lib/jobs/runner'
import type { TASKS } from '../fixtures/jobs/tasks'

const registry = join(process.cwd(), 'tests', 'fixtures', 'jobs', 'tasks.ts')

const budget = (overrides: Partial<TaskBudget> = {}): TaskBudget => ({
  timeoutMs: 5_000,
  perOwner: 2,
  global: 2,
  queue: 2,
  maxWaitMs: 5_000,
  noun: 'test job',
  tooComplex: 'This is too complex for a test job.',
  ...overrides,
})

function runnerWith(budgets: Partial<Record<keyof typeof TASKS, TaskBudget>> = {}, threads = 2) {
  const runner = new JobRunner<typeof TASKS>({
    registry,
    threads,
    maxHeapMb: 64,
    budgets: { echo: budget(), spin: budget(), allocate: budget(), refuse: budget(), ...budgets },
  })
  runners.push(runner)
  return runner
}

const runners: JobRunner<typeof TASKS>[] = []
afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.close()))
})

/** How many 10 ms timers the request thread ran while `work` was going on. */
async function timersDuring(work: Promise<unknown>): Promise<number> {
  let ticks = 0
  let done = false
  const ticking = (async () => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      ticks += 1
    }
  })()
  await work.finally(() => {
    done = true
  })
  await ticking
  return ticks
}

describe('job runner', () => {
  it('runs a task in another thread and returns its result, bytes included', async () => {
    const runner = runnerWith()
    const out = await runner.run('echo', { text: 'ok 日本語', bytes: new Uint8Array(1_000) }, { owner: 'a' })
    expect(out).toMatchObject({ text: 'OK 日本語', length: 1_000 })
    expect(out.threadId).toBeGreaterThan(0)
  })

  it('keeps the request thread free while a task computes for seconds', async () => {
    const runner = runnerWith()
    await runner.run('echo', { text: '', bytes: new Uint8Array() }, { owner: 'warm-up' })
    // Work on this thread would hold every timer back until it ended; a busy machine only slows them.
    const started = performance.now()
    const ticks = await timersDuring(runner.run('spin', { ms: 1_500 }, { owner: 'a' }))
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_500)
    expect(ticks).toBeGreaterThanOrEqual(10)
  })

  it('stops a task that runs past its time budget with a sentence, and serves the next one', async () => {
    const runner = runnerWith({ spin: budget({ timeoutMs: 300 }) })
    const started = performance.now()
    await expect(runner.run('spin', { ms: 60_000 }, { owner: 'a' })).rejects.toThrow(
      new TooComplex('This is too complex for a test job.'),
    )
    // Stopped long before the task's own minute (a fresh thread's boot is not part of the budget).
    expect(performance.now() - started).toBeLessThan(30_000)
    await expect(runner.run('spin', { ms: 10 }, { owner: 'a' })).resolves.toBeGreaterThan(0)
  })

  it('stops a task that passes its heap limit, and the process lives on', async () => {
    const runner = runnerWith({}, 1)
    await expect(runner.run('allocate', { megabytes: 1_000 }, { owner: 'a' })).rejects.toBeInstanceOf(TooComplex)
    await expect(
      runner.run('echo', { text: 'after', bytes: new Uint8Array(1) }, { owner: 'a' }),
    ).resolves.toMatchObject({ text: 'AFTER' })
  })

  it('brings a refusal back as the same typed error', async () => {
    const runner = runnerWith()
    const refusal = runner.run('refuse', { reason: 'This file is not a Word document.' }, { owner: 'a' })
    await expect(refusal).rejects.toBeInstanceOf(Invalid)
    await expect(refusal).rejects.toMatchObject({
      status: 400,
      message: 'This file is not a Word document.',
      fieldErrors: { file: 'This file is not a Word document.' },
    })
  })

  it('tells one person to wait for their own earlier job, with a time to come back', async () => {
    const runner = runnerWith({ spin: budget({ perOwner: 1 }) })
    const first = runner.run('spin', { ms: 400 }, { owner: 'greedy' })
    const second = runner.run('spin', { ms: 400 }, { owner: 'greedy' })
    await expect(second).rejects.toBeInstanceOf(Busy)
    await expect(second).rejects.toMatchObject({ status: 429, retryAfterSeconds: expect.any(Number) })
    await expect(runner.run('spin', { ms: 10 }, { owner: 'someone else' })).resolves.toBeGreaterThan(0)
    await first
  })

  it('queues a few jobs behind the busy ones and refuses the rest at once', async () => {
    const runner = runnerWith({ spin: budget({ global: 1, queue: 1 }) })
    const running = runner.run('spin', { ms: 500 }, { owner: 'a' })
    const queued = runner.run('spin', { ms: 10 }, { owner: 'b' })
    const refusedAt = performance.now()
    await expect(runner.run('spin', { ms: 10 }, { owner: 'c' })).rejects.toBeInstanceOf(Busy)
    // At once: not after the budget's longest wait (5 s).
    expect(performance.now() - refusedAt).toBeLessThan(2_500)
    await expect(Promise.all([running, queued])).resolves.toHaveLength(2)
    expect(runner.load()).toEqual({ running: 0, waiting: 0 })
  })

  it('gives up waiting after the budget’s longest wait', async () => {
    const runner = runnerWith({ spin: budget({ global: 1, queue: 5, maxWaitMs: 100 }) })
    const running = runner.run('spin', { ms: 800 }, { owner: 'a' })
    await expect(runner.run('spin', { ms: 10 }, { owner: 'b' })).rejects.toBeInstanceOf(Busy)
    await running
  })

  it('stops the work when the person cancels the request', async () => {
    const runner = runnerWith()
    const cancel = new AbortController()
    const job = runner.run('spin', { ms: 60_000 }, { owner: 'a', signal: cancel.signal })
    setTimeout(() => cancel.abort(), 100)
    await expect(job).rejects.toThrow()
    expect(runner.load().running).toBe(0)
  })
})
