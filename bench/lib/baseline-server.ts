// The naive baseline for highlight-create, run as its own process: node:http whose POST parses
// the JSON body, anchors the selection on the text loaded once, and does one plain pg INSERT
// into "Highlight" (same columns as the app), on a pg.Pool of 10. No session, no checks, no event.
// Env: DATABASE_URL, PORT, SOURCE_ID, AUTHOR_ID. Prints "ready" once listening.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import pg from 'pg'
import { anchorAt } from '../../lib/annotations/anchoring'

const { DATABASE_URL, PORT, SOURCE_ID, AUTHOR_ID } = process.env
if (!DATABASE_URL || !PORT || !SOURCE_ID || !AUTHOR_ID)
  throw new Error('DATABASE_URL, PORT, SOURCE_ID and AUTHOR_ID are required.')

const INSERT = `INSERT INTO "Highlight"
  (id, "sourceId", "authorId", tag, visibility, exact, prefix, suffix, start, "end", "sourceVersion", "updatedAt")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())`

const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 })
const { rows } = await pool.query<{ text: string; version: number }>(
  'SELECT text, version FROM "Source" WHERE id = $1',
  [SOURCE_ID],
)
const source = rows[0]
if (!source) throw new Error(`No source ${SOURCE_ID}.`)

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const server = createServer(async (request, response) => {
  try {
    if (request.method !== 'POST') throw new Error('POST only')
    const body = JSON.parse(await readBody(request)) as { start: number; end: number; tag: string; visibility?: string }
    const anchor = anchorAt(source.text, body.start, body.end)
    const id = randomUUID()
    await pool.query(INSERT, [
      id,
      SOURCE_ID,
      AUTHOR_ID,
      body.tag,
      body.visibility ?? 'GROUP',
      anchor.exact,
      anchor.prefix,
      anchor.suffix,
      anchor.start,
      anchor.end,
      source.version,
    ])
    response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }))
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end((error as Error).message)
  }
})

server.listen(Number(PORT), '127.0.0.1', () => console.log('ready'))

process.on('SIGTERM', () => {
  server.close()
  server.closeAllConnections()
  void pool.end().finally(() => process.exit(0))
})
