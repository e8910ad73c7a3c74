// Request bodies at the front door, before Next.js routes the request. Every browser declares a
// body's length (fetch, forms and uploads alike), so a body without one (chunked) comes from a
// script — or from Next handing a server action on to its page, let through below — and one
// declared larger than any route accepts is refused unread; both are answered
// here in microseconds. A body still arriving when the app has answered (a refusal before reading,
// a limit reached) is not read to its end: the connection is closed instead.
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Above the largest body any route takes (an archive restore, MAX_ARCHIVE_BYTES, with its form encoding). */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Bodies up to this size are read to their end even when nobody wants them: cheaper than a new connection. */
const SMALL_BODY_BYTES = 64 * 1024

/** True when the request's body was refused here. */
export function refuseBody(request: IncomingMessage, response: ServerResponse): boolean {
  if (!WITH_BODY.has(request.method ?? '')) return false
  const declared = request.headers['content-length']
  if (declared === undefined && request.headers['transfer-encoding'] !== undefined && !forwardedAction(request)) {
    answer(response, 411, 'Send the request with its Content-Length: a body of unknown length is not accepted.')
    return true
  }
  if (declared !== undefined && Number(declared) > MAX_REQUEST_BYTES) {
    answer(response, 413, `The request is too large (at most ${MAX_REQUEST_BYTES / 1024 / 1024} MB).`)
    return true
  }
  return false
}

/**
 * A large body still arriving when the app answers is not read on (Node would read and discard it all):
 * the answer says `Connection: close`, so no client sends another request on a connection whose
 * stream still holds the rest of this one, and the connection closes once the answer is out.
 */
export function closeUnreadBodies(request: IncomingMessage, response: ServerResponse): void {
  // A small body is simply read to its end, and the connection kept for the next request.
  if (!WITH_BODY.has(request.method ?? '') || Number(request.headers['content-length'] ?? 0) <= SMALL_BODY_BYTES) return
  // Node writes every answer's head through writeHead, also when the app only calls end().
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse
  response.writeHead = ((...args: unknown[]) => {
    if (!request.complete && !response.headersSent) response.setHeader('Connection', 'close')
    return writeHead(...args)
  }) as ServerResponse['writeHead']
  response.once('finish', () => {
    if (request.complete) return
    // The answer has been handed over; the client gets a moment to read it before the reset.
    setTimeout(() => request.socket.destroy(), 1_000).unref()
  })
}

/**
 * Next.js itself streams a server action's body, without a length, when it hands the action on to
 * the page that holds it (a form posted to another path): those go to pages, never to the API,
 * and Next's own limit on action bodies (next.config.js) applies as they are read.
 */
function forwardedAction(request: IncomingMessage): boolean {
  return request.headers['x-action-forwarded'] !== undefined && !(request.url ?? '').startsWith('/api/')
}

function answer(response: ServerResponse, status: number, error: string) {
  response
    .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-store', Connection: 'close' })
    .end(JSON.stringify({ error }))
}
