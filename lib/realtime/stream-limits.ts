// How many live streams one person may hold open in this process, and how fast they may open
// them: a browser has one per open reader or map tab, so these leave room for a dozen tabs while a
// script opening thousands is refused before it costs a database query. Per process, like the
// connections themselves.
import { TooManyRequests } from '@/lib/errors'

export const MAX_STREAMS_PER_USER = 12
export const MAX_STREAMS = 2_000
export const MAX_OPENS_PER_MINUTE = 120

const open = new Map<string, number>()
const opened = new Map<string, number[]>()
let total = 0

/** Holds a stream slot for the user, or refuses with 429; call the returned function when the stream ends. */
export function reserveStream(userId: string, now = Date.now()): () => void {
  const recent = (opened.get(userId) ?? []).filter((at) => at > now - 60_000)
  if (recent.length >= MAX_OPENS_PER_MINUTE) {
    throw new TooManyRequests(
      'Colloquy’s live updates were opened too often from your account; they resume in a minute.',
      Math.ceil((recent[0]! + 60_000 - now) / 1000),
    )
  }
  if ((open.get(userId) ?? 0) >= MAX_STREAMS_PER_USER) {
    throw new TooManyRequests(
      `You have Colloquy open in more than ${MAX_STREAMS_PER_USER} tabs; close some to get live updates here.`,
      30,
    )
  }
  if (total >= MAX_STREAMS) throw new TooManyRequests('Colloquy is busy; live updates resume in a moment.', 15)
  recent.push(now)
  opened.set(userId, recent)
  if (opened.size > 10_000) forgetIdle(now)
  open.set(userId, (open.get(userId) ?? 0) + 1)
  total++
  let released = false
  return () => {
    if (released) return
    released = true
    total--
    const left = (open.get(userId) ?? 1) - 1
    if (left > 0) open.set(userId, left)
    else open.delete(userId)
  }
}

/** Drops the opening times of people who opened nothing in the last minute. */
function forgetIdle(now: number) {
  for (const [userId, times] of opened) if (times.every((at) => at <= now - 60_000)) opened.delete(userId)
}
