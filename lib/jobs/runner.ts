// Runs CPU-heavy tasks in a pool of worker threads (piscina) under budgets: a time limit, a heap
// limit and concurrency limits (lib/jobs/gate.ts). The request thread only waits, so pages and
// health checks keep answering while a big export or an upload is being worked on; the workers
// run at a lower OS priority, so the request thread wins when both want a core.
import { join } from 'node:path'
import { Piscina } from 'piscina'
import { AppError, Invalid, TooComplex } from '@/lib/errors'
import { log } from '@/lib/log'
import { JobGate, type GateLimits } from './gate'

/** A registry module's `TASKS`: each name loads a module whose default export is the task. */
export type TaskRegistry = Record<string, () => Promise<{ default: (input: never) => unknown }>>

type TaskOf<R extends TaskRegistry, K extends keyof R> = Awaited<ReturnType<R[K]>>['default']
export type TaskInput<R extends TaskRegistry, K extends keyof R> = Parameters<TaskOf<R, K>>[0]
export type TaskOutput<R extends TaskRegistry, K extends keyof R> = Awaited<ReturnType<TaskOf<R, K>>>

export interface TaskBudget extends GateLimits {
  /** Running time after which the worker is stopped. */
  timeoutMs: number
  /** The sentence people see when the task ran out of time or memory. */
  tooComplex: string
}

export interface RunnerOptions<R extends TaskRegistry> {
  /** Absolute path of the module that exports `TASKS` (loaded in the workers, never here). */
  registry: string
  budgets: { [K in keyof R]: TaskBudget }
  threads: number
  /** Old-generation heap of each worker; a task that needs more is stopped. */
  maxHeapMb: number
}

export interface RunOptions {
  /** Whose work this is: a user id, or the client address for someone signed out. */
  owner: string
  /** Aborted when the person went away (the request was cancelled): the work stops too. */
  signal?: AbortSignal
}

type WorkerReply =
  { ok: true; value: unknown } | { ok: false; status: number; message: string; fieldErrors: Record<string, string> }

const WORKER = join(process.cwd(), 'lib', 'jobs', 'worker.mjs')

/** A worker that has not started its task by then is stopped (it could not even load it). */
const STARTUP_LIMIT_MS = 30_000

/** Raised inside piscina when a worker passes its heap limit. */
const OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY'

export class JobRunner<R extends TaskRegistry> {
  private pool: Piscina | undefined
  private readonly gate: JobGate

  constructor(private readonly options: RunnerOptions<R>) {
    this.gate = new JobGate(options.threads)
  }

  async run<K extends keyof R & string>(
    name: K,
    input: TaskInput<R, K>,
    { owner, signal }: RunOptions,
  ): Promise<TaskOutput<R, K>> {
    const budget = this.options.budgets[name]
    const release = await this.gate.enter(name, owner, budget)
    const stop = new AbortController()
    const clock = this.runningTime(budget.timeoutMs, () => stop.abort())
    const onCancel = () => stop.abort()
    signal?.addEventListener('abort', onCancel, { once: true })
    try {
      const reply = (await this.workers().run(
        { registry: this.options.registry, name, input, started: clock.flag },
        { signal: stop.signal },
      )) as WorkerReply
      if (!reply.ok)
        throw reply.status === 400
          ? new Invalid(reply.message, reply.fieldErrors)
          : new AppError(reply.message, reply.status)
      return reply.value as TaskOutput<R, K>
    } catch (error) {
      if (clock.expired() || (error as { code?: unknown } | null)?.code === OUT_OF_MEMORY) {
        log.warn({ task: name, timedOut: clock.expired() }, 'Job stopped past its budget')
        throw new TooComplex(budget.tooComplex)
      }
      if (!(error instanceof AppError) && !signal?.aborted) log.error({ err: error, task: name }, 'Job failed')
      throw error
    } finally {
      clock.stop()
      signal?.removeEventListener('abort', onCancel)
      release()
    }
  }

  /**
   * The time budget counts from the moment the task itself starts: a worker that is still booting
   * (a fresh thread after one was stopped, loading its modules) does not eat into it. The worker
   * raises `flag` just before it calls the task.
   */
  private runningTime(timeoutMs: number, onExpiry: () => void) {
    const flag = new Int32Array(new SharedArrayBuffer(4))
    let timer: NodeJS.Timeout | undefined
    let expired = false
    let stopped = false
    const expire = () => {
      expired = true
      onExpiry()
    }
    const begun = Atomics.waitAsync(flag, 0, 0, STARTUP_LIMIT_MS)
    void Promise.resolve(begun.value).then((outcome) => {
      if (stopped) return
      if (outcome === 'timed-out') expire()
      else timer = setTimeout(expire, timeoutMs)
    })
    return {
      flag,
      expired: () => expired,
      stop: () => {
        stopped = true
        clearTimeout(timer)
      },
    }
  }

  /** Jobs running and waiting in this process. */
  load(): { running: number; waiting: number } {
    return this.gate.load()
  }

  async close(): Promise<void> {
    await this.pool?.destroy()
    this.pool = undefined
  }

  private workers(): Piscina {
    this.pool ??= new Piscina({
      filename: WORKER,
      minThreads: 0,
      maxThreads: this.options.threads,
      // The gate admits no more than there are threads, so nothing queues in piscina.
      maxQueue: this.options.threads,
      idleTimeout: 60_000,
      // A stopped or crashed worker is simply replaced; its task has already failed.
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb, maxYoungGenerationSizeMb: 32 },
      niceIncrement: 10,
    })
    return this.pool
  }
}
