// HTTP load with autocannon: a fixed number of connections for a fixed time, a generated body per
// request, to this machine only. Reports throughput, latency percentiles and every non-2xx answer.
import autocannon from 'autocannon'

export interface LoadOptions {
  /** http://127.0.0.1:<port> */
  origin: string
  path: string
  method?: 'GET' | 'POST'
  connections: number
  seconds: number
  headers?: Record<string, string>
  /** A body per request (POST). */
  nextBody?: () => string
  /**
   * Each connection's own path and headers (connection 0, 1, …), e.g. one signed-in writer per
   * connection; they replace `path` and add to `headers`.
   */
  perConnection?: (connection: number) => { path: string; headers?: Record<string, string> }
}

export interface LoadResult {
  requestsPerSecond: number
  p50: number
  p99: number
  requests: number
  non2xx: number
  /** Connection errors, timeouts included. */
  errors: number
  statusCodes: Record<string, number>
  /** Status and start of the body of the first non-2xx response. */
  firstFailure?: string
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { hostname } = new URL(options.origin)
  if (hostname !== '127.0.0.1' && hostname !== 'localhost')
    throw new Error(`Load goes to this machine only, not ${hostname}.`)
  let firstFailure: string | undefined
  let connectionsSeen = 0
  // autocannon deep-copies the request object for each connection and hands setupRequest a shallow
  // copy of that: `slot` is therefore one object per connection, the place to remember which it is.
  const request: autocannon.Request & { slot: { connection?: number } } = {
    method: options.method ?? 'POST',
    path: options.path,
    headers: { 'content-type': 'application/json', ...options.headers },
    slot: {},
    setupRequest: (built) => {
      if (options.nextBody) built = { ...built, body: options.nextBody() }
      if (options.perConnection) {
        const slot = (built as typeof request).slot
        const own = options.perConnection((slot.connection ??= connectionsSeen++))
        built = { ...built, path: own.path, headers: { ...built.headers, ...own.headers } }
      }
      return built
    },
    onResponse: (status, body) => {
      if ((status < 200 || status > 299) && firstFailure === undefined)
        firstFailure = `HTTP ${status}: ${body.slice(0, 300)}`
    },
  }
  const result = await autocannon({
    url: options.origin,
    connections: options.connections,
    duration: options.seconds,
    requests: [request],
  })
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
  )
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
    firstFailure,
  }
}

/** What makes a run's figures untrustworthy: any non-2xx answer or connection error, or no answer at all. */
export function problemsOf(label: string, run: LoadResult): string[] {
  if (run.non2xx === 0 && run.errors === 0 && run.requests > 0) return []
  const codes = Object.entries(run.statusCodes)
    .map(([code, count]) => `${code}×${count}`)
    .join(', ')
  return [
    `${label}: ${run.non2xx} non-2xx and ${run.errors} connection errors in ${run.requests} requests (${codes}); first: ${run.firstFailure ?? 'none'}`,
  ]
}
