// Floods from one address meet the front door (lib/front-door) of the real production server
// (`next start`): sign-in guesses past the address's allowance, stream opens past its share and
// bodies without a length are answered there (refusals a second late, so a flood slows itself),
// while a signed-in student keeps reading and tagging.
import { request } from 'node:http'
import { afterEach, expect, it } from 'vitest'
import { FLOOD_LIMITS, REFUSAL_DELAY_MS } from '@/lib/front-door/floods'
import { postJson, signIn } from './harness/client'
import { cleanUp, passagesOf, sleep, startScenario } from './harness/scenario'

afterEach(cleanUp)

const FLOOD_MS = 6_000

/** One plain HTTP request: its status, body and time, with nothing pooled or retried. */
function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: Record<string, unknown>; ms: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers, ms: performance.now() - started }),
      )
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

it('answers a sign-in flood at the front door in next-auth’s words while a student keeps working', async () => {
  const { db, apps } = await startScenario('floods', ['app'])
  const app = apps[0]!
  const alex = await signIn(app.url, 'alex@colloquy.test')
  const source = db.seminar.sources[0]!
  const passages = passagesOf(source.text)

  const csrf = await send(`${app.url}/api/auth/csrf`, {})
  const cookie = ([] as string[])
    .concat((csrf.headers['set-cookie'] as string[]) ?? [])
    .map((c) => c.split(';')[0])
    .join('; ')
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string }
  const statuses = new Map<number, number>()
  let refusal = ''
  let retryAfter = ''
  let quickestRefusal = Infinity
  const stop = Date.now() + FLOOD_MS
  const guesser = async (n: number) => {
    for (let i = 0; Date.now() < stop; i++) {
      const body = new URLSearchParams({
        csrfToken,
        email: `flood-${n}-${i}@guess.test`,
        password: 'wrong guess',
        json: 'true',
      }).toString()
      const answer = await send(`${app.url}/api/auth/callback/credentials`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      })
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
      if (answer.status === 429) {
        quickestRefusal = Math.min(quickestRefusal, answer.ms)
        refusal = new URL((JSON.parse(answer.body) as { url: string }).url).searchParams.get('error') ?? ''
        retryAfter = String(answer.headers['retry-after'])
      }
    }
  }
  const student = async () => {
    const times: number[] = []
    for (let i = 0; Date.now() < stop; i++) {
      const page = await send(`${app.url}/groups/${db.seminar.groupId}/sources/${source.id}`, {
        headers: { cookie: alex.cookie },
      })
      expect(page.status).toBe(200)
      const made = await postJson(
        alex,
        `/api/sources/${source.id}/highlights`,
        { ...passages[i % passages.length]!, tag: 'CLAIM' },
        15_000,
      )
      expect(made.status).toBe(201)
      times.push(page.ms, made.ms)
      await sleep(100)
    }
    return times
  }
  const [times] = await Promise.all([student(), ...Array.from({ length: 100 }, (_, n) => guesser(n))])
  const refused = statuses.get(429) ?? 0
  // next-auth answers a wrong password with 401; whatever it answered, it was reached.
  const passed = [...statuses].filter(([status]) => status !== 429).reduce((sum, [, n]) => sum + n, 0)
  console.log(
    `[faults] sign-in flood: ${[...statuses].map(([s, n]) => `${s} × ${n}`).join(', ')}; the student's slowest of ${times.length} requests ${Math.round(Math.max(...times))} ms`,
  )
  // Only the address's allowance per 10 s reached next-auth (its windows may start and end inside the flood).
  expect(passed).toBeLessThanOrEqual(
    FLOOD_LIMITS.signIn.points * (Math.ceil(FLOOD_MS / (FLOOD_LIMITS.signIn.duration * 1000)) + 1),
  )
  // The rest were refused at the door, each a second later: 100 guessers slowed to 100 guesses a second.
  expect(refused).toBeGreaterThan(passed)
  expect(quickestRefusal).toBeGreaterThanOrEqual(REFUSAL_DELAY_MS - 50)
  expect(refused).toBeLessThanOrEqual(100 * Math.ceil(FLOOD_MS / REFUSAL_DELAY_MS))
  expect(refusal).toMatch(/^Too many sign-in attempts from your network\. Please wait \d+ s and try again\.$/)
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
  // A sanity bound on a shared machine; `npm run bench -- hostile` measures the figure itself.
  expect(Math.max(...times)).toBeLessThan(5_000)
})

it('refuses stream opens past an address’s share, and bodies without a length, before the app reads them', async () => {
  const { db, apps } = await startScenario('floods', ['app'])
  const app = apps[0]!
  const alex = await signIn(app.url, 'alex@colloquy.test')
  const events = `${app.url}/api/groups/${db.seminar.groupId}/events`

  // Opens past the address's allowance in 10 s are refused at the door, with a wait to retry after.
  const opens = await Promise.all(
    Array.from(
      { length: FLOOD_LIMITS.streamOpens.points + 40 },
      () =>
        new Promise<string>((resolve) => {
          const req = request(
            events,
            { headers: { cookie: alex.cookie, accept: 'text/event-stream' }, agent: false },
            (res) => {
              if (res.statusCode === 200) {
                req.destroy()
                return resolve('open')
              }
              let body = ''
              res.on('data', (c: Buffer) => (body += c.toString()))
              res.on('end', () => resolve(`${res.statusCode} ${(JSON.parse(body) as { error: string }).error}`))
            },
          )
          req.on('error', () => resolve('no answer'))
          req.end()
        }),
    ),
  )
  const kinds = new Map<string, number>()
  for (const outcome of opens) kinds.set(outcome, (kinds.get(outcome) ?? 0) + 1)
  console.log(`[faults] stream opens: ${[...kinds].map(([k, n]) => `“${k}” × ${n}`).join(', ')}`)
  // Past the address's allowance: the front door. Within it, the app's own cap per person.
  expect(kinds.get('429 Live updates were opened too often from your network; they resume in a moment.')).toBe(40)
  expect([...kinds.keys()].filter((k) => !k.startsWith('429 ') && k !== 'open')).toEqual([])

  // A chunked body is refused unread, whatever the route.
  const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      `${app.url}/api/sources/${db.seminar.sources[0]!.id}/highlights`,
      {
        method: 'POST',
        headers: { cookie: alex.cookie, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        agent: false,
      },
      (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.write('{"start": 0,')
  })
  expect(chunked.status).toBe(411)
  expect(JSON.parse(chunked.body)).toEqual({
    error: 'Send the request with its Content-Length: a body of unknown length is not accepted.',
  })
})
