// Request bodies at the front door, before Next.js routes the request. Every browser declares a
// body's length (fetch, forms and uploads alike), so a body without one (chunked) comes from a
// script — or from Next handing a server action on to its page, let through below — and one
// declared larger than any route accepts is refused unread; both are answered here in
// microseconds and not read on. Bodies a route may take are left to Node, which reads the rest of
// one a route refused unread, so a client that sent all of it can send its next request on the
// same connection (a 2 MB backup refused for want of a session, then the next request).
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Above the largest body any route takes (an archive restore, MAX_ARCHIVE_BYTES, with its form encoding). */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** True when the request's body was refused here. */
export function refuseBody(request: IncomingMessage, response: ServerResponse): boolean {
  if (!WITH_BODY.has(request.method ?? '')) return false
  const declared = request.headers['content-length']
  if (declared === undefined && request.headers['transfer-encoding'] !== undefined && !forwardedAction(request)) {
    answer(
      request,
      response,
      411,
      'Send the request with its Content-Length: a body of unknown length is not accepted.',
    )
    return true
  }
  if (declared !== undefined && Number(declared) > MAX_REQUEST_BYTES) {
    answer(request, response, 413, `The request is too large (at most ${MAX_REQUEST_BYTES / 1024 / 1024} MB).`)
    return true
  }
  return false
}

/**
 * A client that asked to close the connection (`Connection: close`, as Node's own client without an
 * agent does) and is still sending its body when a route answers early (401 before reading, a
 * limit) would not get that answer: Node closes at once, and the reset discards what the client had
 * not yet read. Such a connection is held open instead, not read on, and closed a second later,
 * as the front door does with its own refusals. (A client that keeps its connection has the rest
 * of its body read by Node, so that it can send its next request.)
 */
export function keepAnswerable(request: IncomingMessage, response: ServerResponse): void {
  if (
    !WITH_BODY.has(request.method ?? '') ||
    !(Number(request.headers['content-length'] ?? 0) > 0) ||
    response.shouldKeepAlive
  )
    return
  response.shouldKeepAlive = true
  response.once('finish', () => {
    if (!request.complete) stopReading(request)
  })
}

/**
 * Stops reading the connection once the answer is out (after Node has begun to discard the rest),
 * so the sender's writes stall rather than cost us; the client, whose request never ended, does
 * not send another on it, reads the answer, and the connection is closed a moment later. Closing
 * at once instead would reset it under the client, and a reset discards the answer it had not yet
 * read.
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
  // Not "Connection: close": Node would then close the socket as soon as the answer is written,
  // with the unread body still arriving, and the client would see a reset instead of this answer.
  // The connection is closed by stopReading a second later all the same.
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'private, no-store',
    Connection: 'keep-alive',
  }
  response.writeHead(status, headers).end(JSON.stringify({ error }))
}
