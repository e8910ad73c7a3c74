// The attacks of the hostile benchmark, each run by an attacker process of its own
// (bench/lib/attacker.ts): a real attacker is not inside the student's client, and one event loop
// answering thousands of refusals a second would delay the student's own measurements.
import { DEMO_STUDENTS } from '../../prisma/demo-content'
import { endlessBody, statusCounts, type Answer, type Client } from './hostile-client'
import { hostileFiles, multipart } from './hostile-files'

/** What an attacker knows of the app: where it is, its own session, and its targets. */
export interface Target {
  url: string
  groupId: string
  sourceId: string
  attacker: string
  instructor: string
  /** A personal map of the attacker's with 2,000 nodes, for the export attack. */
  bigMapId: string
}

/** Runs `round` again and again until `stop`, collecting the statuses of everything it sent. */
async function rounds(stop: AbortSignal, round: () => Promise<number[]>): Promise<number[]> {
  const statuses: number[] = []
  while (!stop.aborted) statuses.push(...(await round()))
  return statuses
}

export interface Attack {
  name: string
  /** Made before the window opens (the hostile files take seconds to make). */
  prepare?: () => Promise<unknown>
  /** What the attacker did and got, for the notes. */
  run: (w: Target, http: Client, stop: AbortSignal, prepared: unknown) => Promise<string>
}

export function largeBackup(title: string, nodes: number) {
  const list = Array.from({ length: nodes }, (_, i) => ({
    id: `n${i}`,
    kind: (['CLAIM', 'EVIDENCE', 'BIAS', 'NOTE'] as const)[i % 4]!,
    label: `Point ${i} of an argument`,
    x: (i % 50) * 260,
    y: Math.floor(i / 50) * 140,
    citation: null,
  }))
  const relations = list
    .slice(1)
    .map((node, i) => ({ id: `r${i}`, fromId: node.id, toId: `n${i}`, kind: 'SUPPORTS' as const, label: '' }))
  return { format: 'colloquy-map', version: 1, title, kind: 'PERSONAL', nodes: list, relations }
}

export const ATTACKS: Attack[] = [
  {
    name: '10 parallel backup imports',
    run: async (w, http, stop) => {
      const body = JSON.stringify(largeBackup('Flood', 2_000))
      const headers = { cookie: w.attacker, 'content-type': 'application/json' }
      const statuses = await rounds(stop, async () =>
        (
          await Promise.all(
            Array.from({ length: 10 }, () =>
              http.send('POST', `/api/groups/${w.groupId}/maps/import`, { headers, body, timeoutMs: 120_000 }),
            ),
          )
        ).map((a) => a.status),
      )
      return `${Math.round(body.length / 1024)} KB backup of 2,000 nodes: ${statusCounts(statuses)}`
    },
  },
  {
    name: '4 large PNG exports',
    run: async (w, http, stop) => {
      const statuses = await rounds(stop, async () =>
        (
          await Promise.all(
            Array.from({ length: 4 }, () =>
              http.send('GET', `/api/maps/${w.bigMapId}/export?format=png`, {
                headers: { cookie: w.attacker },
                timeoutMs: 120_000,
              }),
            ),
          )
        ).map((a) => a.status),
      )
      return `PNG of a 2,000-node map: ${statusCounts(statuses)}`
    },
  },
  {
    name: '2,000 stream opens',
    run: async (w, http, stop) => {
      const opened: AbortController[] = []
      const statuses: number[] = []
      const open = () =>
        new Promise<number>((resolve) => {
          // The attacker keeps every stream it gets open until the window ends.
          const hangUp = new AbortController()
          void http
            .send('GET', `/api/groups/${w.groupId}/events`, {
              headers: { cookie: w.attacker, accept: 'text/event-stream' },
              signal: hangUp.signal,
              timeoutMs: 60_000,
            })
            .then((a) => resolve(a.status))
          opened.push(hangUp)
          // A stream that opened never ends by itself: its status arrives when the window closes.
          setTimeout(() => resolve(-1), 2_000)
        })
      for (let sent = 0; sent < 2_000 && !stop.aborted; sent += 100)
        statuses.push(...(await Promise.all(Array.from({ length: 100 }, open))))
      if (!stop.aborted) await new Promise((resolve) => stop.addEventListener('abort', resolve, { once: true }))
      for (const hangUp of opened) hangUp.abort()
      const held = statuses.filter((s) => s === -1).length
      return `${statuses.length} opens: ${held} held open, ${statusCounts(statuses.filter((s) => s !== -1))}`
    },
  },
  {
    name: '100 parallel sign-ins',
    run: async (w, http, stop) => {
      const csrf = await http.send('GET', '/api/auth/csrf')
      const cookie = ([] as string[])
        .concat(csrf.headers['set-cookie'] ?? [])
        .map((c) => c.split(';')[0])
        .join('; ')
      const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string }
      let n = 0
      const outcomes: string[] = []
      const guess = async (): Promise<number> => {
        const i = n++
        const email = i % 2 ? DEMO_STUDENTS[0]!.email : `guess-${i}@bench.test`
        const body = new URLSearchParams({ csrfToken, email, password: `guess number ${i}`, json: 'true' }).toString()
        const answer: Answer = await http.send('POST', '/api/auth/callback/credentials', {
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body,
          timeoutMs: 60_000,
        })
        // next-auth answers json=true with { url }, naming the error in it.
        const where = String(
          answer.headers['location'] ??
            (answer.body.startsWith('{') ? (JSON.parse(answer.body) as { url?: string }).url : ''),
        )
        const error = /error=([^&]+)/.exec(where)?.[1]
        outcomes.push(error ? decodeURIComponent(error).replace(/\d+/g, 'N') : String(answer.status))
        return answer.status
      }
      const statuses = await rounds(stop, () => Promise.all(Array.from({ length: 100 }, guess)))
      const kinds = new Map<string, number>()
      for (const outcome of outcomes) kinds.set(outcome, (kinds.get(outcome) ?? 0) + 1)
      return `${statuses.length} wrong guesses (half at the student's own account): ${[...kinds].map(([k, c]) => `“${k}” × ${c}`).join(', ')}`
    },
  },
  {
    name: 'endless request bodies',
    run: async (w, _http, stop) => {
      const origin = w.url
      const path = `/api/sources/${w.sourceId}/highlights`
      // Half chunked with no length, half announcing 32 MiB (under the front door's ceiling, so the
      // route itself refuses them); half signed in, half anonymous.
      const statuses = await rounds(stop, () =>
        Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            endlessBody(
              origin,
              path,
              { ...(i % 2 ? { cookie: w.attacker } : {}), 'content-type': 'application/json' },
              i % 4 < 2 ? 200 * 1024 * 1024 : 32 * 1024 * 1024,
              stop,
              i % 4 >= 2,
            ),
          ),
        ),
      )
      return `200 MiB chunked and 32 MiB announced bodies, 10 signed in and 10 anonymous at a time: ${statusCounts(statuses)}`
    },
  },
  {
    name: 'hostile uploads',
    prepare: hostileFiles,
    run: async (w, http, stop, prepared) => {
      const files = prepared as Awaited<ReturnType<typeof hostileFiles>>
      const bodies = files.map(multipart)
      const byFile = new Map<string, number[]>(files.map((f) => [f.label, []]))
      await rounds(stop, async () =>
        Promise.all(
          files.map(async (file, i) => {
            const { body, contentType } = bodies[i]!
            // Cut off when the window ends (a file can wait for its turn and then its 15 s budget).
            const answer = await http.send('POST', `/api/groups/${w.groupId}/sources/extract`, {
              headers: { cookie: w.instructor, 'content-type': contentType },
              body,
              timeoutMs: 120_000,
              signal: stop,
            })
            if (!stop.aborted) byFile.get(file.label)!.push(answer.status)
            return answer.status
          }),
        ),
      )
      return [...byFile].map(([label, statuses]) => `${label}: ${statusCounts(statuses)}`).join('; ')
    },
  },
]
