// Before the end-to-end run: no rate-limit counter left from an earlier run on a reused server.
import { clearLimitCounters } from './limit-counters'

export default async function globalSetup() {
  await clearLimitCounters()
}
