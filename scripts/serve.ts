// The production HTTP server: Next.js behind the front door (lib/front-door). Requests a script
// sends by the thousand — sign-in guesses, live-stream opens, bodies without a length or larger
// than any route takes — are answered before Next routes them, so the one event loop stays free
// for everyone else; everything else goes to Next unchanged. Run by scripts/start.ts:
//   node --import tsx scripts/serve.ts --port 3000 [--hostname 127.0.0.1]
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'
import next from 'next'
import { closeUnreadBodies, refuseBody } from '@/lib/front-door/bodies'
import { frontDoor } from '@/lib/front-door/floods'

const { values } = parseArgs({ options: { port: { type: 'string' }, hostname: { type: 'string' } } })
const port = Number(values.port ?? process.env.PORT ?? 3000)
const started = performance.now()

const app = next({ dev: false, dir: process.cwd(), hostname: values.hostname ?? 'localhost', port })
const handle = app.getRequestHandler()
const door = frontDoor()

await app.prepare()

const server = createServer((request, response) => {
  if (refuseBody(request, response)) return
  closeUnreadBodies(request, response)
  void door.refuse(request, response).then(
    (answered) => (answered ? undefined : handle(request, response)),
    (error: unknown) => {
      console.error('The front door failed on a request', error)
      if (!response.headersSent) response.writeHead(500).end()
    },
  )
})

server.listen(port, values.hostname, () => {
  console.log(`  ✓ Ready in ${Math.round(performance.now() - started)}ms on port ${port}`)
})

// Requests under way get a moment to finish; open live streams never end by themselves, so after
// that the process goes regardless (browsers reconnect to the next one).
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0))
    server.closeIdleConnections()
    setTimeout(() => process.exit(0), 2_000).unref()
  })
}
