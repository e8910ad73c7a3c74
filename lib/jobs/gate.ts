// Who may start expensive work now: at most `perOwner` jobs of a kind per person (running or
// waiting), at most `global` running per kind, at most `slots` running in all, and a short queue
// behind them. Anyone past those limits is told how long to wait instead of being made to wait.
import { Busy } from '@/lib/errors'

export interface GateLimits {
  /** Jobs of this kind one owner may have running or waiting. */
  perOwner: number
  /** Jobs of this kind running at once in this process. */
  global: number
  /** Jobs of this kind that may wait for a free slot. */
  queue: number
  /** How long a job may wait for a slot before its owner is told to come back later. */
  maxWaitMs: number
  /** What the job is, for messages: "file import", "map export". */
  noun: string
}

interface Waiter {
  kind: string
  start: () => void
}

const MIN_RETRY_SECONDS = 1
const MAX_RETRY_SECONDS = 60

export class JobGate {
  private running = 0
  private readonly runningByKind = new Map<string, number>()
  private readonly heldByOwner = new Map<string, number>()
  private readonly waiting: Waiter[] = []
  /** Smoothed duration of recent jobs per kind, to tell people when to come back. */
  private readonly typicalMs = new Map<string, number>()
  private readonly limitsByKind = new Map<string, GateLimits>()

  constructor(private readonly slots: number) {}

  /** Resolves with a release function once the job may run; throws Busy when it may not. */
  async enter(kind: string, owner: string, limits: GateLimits): Promise<() => void> {
    const ownerKey = `${kind}\u0000${owner}`
    const held = this.heldByOwner.get(ownerKey) ?? 0
    if (held >= limits.perOwner) {
      const seconds = this.retryAfter(kind, limits, 0)
      throw new Busy(
        `You already have a ${limits.noun} in progress. Try again when it is done, in about ${seconds} s.`,
        seconds,
      )
    }
    const queued = this.waiting.filter((waiter) => waiter.kind === kind).length
    if (!this.canStart(kind, limits) && queued >= limits.queue) {
      const seconds = this.retryAfter(kind, limits, queued)
      throw new Busy(
        `Colloquy is busy with other ${limits.noun}s right now. Please try again in about ${seconds} s.`,
        seconds,
      )
    }
    this.heldByOwner.set(ownerKey, held + 1)
    const releaseOwner = () => {
      const count = (this.heldByOwner.get(ownerKey) ?? 1) - 1
      if (count > 0) this.heldByOwner.set(ownerKey, count)
      else this.heldByOwner.delete(ownerKey)
    }
    try {
      // A slot is taken synchronously, here or by wakeNext, so no later arrival can slip into it.
      if (this.canStart(kind, limits) && !this.waiting.some((waiter) => waiter.kind === kind)) this.take(kind)
      else await this.wait(kind, limits, queued)
    } catch (error) {
      releaseOwner()
      throw error
    }
    const startedAt = performance.now()
    let released = false
    return () => {
      if (released) return
      released = true
      this.running -= 1
      this.runningByKind.set(kind, (this.runningByKind.get(kind) ?? 1) - 1)
      releaseOwner()
      this.remember(kind, performance.now() - startedAt)
      this.wakeNext()
    }
  }

  /** Jobs running now, and waiting, in this process (for health and tests). */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }

  private canStart(kind: string, limits: GateLimits): boolean {
    return this.running < this.slots && (this.runningByKind.get(kind) ?? 0) < limits.global
  }

  private take(kind: string): void {
    this.running += 1
    this.runningByKind.set(kind, (this.runningByKind.get(kind) ?? 0) + 1)
  }

  private wait(kind: string, limits: GateLimits, ahead: number): Promise<void> {
    this.limitsByKind.set(kind, limits)
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        kind,
        start: () => {
          clearTimeout(timer)
          resolve()
        },
      }
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(waiter)
        if (index >= 0) this.waiting.splice(index, 1)
        const seconds = this.retryAfter(kind, limits, ahead)
        reject(
          new Busy(
            `Colloquy is busy with other ${limits.noun}s right now. Please try again in about ${seconds} s.`,
            seconds,
          ),
        )
      }, limits.maxWaitMs)
      this.waiting.push(waiter)
    })
  }

  /** Starts the first waiting job, of any kind, that fits the free slots (first come, first served per kind). */
  private wakeNext(): void {
    for (let index = 0; index < this.waiting.length; index += 1) {
      const waiter = this.waiting[index]!
      const limits = this.limitsByKind.get(waiter.kind)
      if (!limits || !this.canStart(waiter.kind, limits)) continue
      const firstOfKind = this.waiting.findIndex((other) => other.kind === waiter.kind) === index
      if (!firstOfKind) continue
      this.waiting.splice(index, 1)
      this.take(waiter.kind)
      waiter.start()
      return
    }
  }

  private remember(kind: string, ms: number): void {
    const previous = this.typicalMs.get(kind)
    this.typicalMs.set(kind, previous === undefined ? ms : previous * 0.7 + ms * 0.3)
  }

  private retryAfter(kind: string, limits: GateLimits, ahead: number): number {
    const typical = this.typicalMs.get(kind) ?? 2_000
    const seconds = Math.ceil((typical * (1 + ahead / Math.max(1, limits.global))) / 1000)
    return Math.min(MAX_RETRY_SECONDS, Math.max(MIN_RETRY_SECONDS, seconds))
  }
}
