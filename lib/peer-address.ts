// Gives every request the address of the socket it came in on, in a header of our own that no
// client can set (whatever arrives under that name is overwritten): Next's handlers see headers
// only, and its own X-Forwarded-For keeps whatever the client sent. Node announces each request on
// the `http.server.request.start` diagnostics channel before the server's handler runs.
import { subscribe } from 'node:diagnostics_channel'
import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { PEER_HEADER } from './client-address'

const store = globalThis as unknown as { colloquyPeerAddresses?: boolean }

export function recordPeerAddresses(): void {
  if (store.colloquyPeerAddresses) return
  store.colloquyPeerAddresses = true
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket }
    request.headers[PEER_HEADER] = socket.remoteAddress ?? ''
  })
}
