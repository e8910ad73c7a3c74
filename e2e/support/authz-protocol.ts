// Calls a server action over HTTP exactly as the browser does, and reads its Result back out of
// the React Server Components (Flight) response.
//
// Request: POST to any page path with `Next-Action: <id>`; the body is what React's
// `encodeReply(args)` sends for plain JSON-able arguments (the argument list as JSON, with strings
// that start with "$" escaped as "$$"). Next answers `text/x-component`: rows `<hex id>:<json>`
// separated by newlines, or `<hex id>:T<hex byte length>,<text>` for long strings. Row 0 holds
// `{ a: "$@1", … }`, a reference to the row with the action's return value. A page that does not
// hold the action forwards the request to one that does, without rendering any page.
import type { APIRequestContext } from '@playwright/test'

export type Failure = { ok: false; status: number; error: string; fieldErrors: Record<string, string> }
export type Result = { ok: true; data: unknown } | Failure

export interface ActionResponse {
  /** The HTTP status: 200 whenever the action ran, whatever its Result says. */
  httpStatus: number
  /** The action's return value, or null when the response held none (unknown action, refused request, crash). */
  result: Result | null
  body: string
}

/** Every action is posted to the home page, which holds none, so no page is rendered for it. */
const ACTION_PATH = '/'

/** React's encoding of plain JSON arguments: strings starting with "$" are escaped. */
function encodeReply(args: unknown[]): string {
  return JSON.stringify(args, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith('$') ? `$${value}` : value,
  )
}

export async function callAction(
  api: APIRequestContext,
  origin: string,
  actionId: string,
  input: unknown,
): Promise<ActionResponse> {
  const response = await api.post(ACTION_PATH, {
    headers: {
      'Next-Action': actionId,
      Origin: origin,
      Accept: 'text/x-component',
      'Content-Type': 'text/plain;charset=UTF-8',
    },
    data: encodeReply([input]),
    maxRedirects: 0,
  })
  const bytes = await response.body()
  const body = bytes.toString('utf8')
  const isFlight = (response.headers()['content-type'] ?? '').startsWith('text/x-component')
  return { httpStatus: response.status(), result: isFlight ? (decodeActionResult(bytes) as Result | null) : null, body }
}

/** Splits a Flight response into its rows, by id. */
function flightRows(bytes: Buffer): Map<string, string> {
  const rows = new Map<string, string>()
  let at = 0
  while (at < bytes.length) {
    const colon = bytes.indexOf(':', at)
    if (colon < 0) break
    const id = bytes.subarray(at, colon).toString('utf8')
    if (bytes[colon + 1] === 0x54 /* T */) {
      const comma = bytes.indexOf(',', colon)
      const length = parseInt(bytes.subarray(colon + 2, comma).toString('utf8'), 16)
      rows.set(id, JSON.stringify(bytes.subarray(comma + 1, comma + 1 + length).toString('utf8')))
      at = comma + 1 + length
    } else {
      const end = bytes.indexOf('\n', colon)
      const stop = end < 0 ? bytes.length : end
      rows.set(id, bytes.subarray(colon + 1, stop).toString('utf8'))
      at = stop + 1
    }
  }
  return rows
}

function decodeActionResult(bytes: Buffer): unknown {
  const rows = flightRows(bytes)
  const parsed = new Map<string, unknown>()
  const row = (id: string): unknown => {
    if (!parsed.has(id)) {
      const text = rows.get(id)
      if (text === undefined) throw new Error(`The action response has no row ${id}:\n${bytes.toString('utf8')}`)
      // "E{…}": the action threw, or Next refused to run it.
      if (text.startsWith('E')) return null
      if (/^[A-Z]/.test(text)) throw new Error(`The action response row ${id} is not a value (${text.slice(0, 200)})`)
      parsed.set(id, revive(JSON.parse(text)))
    }
    return parsed.get(id)
  }
  // "$$…" an escaped string, "$@1" / "$1" / "$1:a:b" a reference to (a path in) another row.
  const revive = (value: unknown): unknown => {
    if (typeof value === 'string' && value.startsWith('$')) {
      if (value.startsWith('$$')) return value.slice(1)
      if (value === '$undefined') return undefined
      if (value.startsWith('$D')) return value.slice(2)
      const reference = /^\$@?([0-9a-f]+)((?::[^:]+)*)$/.exec(value)
      if (!reference) throw new Error(`Unsupported Flight value ${value}`)
      let target = row(reference[1]!)
      for (const key of reference[2]!.split(':').slice(1)) target = (target as Record<string, unknown>)[key]
      return target
    }
    if (Array.isArray(value)) return value.map(revive)
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]))
    return value
  }
  const head = JSON.parse(rows.get('0') ?? 'null') as { a?: unknown } | null
  if (!head || !('a' in head)) throw new Error(`The action response has no result row:\n${bytes.toString('utf8')}`)
  return revive(head.a)
}
