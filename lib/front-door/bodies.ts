// Request bodies at the front door, before Next.js routes the request. Every browser declares a
// body's length (fetch, forms and uploads alike), so a body without one (chunked) comes from a
// script — or from Next handing a server action on to its page, let through below — and one
// declared larger than any route accepts is refused unread; both are answered
// here in microseconds. A large body still arriving when the app has answered (a refusal before
// reading, a limit reached) is not read to its end: the connection is closed instead.
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Above the largest body any route takes (an archive restore, MAX_ARCHIVE_BYTES, with its form encoding). */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/**
 * Bodies a route may take (up to MAX_REQUEST_BYTES) are read to their end even when nobody wants
 * them: a client that has sent all of one (a 2 MB backup refused unread) sends its next request on
 * the same connection, which closing it would reset. Only bodies refused here are not read on.
 */
const SMALL_BODY_BYTES = MAX_REQUEST_BYTES

/** True when the request's body was refused here. */
export function refuseBody(request: IncomingMessage, response: ServerResponse): boolean {
  if (!WITH_BODY.has(request.method ?? '')) return false
  const declared = request.headers['content-length']
  if (declared === undefined && request.headers['transfer-encoding'] !== undefined && !forwardedAction(request)) {
    answer(request, response, 411, 'Send the request with its Content-Length: a body of unknown length is not accepted.')
    return true
  }
  if (declared !== undefined && Number(declared) > MAX_REQUEST_BYTES) {
    answer(request, response, 413, `The request is too large (at most ${MAX_REQUEST_BYTES / 1024 / 1024} MB).`)
    return true
  }
  return false
}

/** A large body still arriving when the app has answered is not read on (Node would read and discard it all). */
export function closeUnreadBodies(request: IncomingMessage, response: ServerResponse): void {
  // A small body is simply read to its end, and the connection kept for the next request.
  if (!WITH_BODY.has(request.method ?? '') || Number(request.headers['content-length'] ?? 0) <= SMALL_BODY_BYTES) return
  response.once('finish', () => {
    if (!request.complete) stopReading(request)
  })
}

/**
 * Stops reading the connection once the answer is out (after Node has begun to discard the rest),
 * so the sender's writes stall rather than cost us; the client, whose request never ended, does
 * not send another on it, reads the answer, and the connection is closed a moment later. Closing
 * at once instead would reset it under the client before it had read the answer.
 */
function stopReading(request: IncomingMessage) {
  setImmediate(() => request.socket.pause())
  setTimeout(() => request.socket.destroy(), 1_000).unref()
}

/**
 * Next.js itself streams a server action's body, without a length, when it hands the action on to
 * the page that holds it (a form posted to another path): those go to pages, never to the API,
 * and Next's own limit on action bodies (next.config.js) applies as they are read.
 */
function forwardedAction(request: IncomingMessage): boolean {
  return request.headers['x-action-forwarded'] !== undefined && !(request.url ?? '').startsWith('/api/')
}

function answer(request: IncomingMessage, response: ServerResponse, status: number, error: string) {
  response.once('finish', () => {
    if (!request.complete) stopReading(request)
  })
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-store' }).end(JSON.stringify({ error }))
}
