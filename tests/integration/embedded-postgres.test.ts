// The embedded PostgreSQL of `npm start`, as real processes: one owner per data folder, a stale
// pid that names another process left alone, an orphan of a killed start shut down, and a start
// that fails showing PostgreSQL's own words.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import {
  copyEmbeddedCluster,
  removeEmbeddedData,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '@/scripts/embedded-postgres'
import { isAlive } from '@/scripts/process-identity'
import { anyFreePort } from '@/scripts/ports'

const root = mkdtempSync(join(tmpdir(), 'colloquy-embedded-'))
const running: EmbeddedDatabase[] = []

afterAll(async () => {
  for (const server of running) await server.stop().catch(() => {})
  removeEmbeddedData(root)
})

async function start(dir: string, port?: number) {
  const server = await startEmbeddedPostgres({ dir, port: port ?? (await anyFreePort()), database: 'colloquy' })
  running.push(server)
  return server
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    return (await client.query('SELECT 1 AS one')).rows[0].one === 1
  } finally {
    await client.end().catch(() => {})
  }
}

describe('the embedded PostgreSQL', () => {
  const template = join(root, 'template')
  /** A new data folder holding a copy of the first test's cluster. */
  const copyOfTemplate = (name: string) => {
    const dir = join(root, name)
    copyEmbeddedCluster(template, dir)
    return dir
  }

  it('refuses a second owner of its data folder, and the first keeps serving', async () => {
    const first = await start(template)
    const second = await start(template).then(
      () => 'started',
      (error: Error) => error.message,
    )
    expect(second).toMatch(new RegExp(`^Another Colloquy process \\(pid ${process.pid}`))
    expect(await answers(first.url)).toBe(true)
    await first.stop()
  }, 60_000)

  it('leaves alone a process named by a stale postmaster.pid', async () => {
    const dir = copyOfTemplate('stale')
    const bystander = spawn('sleep', ['60'])
    // Kept elsewhere when this folder is private and we run as root (see postgres-placement.ts).
    const location = join(dir, 'postgres-location')
    const cluster = existsSync(location) ? readFileSync(location, 'utf8').trim() : join(dir, 'postgres')
    writeFileSync(join(cluster, 'postmaster.pid'), `${bystander.pid}\n${cluster}\n`)
    const server = await start(dir)
    expect(await answers(server.url)).toBe(true)
    expect(isAlive(bystander.pid!)).toBe(true)
    bystander.kill()
    await server.stop()
  }, 60_000)

  it('shuts down the server a killed start left running, then starts', async () => {
    const dir = copyOfTemplate('orphan')
    const port = await anyFreePort()
    // A start in a process of its own, killed outright once its server runs.
    const owner = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./scripts/embedded-postgres.ts').then(async ({ startEmbeddedPostgres }) => { const s = await startEmbeddedPostgres({ dir: ${JSON.stringify(dir)}, port: ${port}, database: 'colloquy' }); console.log('PID ' + s.pid) })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const orphan = await new Promise<number>((resolve) =>
      owner.stdout!.on('data', (chunk: Buffer) => {
        const m = /PID (\d+)/.exec(chunk.toString())
        if (m) resolve(Number(m[1]))
      }),
    )
    owner.kill('SIGKILL')
    await new Promise((resolve) => owner.once('exit', resolve))
    expect(isAlive(orphan)).toBe(true)
    const server = await start(dir)
    expect(isAlive(orphan)).toBe(false)
    expect(await answers(server.url)).toBe(true)
    await server.stop()
  }, 90_000)

  it('says the port is taken, with the end of its log, when it cannot listen', async () => {
    const dir = copyOfTemplate('busy')
    const blocker = createServer()
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    )
    const message = await start(dir, port).then(
      () => 'started',
      (error: Error) => error.message,
    )
    blocker.close()
    expect(message).toMatch(
      new RegExp(
        `^PostgreSQL stopped while starting: port ${port} is taken by another program \\(set EMBEDDED_PG_PORT to another port\\)\\. The end of its log`,
      ),
    )
    expect(message).toMatch(/could not bind|Address already in use/)
  }, 60_000)
})
