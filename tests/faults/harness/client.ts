// What a browser does, over plain HTTP: sign in through next-auth, keep the session cookie,
// create highlights through the JSON route and call server actions the way Next's client does.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_PASSWORD } from '@/prisma/demo-content'

export interface Session {
  baseUrl: string
  cookie: string
}

/** The answer to one request; `status` 0 means no answer at all (connection refused or cut, or timed out). */
export interface Outcome {
  status: number
  body: unknown
  retryAfter: string | null
  startedAt: number
  ms: number
  failure?: string
}

function cookiesOf(response: Response, jar: Map<string, string>) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';')
    const at = pair!.indexOf('=')
    jar.set(pair!.slice(0, at), pair!.slice(at + 1))
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')

/** Signs in with email and password through next-auth's credentials callback, as the sign-in form does. */
export async function signIn(baseUrl: string, email: string): Promise<Session> {
  const jar = new Map<string, string>()
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { signal: AbortSignal.timeout(15_000) })
  cookiesOf(csrf, jar)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const callback = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, callbackUrl: baseUrl, json: 'true' }),
    signal: AbortSignal.timeout(15_000),
  })
  cookiesOf(callback, jar)
  const token = [...jar.keys()].find((name) => name.endsWith('next-auth.session-token'))
  if (!token) throw new Error(`Signing in ${email} gave no session cookie (status ${callback.status}).`)
  const session = { baseUrl, cookie: `${token}=${jar.get(token)}` }
  const check = (await (
    await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie: session.cookie } })
  ).json()) as { user?: { email?: string } }
  if (check.user?.email !== email) throw new Error(`The session cookie of ${email} is not accepted.`)
  return session
}

let pending = 0

/** Requests sent and not yet answered. */
export const inFlight = () => pending

async function send(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  read: (response: Response) => Promise<unknown>,
): Promise<Outcome> {
  const startedAt = Date.now()
  pending++
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    const body = await read(response)
    return {
      status: response.status,
      body,
      retryAfter: response.headers.get('retry-after'),
      startedAt,
      ms: Date.now() - startedAt,
    }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause
    return {
      status: 0,
      body: null,
      retryAfter: null,
      startedAt,
      ms: Date.now() - startedAt,
      failure: cause?.code ?? (error as Error).name,
    }
  } finally {
    pending--
  }
}

export function postJson(session: Session, path: string, body: unknown, timeoutMs: number): Promise<Outcome> {
  return send(
    `${session.baseUrl}${path}`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', cookie: session.cookie },
      body: JSON.stringify(body),
    },
    timeoutMs,
    async (response) => (await response.text().then((text) => (text ? JSON.parse(text) : null))) as unknown,
  )
}

export interface ServerAction {
  id: string
  /** The page route that serves it, with [param] placeholders. */
  route: string
}

/** Finds a server action's id in the build, as the browser bundle has it. */
export function serverAction(filename: string, exportedName: string): ServerAction {
  const manifest = JSON.parse(readFileSync(join('.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>
  }
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === filename && entry.exportedName === exportedName,
  )
  if (!found) throw new Error(`No server action ${exportedName} in ${filename} in this build.`)
  const worker = Object.keys(found[1].workers)[0]!
  return { id: found[0], route: worker.replace(/^app/, '').replace(/\/page$/, '') }
}

/**
 * Calls a server action over HTTP as Next's client does (POST to its page with the action id),
 * and reads the Result it returned out of the React Server Components answer.
 */
export function callAction(
  session: Session,
  action: ServerAction,
  params: Record<string, string>,
  input: unknown,
  timeoutMs: number,
): Promise<Outcome> {
  const path = action.route.replace(/\[(\w+)\]/g, (_, name: string) => params[name] ?? `[${name}]`)
  return send(
    `${session.baseUrl}${path}`,
    {
      method: 'POST',
      headers: {
        'Next-Action': action.id,
        'Content-Type': 'text/plain;charset=UTF-8',
        Accept: 'text/x-component',
        Origin: session.baseUrl,
        cookie: session.cookie,
      },
      body: JSON.stringify([input]),
    },
    timeoutMs,
    async (response) => {
      const text = await response.text()
      // Row 1 of the flight answer is the action's return value.
      const row = text.split('\n').find((line) => line.startsWith('1:'))
      return row ? (JSON.parse(row.slice(2)) as unknown) : text
    },
  )
}
