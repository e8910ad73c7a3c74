// The front door (lib/front-door) on a real node:http server, with a plain handler standing where
// Next.js stands behind it in the app (lib/front-door/install.ts): what it answers itself, and what
// it hands on.
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { keepAnswerable, MAX_REQUEST_BYTES, refuseBody } from '@/lib/front-door/bodies'
import { frontDoor, valveFor } from '@/lib/front-door/floods'

let server: Server | undefined
afterEach(
  () =>
    new Promise<void>((resolve) =>
      server ? (server.closeAllConnections(), server.close(() => resolve())) : resolve(),
    ),
)

/** The front door before a handler that answers at once, reading nothing: as a route that refuses before reading. */
/** Allowances small enough to reach in a test: five sign-ins and five stream opens in 10 s, three streams open. */
const SMALL = { signIn: { points: 5, duration: 10 }, streamOpens: { points: 5, duration: 10 }, openStreams: 3 }

async function serve(limits?: Parameters<typeof frontDoor>[0]): Promise<{ url: string; handled: () => number }> {
  const door = frontDoor(limits)
  let handled = 0
  server = createServer((req, res) => {
    if (refuseBody(req, res)) return
    keepAnswerable(req, res)
    void door.refuse(req, res).then((answered) => {
      if (answered) return
      handled++
      res.writeHead(req.url?.includes('/events') ? 200 : 401, { 'content-type': 'application/json' })
      if (req.url?.includes('/events')) res.write(': open\n\n')
      else res.end('{"error":"Sign in first."}')
    })
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, handled: () => handled }
}

function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

describe('which requests meet a valve', () => {
  it('sign-in posts and live-stream opens, nothing else', () => {
    expect(valveFor('POST', '/api/auth/callback/credentials')).toBe('signIn')
    expect(valveFor('POST', '/api/auth/callback/credentials?x=1')).toBe('signIn')
    expect(valveFor('GET', '/api/auth/callback/credentials')).toBeNull()
    expect(valveFor('GET', '/api/groups/g1/events')).toBe('stream')
    expect(valveFor('GET', '/api/groups/g1/events?after=12')).toBe('stream')
    expect(valveFor('POST', '/api/groups/g1/events')).toBeNull()
    expect(valveFor('GET', '/api/groups/g1/events/x')).toBeNull()
    expect(valveFor('GET', '/groups/g1')).toBeNull()
    expect(valveFor('POST', '/api/sources/s1/highlights')).toBeNull()
  })
})

describe('sign-in floods', () => {
  it('hand on the allowance, then answer in next-auth’s shape: JSON { url } for its client, a redirect for a form', async () => {
    const { url, handled } = await serve(SMALL)
    const post = (accept?: string) =>
      send(`${url}/api/auth/callback/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(accept ? { accept } : {}) },
        body: 'email=a%40b.c&password=x&json=true',
      })
    for (let i = 0; i < 5; i++) expect((await post()).status).toBe(401)
    expect(handled()).toBe(5)
    const refused = await post()
    expect(refused.status).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(refused.headers['cache-control']).toBe('private, no-store')
    const error = new URL((JSON.parse(refused.body) as { url: string }).url).searchParams.get('error')
    expect(error).toMatch(/^Too many sign-in attempts from your network\. Please wait \d+ s and try again\.$/)
    const form = await post('text/html,application/xhtml+xml')
    expect(form.status).toBe(303)
    expect(new URL(String(form.headers['location'])).pathname).toBe('/api/auth/error')
    expect(handled()).toBe(5)
  })
})

describe('floods', () => {
  it('wait for their refusals, so a script slows to its parallelism per second; past what an address may have waiting, the connection closes unanswered', async () => {
    const { url, handled } = await serve({
      ...SMALL,
      refusalDelayMs: 400,
      heldRefusals: 20,
    })
    const post = async () => {
      const started = performance.now()
      const answer = await send(`${url}/api/auth/callback/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=a%40b.c&password=x',
      }).catch(() => ({ status: 0 }))
      return { status: answer.status, ms: performance.now() - started }
    }
    const outcomes = await Promise.all(Array.from({ length: 30 }, post))
    const count = (status: number) => outcomes.filter((o) => o.status === status).length
    expect({ handed: count(401), refused: count(429), closed: count(0) }).toEqual({ handed: 5, refused: 20, closed: 5 })
    expect(handled()).toBe(5)
    for (const refused of outcomes.filter((o) => o.status === 429)) expect(refused.ms).toBeGreaterThanOrEqual(390)
    for (const closed of outcomes.filter((o) => o.status === 0)) expect(closed.ms).toBeLessThan(300)
  })
})

describe('live streams', () => {
  it('an address holds a bounded number open at once, and a closed one frees its place', async () => {
    const { url } = await serve({ ...SMALL, streamOpens: { points: 50, duration: 10 } })
    const held: (() => void)[] = []
    const open = () =>
      new Promise<number>((resolve) => {
        const req = request(`${url}/api/groups/g1/events`, { agent: false }, (res) => {
          if (res.statusCode === 200) held.push(() => req.destroy())
          else res.resume()
          resolve(res.statusCode ?? 0)
        })
        req.end()
      })
    expect([await open(), await open(), await open()]).toEqual([200, 200, 200])
    expect(await open()).toBe(429)
    held.shift()!()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await open()).toBe(200)
    for (const close of held) close()
  })

  it('opens past the allowance are refused', async () => {
    const { url } = await serve({ ...SMALL, streamOpens: { points: 2, duration: 10 }, openStreams: 100 })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      statuses.push(
        await new Promise<number>((resolve) => {
          const req = request(`${url}/api/groups/g1/events`, { agent: false }, (res) => {
            resolve(res.statusCode ?? 0)
            req.destroy()
          })
          req.end()
        }),
      )
    }
    expect(statuses).toEqual([200, 200, 429, 429])
  })
})

describe('request bodies', () => {
  it('without a length, or longer than any route takes, are refused before the app sees them', async () => {
    const { url, handled } = await serve()
    const chunked = await new Promise<{ status: number; body: string }>((resolve) => {
      const req = request(
        `${url}/api/x`,
        { method: 'POST', headers: { 'transfer-encoding': 'chunked' }, agent: false },
        (res) => {
          let body = ''
          res.on('data', (c: Buffer) => (body += c.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
        },
      )
      req.on('error', () => {})
      req.write('{"a":')
    })
    expect(chunked).toEqual({
      status: 411,
      body: JSON.stringify({
        error: 'Send the request with its Content-Length: a body of unknown length is not accepted.',
      }),
    })
    // Next hands a server action on to its page as a stream: let through to pages, never to the API.
    const streamed = (path: string) =>
      new Promise<number>((resolve) => {
        const req = request(
          `${url}${path}`,
          { method: 'POST', headers: { 'transfer-encoding': 'chunked', 'x-action-forwarded': '1' }, agent: false },
          (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          },
        )
        req.on('error', () => {})
        req.end('["a"]')
      })
    expect(await streamed('/sign-up')).toBe(401)
    expect(await streamed('/api/x')).toBe(411)
    expect(handled()).toBe(1)
    const enormous = await send(`${url}/api/x`, {
      method: 'POST',
      headers: { 'content-length': String(MAX_REQUEST_BYTES + 1) },
    }).catch(() => ({ status: 0 }))
    expect(enormous.status).toBe(413)
    expect(handled()).toBe(1)
  })

  it('small, answered before they were read, keep their connection for the next request', async () => {
    const { url } = await serve()
    const { Agent } = await import('node:http')
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const sockets = new Set<unknown>()
    for (let i = 0; i < 3; i++) {
      const answer = await new Promise<{ status: number; connection: unknown }>((resolve, reject) => {
        const req = request(
          `${url}/api/x`,
          { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '20' }, agent },
          (res) => {
            res.resume()
            res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }))
          },
        )
        req.on('socket', (socket) => sockets.add(socket))
        req.on('error', reject)
        // Headers first, the body a moment later: the answer comes before the body is read.
        req.flushHeaders()
        setTimeout(() => req.end('{"start":0,"end":9} '), 50)
      })
      expect(answer).toEqual({ status: 401, connection: 'keep-alive' })
    }
    expect(sockets.size).toBe(1)
    agent.destroy()
  })

  it('answered early, reach a client that asked to close and is still sending (no reset in place of the answer)', async () => {
    const { url } = await serve()
    // The client in a process of its own, as a script would be: in one process the race never shows.
    const client = `
      const http = require('node:http')
      const total = 32 * 1024 * 1024
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const once = () => new Promise((resolve) => {
        let sent = 0
        let answered = false
        const req = http.request(${JSON.stringify(`${url}/api/x`)}, { method: 'POST', headers: { 'content-length': String(total) }, agent: false }, (res) => {
          answered = true
          let body = ''
          res.on('data', (c) => (body += c))
          res.on('end', () => (req.destroy(), resolve(res.statusCode + ' ' + body)))
        })
        req.on('error', (error) => answered || resolve(error.code))
        const pump = () => {
          while (!answered && sent < total) {
            sent += chunk.length
            if (!req.write(chunk)) return void req.once('drain', pump)
          }
          if (!answered) req.end()
        }
        pump()
      })
      ;(async () => { const outcomes = []; for (let i = 0; i < 8; i++) outcomes.push(await once()); console.log(JSON.stringify(outcomes)) })()
    `
    const { execFile } = await import('node:child_process')
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['-e', client], { timeout: 60_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      ),
    )
    expect(JSON.parse(output)).toEqual(Array(8).fill('401 {"error":"Sign in first."}'))
  }, 90_000)

  it('large, still arriving after the answer, are not read on: the connection closes', async () => {
    const { url } = await serve()
    const total = MAX_REQUEST_BYTES + 1024 * 1024
    const outcome = await new Promise<{ status: number; sent: number; closed: boolean; connection: unknown }>(
      (resolve) => {
        let sent = 0
        let status = 0
        let connection: unknown
        const req = request(
          `${url}/api/x`,
          { method: 'POST', headers: { 'content-length': String(total) }, agent: false },
          (res) => {
            status = res.statusCode ?? 0
            connection = res.headers.connection
            res.resume()
          },
        )
        const chunk = Buffer.alloc(64 * 1024, 0x20)
        // The client keeps sending after the answer, as a script would, until the server closes on it.
        const pump = () => {
          while (sent < total) {
            sent += chunk.length
            if (!req.write(chunk)) return void req.once('drain', pump)
          }
        }
        req.on('close', () => resolve({ status, sent, closed: true, connection }))
        req.on('error', () => {})
        pump()
      },
    )
    expect(outcome.status).toBe(413)
    expect(outcome.closed).toBe(true)
    expect(outcome.sent).toBeLessThan(total)
  })
})
