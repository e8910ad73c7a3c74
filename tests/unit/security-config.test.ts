// Security settings that the end-to-end server cannot show: it runs on plain http://localhost, so
// the Secure cookie rule for https deployments, the development-only CSP relaxation and the
// cross-site guard of the route handlers are checked here, through next-auth's own handler and
// the real Next configuration.
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { NextRequest } from 'next/server'
import { dirname, join } from 'node:path'
import type { AuthOptions } from 'next-auth'
import { encode } from 'next-auth/jwt'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { endSession, startSession } from '@/lib/auth/server-sessions'
import { decodeSessionToken } from '@/lib/auth/session-token'
import { db } from '@/lib/db'
import { toFailure } from '@/lib/errors'
import { authOptions } from '@/lib/auth/options'
import { newNonce, pagePolicy } from '@/lib/content-security-policy'
import { assertSameOrigin, CROSS_SITE_MESSAGE, readJson } from '@/lib/http'

type CookieOut = {
  name: string
  value: string
  options: { httpOnly?: boolean; secure?: boolean; sameSite?: string; path?: string }
}
type AuthResponse = { status?: number; cookies?: CookieOut[]; redirect?: string }
type InternalRequest = {
  action: string
  method: string
  providerId?: string
  cookies?: Record<string, string>
  headers?: Record<string, string>
  body?: Record<string, string>
  query?: Record<string, string>
}

// next-auth's request core (what its route handler runs after reading Next's request), loaded by
// file because the package does not export it: it lets a test see the cookies it would set.
const require = createRequire(import.meta.url)
const { AuthHandler } = require(join(dirname(require.resolve('next-auth')), 'core/index.js')) as {
  AuthHandler: (params: { req: InternalRequest; options: AuthOptions }) => Promise<AuthResponse>
}

const HTTPS_URL = 'https://colloquy.example.org'
const HTTP_URL = 'http://localhost:3000'

function serveAt(url: string) {
  vi.stubEnv('NEXTAUTH_URL', url)
  return { host: new URL(url).host, 'x-forwarded-proto': new URL(url).protocol.replace(':', '') }
}

afterEach(() => {
  vi.unstubAllEnvs()
})

/** The cookie of a real session: an account, its session row, and next-auth's token naming both. */
async function sessionJwt() {
  const user = await db.user.create({
    data: { name: 'Ada', email: `ada-${randomBytes(4).toString('hex')}@example.org`, passwordHash: 'unused' },
  })
  return encode({
    token: { sub: user.id, sid: await startSession(user.id), name: 'Ada', email: user.email },
    secret: process.env.AUTH_SECRET!,
  })
}

/** next-auth's session route, asked behind `url` with a fresh session's token in the cookie `name`. */
async function askSession(url: string, name: string) {
  const headers = serveAt(url)
  const token = await sessionJwt()
  return AuthHandler({
    req: { action: 'session', method: 'GET', headers, cookies: { [name]: token } },
    options: authOptions,
  })
}

describe('session and CSRF cookies', () => {
  /** A cookie as next-auth is told to set it: HttpOnly, SameSite=Lax, site-wide, Secure or not. */
  const cookie = (name: string, secure: boolean) => ({
    name,
    options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
  })
  /** The cookie settings of an app served at `url`, checked to use Secure cookies or not. */
  const cookiesAt = (url: string, secure: boolean) => {
    serveAt(url)
    expect(authOptions.useSecureCookies).toBe(secure)
    return authOptions.cookies!
  }

  it('are Secure, HttpOnly, SameSite=Lax and carry the __Secure- / __Host- prefix when served over https', () => {
    const cookies = cookiesAt(HTTPS_URL, true)
    expect(cookies.sessionToken).toEqual(cookie('__Secure-next-auth.session-token', true))
    expect(cookies.csrfToken).toEqual(cookie('__Host-next-auth.csrf-token', true))
    expect(cookies.callbackUrl?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true })
  })

  it('stay HttpOnly and SameSite=Lax without Secure on plain http, where a Secure cookie would never come back', () => {
    const cookies = cookiesAt(HTTP_URL, false)
    expect(cookies.sessionToken).toEqual(cookie('next-auth.session-token', false))
    expect(cookies.csrfToken).toEqual(cookie('next-auth.csrf-token', false))
  })

  it('next-auth itself sets the CSRF cookie as __Host-, Secure, HttpOnly, Lax behind https', async () => {
    const headers = serveAt(HTTPS_URL)
    const response = await AuthHandler({
      req: { action: 'csrf', method: 'GET', headers, cookies: {} },
      options: authOptions,
    })
    const csrf = response.cookies?.find((c) => c.name.endsWith('next-auth.csrf-token'))
    expect(csrf?.name).toBe('__Host-next-auth.csrf-token')
    expect(csrf?.options).toMatchObject({ httpOnly: true, secure: true, sameSite: 'lax', path: '/' })
  })

  it('next-auth itself renews the session cookie as __Secure-, Secure, HttpOnly, Lax behind https', async () => {
    const response = await askSession(HTTPS_URL, '__Secure-next-auth.session-token')
    const session = response.cookies?.find((c) => c.name.endsWith('next-auth.session-token'))
    expect(session?.name).toBe('__Secure-next-auth.session-token')
    expect(session?.value).toBeTruthy()
    expect(session?.options).toMatchObject({ httpOnly: true, secure: true, sameSite: 'lax', path: '/' })
  })

  it('next-auth’s own session route refuses the cookie of a session ended on the server, and clears it', async () => {
    const headers = serveAt(HTTP_URL)
    const token = await sessionJwt()
    const session = (await decodeSessionToken({ token, secret: process.env.AUTH_SECRET! }))!
    const ask = () =>
      AuthHandler({
        req: { action: 'session', method: 'GET', headers, cookies: { 'next-auth.session-token': token } },
        options: authOptions,
      })
    expect(((await ask()) as { body?: { user?: { id?: string } } }).body?.user?.id).toBe(session.sub)
    await endSession(session.sid as string)
    const refused = (await ask()) as AuthResponse & { body?: unknown }
    expect(refused.body).toEqual({})
    expect(refused.cookies?.find((c) => c.name === 'next-auth.session-token')?.value).toBe('')
    // A cookie from before sessions were kept on the server names none, and is no session either.
    const old = await encode({ token: { sub: session.sub, name: 'Ada' }, secret: process.env.AUTH_SECRET! })
    const oldRefused = (await AuthHandler({
      req: { action: 'session', method: 'GET', headers, cookies: { 'next-auth.session-token': old } },
      options: authOptions,
    })) as { body?: unknown }
    expect(oldRefused.body).toEqual({})
  })

  it('behind https a session cookie without the prefix (as a plain-http page or a sibling sub-domain could set) is not a session', async () => {
    const response = await askSession(HTTPS_URL, 'next-auth.session-token')
    expect(response.cookies?.find((c) => c.name.endsWith('next-auth.session-token'))).toBeUndefined()
  })

  it('a credentials sign-in without the CSRF token is turned back before any password is checked', async () => {
    const headers = serveAt(HTTP_URL)
    const response = await AuthHandler({
      req: {
        action: 'callback',
        providerId: 'credentials',
        method: 'POST',
        headers,
        cookies: {},
        body: { email: 'ada@example.org', password: 'whatever-it-is' },
      },
      options: authOptions,
    })
    expect(response.redirect).toMatch(/\/api\/auth\/signin\?csrf=true$/)
    expect(response.cookies?.some((c) => c.name.endsWith('next-auth.session-token'))).toBeFalsy()
  })
})

describe('security headers of the Next configuration', () => {
  async function headersFor(nodeEnv: string) {
    vi.stubEnv('NODE_ENV', nodeEnv)
    vi.resetModules()
    // By URL: the config is plain JavaScript, outside what TypeScript checks.
    const configUrl = new URL('../../next.config.js', import.meta.url).href
    const { default: config } = (await import(/* @vite-ignore */ configUrl)) as {
      default: { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> }
    }
    const rules = await config.headers()
    const of = (source: string) =>
      new Map(rules.find((rule) => rule.source === source)?.headers.map((h) => [h.key.toLowerCase(), h.value]))
    return { all: of('/:path*'), api: of('/api/:path*'), assets: of('/_next/:path*') }
  }

  it('in production: nosniff, DENY and a referrer policy on every path, and for the API and static files a CSP without inline scripts or eval', async () => {
    const { all, api, assets } = await headersFor('production')
    expect(all.get('x-content-type-options')).toBe('nosniff')
    expect(all.get('x-frame-options')).toBe('DENY')
    expect(all.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    // Pages get theirs, with a nonce, from proxy.ts: two policies on one page would both apply.
    expect(all.has('content-security-policy')).toBe(false)
    for (const csp of [api.get('content-security-policy')!, assets.get('content-security-policy')!]) {
      expect(csp).toContain("default-src 'self'")
      expect(csp).toMatch(/script-src 'self'(;|$)/)
      expect(csp).not.toContain('unsafe-eval')
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).toContain("base-uri 'self'")
    }
  })

  it('allows eval in development only, for hot reload', async () => {
    expect((await headersFor('development')).api.get('content-security-policy')).toContain("'unsafe-eval'")
    expect(pagePolicy('n0nce', false)).toContain("'unsafe-eval'")
  })

  it('proxy.ts hands each page a policy with a fresh nonce, for Next (request) and the browser (response), and HSTS over https only', async () => {
    const { proxy } = await import('../../proxy')
    vi.stubEnv('NEXTAUTH_URL', HTTP_URL)
    const plain = proxy(new NextRequest(`${HTTP_URL}/dashboard`))
    const policy = plain.headers.get('content-security-policy')!
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='/)
    // Next reads the nonce from the request's copy of the policy (x-middleware-request-*).
    expect(plain.headers.get('x-middleware-request-content-security-policy')).toBe(policy)
    expect(plain.headers.get('strict-transport-security')).toBeNull()
    expect(proxy(new NextRequest(`${HTTP_URL}/dashboard`)).headers.get('content-security-policy')).not.toBe(policy)

    vi.stubEnv('NEXTAUTH_URL', HTTPS_URL)
    expect(proxy(new NextRequest(`${HTTPS_URL}/dashboard`)).headers.get('strict-transport-security')).toBe(
      'max-age=63072000; includeSubDomains',
    )
    // Behind a TLS proxy that reaches the app over http, the public address still says https.
    expect(proxy(new NextRequest('http://10.0.0.7:3000/dashboard')).headers.get('strict-transport-security')).toBe(
      'max-age=63072000; includeSubDomains',
    )
  })

  it('gives pages scripts from the app itself and inline scripts with this response’s nonce only: no unsafe-inline, no strict-dynamic', () => {
    const [first, second] = [newNonce(), newNonce()]
    expect(first).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(second).not.toBe(first)
    const csp = pagePolicy(first, true)
    const scripts = csp.split('; ').find((directive) => directive.startsWith('script-src '))
    expect(scripts).toBe(`script-src 'self' 'nonce-${first}'`)
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
  })
})

describe('the cross-site guard of state-changing route handlers', () => {
  const post = (headers: Record<string, string>) =>
    new Request('http://localhost:3000/api/sources/s1/highlights', { method: 'POST', headers })
  const refusal = (request: Request) => {
    try {
      assertSameOrigin(request)
      return null
    } catch (error) {
      return toFailure(error)
    }
  }

  it('refuses another site, a sibling sub-domain, an opaque origin and Sec-Fetch-Site: cross-site with 403', () => {
    serveAt(HTTP_URL)
    const crossSite: Record<string, string>[] = [
      { host: 'localhost:3000', origin: 'https://evil.example' },
      { host: 'localhost:3000', origin: 'http://localhost:3001' },
      { host: 'localhost:3000', origin: 'null' },
      { host: 'localhost:3000', 'sec-fetch-site': 'cross-site' },
      { host: 'localhost:3000', 'sec-fetch-site': 'same-site', origin: 'http://localhost:3000' },
    ]
    for (const headers of crossSite) {
      expect(refusal(post(headers)), JSON.stringify(headers)).toMatchObject({ status: 403, error: CROSS_SITE_MESSAGE })
    }
  })

  it('lets the app’s own pages through, by Host or by the public address, and scripts that send no Origin', () => {
    serveAt('https://colloquy.example.org')
    expect(
      refusal(post({ host: 'localhost:3000', origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' })),
    ).toBeNull()
    expect(refusal(post({ host: '10.0.0.7:3000', origin: 'https://colloquy.example.org' }))).toBeNull()
    expect(refusal(post({ host: 'localhost:3000' }))).toBeNull()
  })
})

describe('JSON bodies of route handlers', () => {
  const post = (body: string, contentType?: string) =>
    new Request('http://localhost/api/x', {
      method: 'POST',
      body,
      headers: contentType ? { 'content-type': contentType } : {},
    })
  const failureOf = async (request: Request) => readJson(request).then(() => null, toFailure)

  it('must say they are JSON', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      undefined,
    ]) {
      expect(await failureOf(post('{"tag":"CLAIM"}', type)), String(type)).toMatchObject({
        status: 415,
        error: 'Send the request body as JSON, with the header Content-Type: application/json.',
      })
    }
    expect(await readJson(post('{"tag":"CLAIM"}', 'application/json; charset=utf-8'))).toEqual({ tag: 'CLAIM' })
    expect(await readJson(post('{"tag":"CLAIM"}', 'application/ld+json'))).toEqual({ tag: 'CLAIM' })
  })

  it('are refused as soon as they pass the limit while streaming, without reading the rest', async () => {
    // 200 MiB announced by nobody (chunked), handed over 64 KiB at a time, as a socket would.
    let pulled = 0
    let cancelled = false
    const chunk = new Uint8Array(64 * 1024).fill(0x20)
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 200 * 1024 * 1024) return controller.close()
        pulled += chunk.byteLength
        controller.enqueue(chunk)
      },
      cancel() {
        cancelled = true
      },
    })
    const request = new Request('http://localhost/api/x', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit)
    expect(await failureOf(request)).toMatchObject({ status: 400, error: 'The request is too large (at most 64 KB).' })
    expect(pulled).toBeLessThanOrEqual(3 * chunk.byteLength)
    expect(cancelled).toBe(true)
  })

  it('refuse a declared Content-Length over the limit before reading anything', async () => {
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        controller.enqueue(new Uint8Array(1024))
      },
    })
    const request = new Request('http://localhost/api/x', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
      duplex: 'half',
    } as RequestInit)
    expect(await failureOf(request)).toMatchObject({ status: 400, error: 'The request is too large (at most 64 KB).' })
    // A stream pulls once to fill its queue when made; the limit check reads nothing further.
    expect(pulled).toBeLessThanOrEqual(1)
  })

  it('are valid UTF-8', async () => {
    const request = new Request('http://localhost/api/x', {
      method: 'POST',
      body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
      headers: { 'content-type': 'application/json' },
    })
    expect(await failureOf(request)).toMatchObject({ status: 400, error: 'The request body is not valid JSON.' })
  })

  it('are at most 64 KB and valid JSON', async () => {
    expect(await failureOf(post(JSON.stringify({ pad: 'x'.repeat(64 * 1024) }), 'application/json'))).toMatchObject({
      status: 400,
      error: 'The request is too large (at most 64 KB).',
    })
    expect(await failureOf(post('{"tag":', 'application/json'))).toMatchObject({
      status: 400,
      error: 'The request body is not valid JSON.',
    })
  })
})
