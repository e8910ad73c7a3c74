// Puts the front door (floods.ts, bodies.ts) before Next's own request handler, in the server
// process Next starts: every 'request' a Node HTTP server emits meets it first. The place Next
// itself offers (proxy.ts) runs after its routing, which is the cost a flood should not get to
// spend; Next's custom-server API would do it too, but answers server actions differently from
// `next start`. Called once from instrumentation.ts.
import { Server, type IncomingMessage, type ServerResponse } from 'node:http'
import { keepAnswerable, refuseBody } from './bodies'
import { frontDoor, valveFor } from './floods'

const store = globalThis as unknown as { colloquyFrontDoor?: boolean }

export function installFrontDoor(): void {
  if (store.colloquyFrontDoor) return
  store.colloquyFrontDoor = true
  const door = frontDoor()
  const original = Server.prototype.emit
  const emit = (server: Server, event: string | symbol, args: unknown[]): boolean =>
    Reflect.apply(original, server, [event, ...args]) as boolean
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'request') return emit(this, event, args)
    const [request, response] = args as [IncomingMessage, ServerResponse]
    if (refuseBody(request, response)) return true
    keepAnswerable(request, response)
    // Most requests meet no valve and go on at once; the others wait one counter check.
    if (!valveFor(request.method, request.url)) return emit(this, event, args)
    void door.refuse(request, response).then(
      (answered) => answered || emit(this, event, args),
      () => emit(this, event, args),
    )
    return true
  }
}
