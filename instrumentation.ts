// Runs once when a server process starts (Next's instrumentation hook): the front door that
// answers floods before Next routes them, the peer-address record the rate limits key on, and
// background schedules (retention, assignment reminders, the sweep for unnumbered live events).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { installFrontDoor } = await import('./lib/front-door/install')
  installFrontDoor()
  const { recordPeerAddresses } = await import('./lib/peer-address')
  recordPeerAddresses()
  const { startEventSweep } = await import('@/lib/realtime/numbering')
  startEventSweep()
  const { startRetention } = await import('@/lib/retention/retention')
  startRetention()
  const { startDueReminders } = await import('@/lib/assignments/reminders')
  startDueReminders()
  const { startDigests } = await import('@/lib/notifications/digest/schedule')
  startDigests()
}
