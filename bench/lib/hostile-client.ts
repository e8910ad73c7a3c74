// HTTP for the hostile benchmark on node:http, with one connection pool for the normal user and
// another for the attacker, so the benchmark's own client never queues one behind the other.
import { Agent, request } from 'node:http'

export interface Answer {
  status: number
  ms: number
  body: string
  headers: Record<string, string | string[] | undefined>
}

export interface Client {
  send(
    method: string,
    path: string,
    options?: { headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number; signal?: AbortSignal },
  ): Promise<Answer>
  close(): void
}

/** Keeps at most `sockets` connections to `origin` (http://127.0.0.1:port). */
export function client(origin: string, sockets: number): Client {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets })
  const { hostname, port } = new URL(origin)
  return {
    send(method, path, options = {}) {
      return new Promise((resolve) => {
        const started = performance.now()
        const done = (status: number, body: string, headers: Answer['headers'] = {}) =>
          resolve({ status, ms: performance.now() - started, body, headers })
        const req = request(
          {
            host: hostname,
            port,
            method,
            path,
            agent,
            headers: options.headers,
            signal: options.signal,
            timeout: options.timeoutMs ?? 30_000,
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('end', () => done(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), res.headers))
            res.on('error', () => done(0, 'response error'))
          },
        )
        req.on('timeout', () => req.destroy(new Error('timed out')))
        // A refused or cut connection is an answer too: status 0.
        req.on('error', (error) => done(0, error.message))
        req.end(options.body)
      })
    },
    close() {
      agent.destroy()
    },
  }
}

/**
 * A POST whose body keeps coming (`total` bytes in 64 KiB chunks), chunked with no length, or with
 * `declared` its Content-Length announced: resolves with the status once the server answers, and
 * stops sending then.
 */
export function endlessBody(
  origin: string,
  path: string,
  headers: Record<string, string>,
  total: number,
  signal: AbortSignal,
  declared = false,
): Promise<number> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve) => {
    let answered = false
    let sent = 0
    const req = request(
      {
        host: hostname,
        port,
        method: 'POST',
        path,
        headers: {
          ...headers,
          ...(declared ? { 'content-length': String(total) } : { 'transfer-encoding': 'chunked' }),
        },
        agent: false,
        signal,
      },
      (res) => {
        answered = true
        res.resume()
        res.on('end', () => {
          req.destroy()
          resolve(res.statusCode ?? 0)
        })
      },
    )
    req.on('error', () => {
      if (!answered) resolve(0)
    })
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    const pump = () => {
      while (!answered && sent < total && !signal.aborted) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!answered && !signal.aborted) req.end()
    }
    pump()
  })
}

/** Counts of each status, as "201 × 12, 429 × 3". */
export function statusCounts(statuses: number[]): string {
  const counts = new Map<number, number>()
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1)
  return (
    [...counts.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([status, n]) => `${status === 0 ? 'no answer' : status} × ${n}`)
      .join(', ') || 'none'
  )
}
