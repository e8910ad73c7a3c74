// The digest schedule of one app process: a run every DIGEST_INTERVAL_MINUTES across all
// instances, elected as retention is (lib/retention/schedule.ts). Nothing runs without SMTP_URL.
import { digestIntervalMinutes, smtpUrl } from '@/lib/env'
import { startPeriodic } from '@/lib/retention/periodic'
import { sendDueDigests } from './send'

export function startDigests(): void {
  const minutes = digestIntervalMinutes()
  if (minutes === 0 || !smtpUrl()) return
  startPeriodic({
    task: 'digest',
    intervalMs: minutes * 60_000,
    run: async () => ({ ...(await sendDueDigests()) }),
    done: 'Sent email digests',
    failing: 'Digest run',
  })
}
