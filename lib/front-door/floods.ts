// The first thing every request meets, before Next.js routes it (installed by install.ts). Floods from
// one address — sign-in guesses, live-stream opens — are answered here in microseconds, so that a
// script cannot make the one event loop spend Next's routing, next-auth and a database query on
// each of them while people wait behind. These are valves, not the policy: the limits people meet
// (progressive sign-in delays, per-account stream caps) stay in lib/auth/throttle.ts and
// lib/realtime/stream-limits.ts, and these numbers sit well above a whole class behind one school
// address. Counted per process, in memory: a flood is this process's problem, and counting it in
// the database would cost the query the valve is there to save.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { clientAddress, PEER_HEADER } from '@/lib/client-address'
import { refusedSignInUrl } from '@/lib/auth/refused-sign-in'

export const FLOOD_LIMITS = {
  /**
   * Sign-in attempts per address that reach next-auth in 10 s: a class of 40 signing in together,
   * typos and all, and above the 30 failures per address that lib/auth/throttle.ts allows.
   */
  signIn: { points: 60, duration: 10 },
  /** Live-stream opens per address in 10 s: every reader and map tab opens one, and again after a reconnect. */
  streamOpens: { points: 60, duration: 10 },
} as const

/** Live streams open at once per address: 40 students behind one address with five tabs each. */
export const OPEN_STREAMS_PER_ADDRESS = 200

/**
 * A refusal is answered after this long. A script waits for its answers before it sends again, so
 * a flood slows to its parallelism per second instead of making this one event loop answer
 * thousands of refusals a second while people wait behind them (measured: 3,400 a second from
 * 100 parallel guessers, the student's p99 ×5.9). A person refused waits a second more.
 */
export const REFUSAL_DELAY_MS = 1_000
/** Refusals held at once per address; past them the connection is closed unanswered (the cheapest answer). */
export const HELD_REFUSALS_PER_ADDRESS = 500

type Kind = 'signIn' | 'stream'

/** Which valve a request passes through, if any. */
export function valveFor(method: string | undefined, url: string | undefined): Kind | null {
  const path = (url ?? '').split('?', 1)[0]!
  if (method === 'POST' && path === '/api/auth/callback/credentials') return 'signIn'
  if (method === 'GET' && /^\/api\/groups\/[^/]+\/events\/?$/.test(path)) return 'stream'
  return null
}

export interface FrontDoor {
  /** True when the request was answered here; otherwise it goes on to the app. */
  refuse(request: IncomingMessage, response: ServerResponse): Promise<boolean>
  /** Streams open now per address (for tests). */
  openStreams(address: string): number
  /** Refusals waiting to be answered per address (for tests). */
  heldRefusals(address: string): number
}

interface Limits {
  signIn: { points: number; duration: number }
  streamOpens: { points: number; duration: number }
  openStreams: number
  refusalDelayMs?: number
  heldRefusals?: number
}

export function frontDoor(limits: Limits = { ...FLOOD_LIMITS, openStreams: OPEN_STREAMS_PER_ADDRESS }): FrontDoor {
  const buckets: Record<Kind, RateLimiterMemory> = {
    signIn: new RateLimiterMemory({ keyPrefix: 'signIn', ...limits.signIn }),
    stream: new RateLimiterMemory({ keyPrefix: 'stream', ...limits.streamOpens }),
  }
  const open = new Map<string, number>()
  const held = new Map<string, number>()
  const delayMs = limits.refusalDelayMs ?? REFUSAL_DELAY_MS
  const heldAtMost = limits.heldRefusals ?? HELD_REFUSALS_PER_ADDRESS

  /** Answers a refusal a moment later, or closes the connection when the address has too many waiting. */
  function later(address: string, request: IncomingMessage, response: ServerResponse, answer: () => void) {
    const waiting = held.get(address) ?? 0
    if (waiting >= heldAtMost) return void request.socket.destroy()
    held.set(address, waiting + 1)
    let released = false
    const release = () => {
      if (released) return
      released = true
      const left = (held.get(address) ?? 1) - 1
      if (left > 0) held.set(address, left)
      else held.delete(address)
    }
    const timer = setTimeout(() => {
      release()
      if (!response.destroyed) answer()
    }, delayMs)
    response.once('close', () => (clearTimeout(timer), release()))
  }

  async function refuse(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const kind = valveFor(request.method, request.url)
    if (!kind) return false
    // The socket's own address, in the header client-address.ts reads (a client's value is overwritten).
    request.headers[PEER_HEADER] = request.socket.remoteAddress ?? ''
    const address = clientAddress(request.headers)
    const waitSeconds = await buckets[kind].consume(address).then(
      () => 0,
      (refused: unknown) =>
        refused instanceof RateLimiterRes ? Math.max(1, Math.ceil(refused.msBeforeNext / 1000)) : 1,
    )
    if (kind === 'stream' && !waitSeconds) {
      if ((open.get(address) ?? 0) >= limits.openStreams)
        return (later(address, request, response, () => answerStream(response, 30)), true)
      open.set(address, (open.get(address) ?? 0) + 1)
      response.once('close', () => {
        const left = (open.get(address) ?? 1) - 1
        if (left > 0) open.set(address, left)
        else open.delete(address)
      })
      return false
    }
    if (!waitSeconds) return false
    later(address, request, response, () =>
      kind === 'signIn' ? answerSignIn(request, response, waitSeconds) : answerStream(response, waitSeconds),
    )
    return true
  }

  return { refuse, openStreams: (address) => open.get(address) ?? 0, heldRefusals: (address) => held.get(address) ?? 0 }
}

const PRIVATE = { 'Cache-Control': 'private, no-store', 'Content-Type': 'application/json; charset=utf-8' }

/**
 * Refused the way next-auth refuses a sign-in (as app/api/auth/[...nextauth]/route.ts does): its client reads
 * the error from `{ url }`, so the form shows the sentence; a browser posting the form itself is
 * sent to the page that shows it.
 */
function answerSignIn(request: IncomingMessage, response: ServerResponse, seconds: number) {
  const url = refusedSignInUrl(
    `Too many sign-in attempts from your network. Please wait ${seconds} s and try again.`,
    request.headers.host,
  )
  const headers = { ...PRIVATE, 'Retry-After': String(seconds) }
  if (/text\/html/.test(request.headers.accept ?? '')) response.writeHead(303, { ...headers, Location: url }).end()
  else response.writeHead(429, headers).end(JSON.stringify({ url }))
}

function answerStream(response: ServerResponse, seconds: number) {
  response
    .writeHead(429, { ...PRIVATE, 'Retry-After': String(seconds) })
    .end(JSON.stringify({ error: 'Live updates were opened too often from your network; they resume in a moment.' }))
}
