// The digest schedule of one app process: a run every DIGEST_INTERVAL_MINUTES across all
// instances, elected as retention is (lib/retention/schedule.ts). Nothing runs without SMTP_URL.
import { connection } from '@/lib/db'
import { digestIntervalMinutes, smtpUrl } from '@/lib/env'
import { log } from '@/lib/log'
import { every, type Schedule } from '@/lib/retention/schedule'
import { sendDueDigests } from './send'

const shared = globalThis as typeof globalThis & { colloquyDigests?: Schedule }

export function startDigests(): void {
  const minutes = digestIntervalMinutes()
  if (minutes === 0 || !smtpUrl() || shared.colloquyDigests) return
  const intervalMs = minutes * 60_000
  shared.colloquyDigests = every(
    () => connection().pool,
    'digest',
    intervalMs,
    Math.min(intervalMs, 5 * 60_000),
    async () => {
      const started = Date.now()
      const outcome = await sendDueDigests()
      log.info({ task: 'digest', ...outcome, ms: Date.now() - started }, 'Sent email digests')
      return { ...outcome }
    },
    (error) => log.warn({ err: error, task: 'digest' }, 'Digest run failed; the next period tries again'),
  )
}
