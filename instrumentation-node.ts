// What each Node server process starts with, in this order: the front door that answers floods
// before Next routes them, the peer-address record the rate limits key on, and the background
// schedules (the sweep for unnumbered live events, retention, assignment reminders, digests).
import { startDueReminders } from '@/lib/assignments/reminders'
import { installFrontDoor } from '@/lib/front-door/install'
import { startDigests } from '@/lib/notifications/digest/schedule'
import { recordPeerAddresses } from '@/lib/peer-address'
import { startEventSweep } from '@/lib/realtime/numbering'
import { startRetention } from '@/lib/retention/retention'

export function startServerProcess(): void {
  installFrontDoor()
  recordPeerAddresses()
  startEventSweep()
  startRetention()
  startDueReminders()
  startDigests()
}
