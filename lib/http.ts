// Route handler plumbing: refuse cross-site writes, read a JSON body within a size limit and map
// errors to responses.
import { AppError, Forbidden, Invalid, toFailure } from '@/lib/errors'
import { publicUrl } from '@/lib/env'

export const MAX_JSON_BYTES = 64 * 1024

export const CROSS_SITE_MESSAGE =
  'This request came from another website and was refused. Open Colloquy itself and try again.'

/**
 * Refuses a state-changing request that a page on another site made the browser send with the
 * user's cookie (cross-site request forgery). The SameSite=Lax session cookie already stays off
 * cross-site POSTs; this also covers sibling sub-domains and browsers that ignore SameSite.
 * Browsers send `Origin` (and `Sec-Fetch-Site`) on every cross-origin POST, so a request with
 * neither comes from a script or curl that holds the cookie itself, which no other site can
 * forge: it is let through, like the API clients and benchmarks that use these routes.
 */
export function assertSameOrigin(request: Request): void {
  const site = request.headers.get('sec-fetch-site')
  if (site !== null && site !== 'same-origin' && site !== 'none') throw new Forbidden(CROSS_SITE_MESSAGE)
  const origin = request.headers.get('origin')
  if (origin === null) return
  if (!ownHosts(request).has(hostOf(origin) ?? '')) throw new Forbidden(CROSS_SITE_MESSAGE)
}

/** The hosts this app answers as: the public address (NEXTAUTH_URL) and the one the request was sent to. */
function ownHosts(request: Request): Set<string> {
  const hosts = new Set<string>()
  const configured = publicUrl()
  if (configured) hosts.add(configured.host.toLowerCase())
  // Like Next's own check of server actions: a proxy's forwarded host, else the Host header.
  const addressed = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host')
  if (addressed) hosts.add(addressed.toLowerCase())
  return hosts
}

function hostOf(url: string): string | undefined {
  try {
    const host = new URL(url).host
    return host ? host.toLowerCase() : undefined
  } catch {
    // `Origin: null` (sandboxed frames, opaque redirects) and garbage name no host of ours.
    return undefined
  }
}

/**
 * The JSON body, read as it arrives and refused the moment it passes `maxBytes`: a declared
 * Content-Length over the limit is refused unread, and a body sent without one (chunked) or
 * longer than it declared is cut off there, never buffered whole. Call it after the session
 * check, so that nobody signed out can make the server read anything.
 */
export async function readJson(request: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(request.headers.get('content-type') ?? '')) {
    throw new AppError('Send the request body as JSON, with the header Content-Type: application/json.', 415)
  }
  const tooLarge = `The request is too large (at most ${Math.round(maxBytes / 1024)} KB).`
  const length = Number(request.headers.get('content-length') ?? 0)
  if (length > maxBytes) throw new Invalid(tooLarge)
  const bytes = await readAtMost(request, maxBytes, tooLarge)
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new Invalid('The request body is not valid JSON.')
  }
}

/** The request body, or Invalid(`tooLarge`) as soon as more than `maxBytes` have come in (the rest is never read). */
export async function readAtMost(request: Request, maxBytes: number, tooLarge: string): Promise<Uint8Array> {
  const reader = request.body?.getReader()
  if (!reader) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => {})
      throw new Invalid(tooLarge)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, total)
}

/** JSON about a person (their highlights, their notes, their errors): never kept by any cache. */
export function privateJson(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(data, {
    status: init.status,
    headers: { 'Cache-Control': 'private, no-store', ...init.headers },
  })
}

export function errorResponse(error: unknown): Response {
  const failure = toFailure(error)
  // 503 means nothing was saved and the same request may simply be sent again, after a pause;
  // a 429 for busy work says how long that pause should be.
  const retryAfter = failure.retryAfterSeconds ?? (failure.status === 503 ? 2 : undefined)
  const headers = retryAfter === undefined ? undefined : { 'Retry-After': String(retryAfter) }
  return privateJson({ error: failure.error, fieldErrors: failure.fieldErrors }, { status: failure.status, headers })
}

export interface DownloadFile {
  body: string | Uint8Array
  contentType: string
  filename: string
}

/**
 * A file to download. Exports can hold private highlights, personal maps and feedback, so they
 * are never kept in a shared cache.
 */
export function downloadResponse(file: DownloadFile): Response {
  return new Response(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
