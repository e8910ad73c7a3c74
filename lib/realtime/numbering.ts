// Numbering live events after their writers commit. A writer stores its event pending (no number,
// no lock on the group's row, no NOTIFY: publish.ts) and, once committed, asks this process's
// numberer for its group. The numberer runs one numbering transaction at a time
// (colloquy_number_events in prisma/migrations), for every group asked for since the last one, so
// a seminar writing at once is numbered in a few short transactions instead of each writer holding
// the group's row through its own commit. The group's row lock, held by the numbering transaction
// only, keeps each group's numbers contiguous and announced in order across app instances. A
// sweep numbers what a crash (or a database outage) left pending between a commit and its numbering.
import type { Db } from '@/lib/db'
import { sqlRows } from '@/lib/db-raw'
import { log } from '@/lib/log'
import { CHANNEL } from './events'

/** The most events one numbering transaction gives one group (a backlog goes in several). */
const BATCH_LIMIT = 1000
/** How soon a group whose row was busy (another transaction held it) is tried again. */
const BUSY_RETRY_MS = 20
/** How often each app process looks for events left pending. */
const SWEEP_MS = 5_000
const FIRST_RETRY_MS = 250
const LAST_RETRY_MS = 5_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Round {
  numbered: number
  /** Groups with more pending events than one batch. */
  more: string[]
  /** Groups whose row another transaction held: skipped, to be tried again. */
  busy: string[]
}

/** One numbering transaction over these groups, skipping those whose row is busy. */
async function numberingRound(groups: string[]): Promise<Round> {
  const rows = await sqlRows<{ group_id: string; numbered: number; busy: boolean }>`
    SELECT group_id, numbered, busy FROM colloquy_number_events(${CHANNEL}, ${groups}::text[], ${BATCH_LIMIT}, false)`
  return {
    numbered: rows.reduce((sum, row) => sum + row.numbered, 0),
    more: rows.filter((row) => row.numbered === BATCH_LIMIT).map((row) => row.group_id),
    busy: rows.filter((row) => row.busy).map((row) => row.group_id),
  }
}

/** Numbers every pending event of these groups now, oldest first; returns how many were numbered. */
export async function numberPendingEvents(groupIds: Iterable<string>): Promise<number> {
  let left = [...new Set(groupIds)]
  let total = 0
  while (left.length > 0) {
    const round = await numberingRound(left)
    total += round.numbered
    if (round.more.length === 0 && round.busy.length > 0) await sleep(BUSY_RETRY_MS)
    left = [...round.more, ...round.busy]
  }
  return total
}

/** Numbers these groups' pending events inside the caller's transaction (see transactionNumberingItsEvents). */
export async function numberInTransaction(tx: Pick<Db, '$queryRaw'>, groupIds: Iterable<string>): Promise<void> {
  const groups = [...new Set(groupIds)]
  if (groups.length === 0) return
  await tx.$queryRaw`SELECT group_id FROM colloquy_number_events(${CHANNEL}, ${groups}::text[], ${2 ** 31 - 1}, true)`
}

/**
 * One numbering transaction at a time; what is asked for meanwhile goes together in the next. A
 * group whose row is busy is asked for again a moment later, without holding up the others.
 */
class Numberer {
  private readonly asked = new Set<string>()
  private readonly busy = new Set<string>()
  private running: Promise<void> | undefined
  private busyRetry: Promise<void> | undefined
  private retryMs = FIRST_RETRY_MS

  ask(groupIds: Iterable<string>): void {
    for (const id of groupIds) this.asked.add(id)
    if (this.asked.size > 0) this.running ??= this.run()
  }

  /** Resolves once every group asked for so far has been numbered. */
  async settled(): Promise<void> {
    while (this.running || this.busyRetry) await (this.running ?? this.busyRetry)
  }

  private async run(): Promise<void> {
    while (this.asked.size > 0) {
      const groups = [...this.asked]
      this.asked.clear()
      try {
        const round = await numberingRound(groups)
        for (const id of round.more) this.asked.add(id)
        if (round.busy.length > 0) this.askAgainSoon(round.busy)
        this.retryMs = FIRST_RETRY_MS
      } catch (error) {
        // The events are stored: they wait for the next attempt (or another instance's sweep).
        for (const id of groups) this.asked.add(id)
        log.warn({ err: error, groups: groups.length, retryMs: this.retryMs }, 'Could not number live events; retrying')
        await sleep(this.retryMs)
        this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS)
      }
    }
    this.running = undefined
  }

  private askAgainSoon(groupIds: string[]): void {
    for (const id of groupIds) this.busy.add(id)
    this.busyRetry ??= sleep(BUSY_RETRY_MS).then(() => {
      this.busyRetry = undefined
      const groups = [...this.busy]
      this.busy.clear()
      this.ask(groups)
    })
  }
}

const shared = globalThis as typeof globalThis & { colloquyNumberer?: Numberer; colloquyEventSweep?: NodeJS.Timeout }
const numberer = (shared.colloquyNumberer ??= new Numberer())

/** For a writer whose events just committed: this process numbers them (and announces them) next. */
export function eventsCommitted(...groupIds: string[]): void {
  numberer.ask(groupIds)
}

/** Resolves once the events committed in this process so far are numbered (tests, seeding). */
export function eventsNumbered(): Promise<void> {
  return numberer.settled()
}

/** Asks for the numbering of every group that has pending events; returns how many groups. */
export async function sweepPendingEvents(): Promise<number> {
  const rows = await sqlRows<{ groupId: string }>`SELECT DISTINCT "groupId" FROM "GroupEvent" WHERE seq IS NULL`
  numberer.ask(rows.map((row) => row.groupId))
  return rows.length
}

/** At start and every SWEEP_MS after: events a crashed writer left pending are numbered within seconds. */
export function startEventSweep(): void {
  if (shared.colloquyEventSweep) return
  const sweep = (atStart: boolean) =>
    sweepPendingEvents().then(
      // At start they are a crash's leftovers; later, usually events a moment from their numbering.
      (groups) => groups > 0 && log[atStart ? 'info' : 'debug']({ groups }, 'Numbering live events left pending'),
      (error: unknown) =>
        log.warn({ err: error }, 'Could not look for pending live events; the next sweep tries again'),
    )
  void sweep(true)
  shared.colloquyEventSweep = setInterval(() => void sweep(false), SWEEP_MS).unref()
}
