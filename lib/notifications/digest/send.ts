// One digest run: everyone whose daily or weekly digest has come due gets one email of the
// notifications they have not read that arrived since their last digest, as the inbox would show
// them now (so nothing they may not see). Each person is claimed with a conditional UPDATE before
// sending, so two runs at once never send anyone two emails. A run has a budget: at most
// DIGEST_BATCH people and DIGEST_RUN_MS of sending; whoever is left goes in the next run.
import { db } from '@/lib/db'
import { listenPort, publicUrl, smtpFrom } from '@/lib/env'
import { log } from '@/lib/log'
import { visibleEntries } from '../queries'
import { composeDigest, DIGEST_ITEMS } from './compose'
import { mailer } from './mailer'
import { unsubscribeToken } from './unsubscribe'

export const DIGEST_BATCH = 200
export const DIGEST_RUN_MS = 60_000
/** Entries read per person: the email lists DIGEST_ITEMS of them and counts the rest. */
const DIGEST_SCAN = 200
const DAY = 86_400_000
export const PERIOD_MS = { DAILY: DAY, WEEKLY: 7 * DAY } as const

export interface DigestRunResult {
  sent: number
  /** Due, but nothing new and unread to tell. */
  empty: number
  failed: number
  /** Left for the next run: the run's budget ran out. */
  deferred: number
}

function origin(): string {
  return (publicUrl() ?? new URL(`http://localhost:${listenPort()}`)).origin
}

export async function sendDueDigests(
  now = new Date(),
  budget = { people: DIGEST_BATCH, ms: DIGEST_RUN_MS },
): Promise<DigestRunResult> {
  const result: DigestRunResult = { sent: 0, empty: 0, failed: 0, deferred: 0 }
  const transport = mailer()
  if (!transport) return result
  const dueBefore = (frequency: keyof typeof PERIOD_MS) => new Date(now.getTime() - PERIOD_MS[frequency])
  const due = await db.user.findMany({
    where: {
      OR: (['DAILY', 'WEEKLY'] as const).map((digest) => ({
        digest,
        OR: [{ digestSentAt: null }, { digestSentAt: { lte: dueBefore(digest) } }],
      })),
      notifications: { some: { readAt: null } },
    },
    // Those waiting longest first, so a backlog drains in order.
    orderBy: { digestSentAt: { sort: 'asc', nulls: 'first' } },
    take: budget.people + 1,
    select: { id: true, name: true, email: true, digest: true, digestSentAt: true },
  })
  if (due.length > budget.people) result.deferred = due.length - budget.people
  const started = Date.now()
  for (const [index, person] of due.slice(0, budget.people).entries()) {
    if (Date.now() - started > budget.ms) {
      result.deferred += budget.people - index
      break
    }
    if (person.digest === 'OFF') continue
    const claimed = await db.user.updateMany({
      where: { id: person.id, digest: person.digest, digestSentAt: person.digestSentAt },
      data: { digestSentAt: now },
    })
    if (claimed.count === 0) continue
    const since = person.digestSentAt ?? dueBefore(person.digest)
    // Counted from what the person may see, so the count says nothing of hidden entries either.
    const visible = await visibleEntries(person.id, { readAt: null, createdAt: { gt: since, lte: now } }, DIGEST_SCAN)
    if (visible.length === 0) {
      result.empty++
      continue
    }
    const entries = visible.slice(0, DIGEST_ITEMS)
    const base = origin()
    const email = composeDigest({
      name: person.name,
      frequency: person.digest,
      entries,
      more: visible.length - entries.length,
      origin: base,
      settingsUrl: new URL('/inbox#email-digest', base).toString(),
      unsubscribeUrl: new URL(`/unsubscribe?token=${encodeURIComponent(unsubscribeToken(person.id))}`, base).toString(),
    })
    const oneClick = new URL(
      `/api/unsubscribe?token=${encodeURIComponent(unsubscribeToken(person.id))}`,
      base,
    ).toString()
    try {
      await transport.sendMail({
        from: smtpFrom(),
        to: { name: person.name, address: person.email },
        subject: email.subject,
        text: email.text,
        html: email.html,
        // RFC 8058: mail clients offer a one-click unsubscribe that POSTs here.
        list: { unsubscribe: { url: oneClick, comment: 'Stop email digests' } },
        headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      })
      result.sent++
    } catch (error) {
      // Give the period back, so the next run tries this person again.
      await db.user.updateMany({
        where: { id: person.id, digestSentAt: now },
        data: { digestSentAt: person.digestSentAt },
      })
      result.failed++
      log.warn({ err: error, task: 'digest', userId: person.id }, 'A digest email could not be sent')
    }
  }
  return result
}
