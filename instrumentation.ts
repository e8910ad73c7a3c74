// Runs once when a server process starts (Next's instrumentation hook): the peer-address record
// the rate limits key on, and background schedules.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { recordPeerAddresses } = await import('./lib/peer-address')
  recordPeerAddresses()
  const { startRetention } = await import('@/lib/retention/retention')
  startRetention()
  const { startDigests } = await import('@/lib/notifications/digest/schedule')
  startDigests()
}
