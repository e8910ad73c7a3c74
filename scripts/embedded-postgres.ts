// The embedded PostgreSQL server (real PostgreSQL binaries from an npm package) that Colloquy uses
// when no DATABASE_URL is given. One live process owns a data folder at a time; PostgreSQL's own
// log goes to <data>/postgres.log, and its last lines are shown when it does not start.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  chownSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import pg from 'pg'
import { commandLineOf, isAlive, lockFolder, lockOwner, type FolderLock } from './process-identity'
import { placePostgres, prepareClusterFolder, type Placement } from './postgres-placement'
import { acceptsConnection } from './postgres-ready'

export interface EmbeddedDatabase {
  url: string
  port: number
  /** The postmaster's process id. */
  pid: number
  /** PostgreSQL's own log. */
  logFile: string
  stop: () => Promise<void>
}

const READY_WITHIN_MS = 60_000
const LOG_FILE = 'postgres.log'
const LOCK_FILE = 'postgres.lock'
/** The port of the server while it runs, for commands that reach it (backup, restore). */
const PORT_FILE = 'postgres.port'

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The last lines of PostgreSQL's log, for error messages. */
export function logTail(logFile: string, lines = 15): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

function passwordFor(dir: string): string {
  const file = join(dir, 'postgres-password')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const password = randomBytes(18).toString('base64url')
  writeFileSync(file, password, { mode: 0o600 })
  return password
}

function initialise(placement: Placement, password: string, logFile: string): void {
  prepareClusterFolder(placement)
  // initdb reads the superuser's password from a file, which the user it runs as must read.
  const pwFile = join(tmpdir(), `colloquy-pw-${process.pid}-${randomBytes(4).toString('hex')}`)
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 })
  if (placement.runAs) chownSync(pwFile, placement.runAs.uid, placement.runAs.gid)
  try {
    const result = spawnSync(
      join(placement.bin, 'initdb'),
      [
        `--pgdata=${placement.cluster}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--no-instructions',
      ],
      {
        encoding: 'utf8',
        uid: placement.runAs?.uid,
        gid: placement.runAs?.gid,
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    )
    writeFileSync(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`, { flag: 'a' })
    if (result.error) throw new Error(`Could not run initdb (${placement.bin}): ${result.error.message}`)
    if (result.status !== 0) throw new Error(`initdb failed (exit ${result.status}):\n${logTail(logFile)}`)
  } finally {
    rmSync(pwFile, { force: true })
  }
}

/**
 * A postmaster.pid left by a crash. If its process is our PostgreSQL on this very cluster (an
 * orphan of a start that died; we hold the folder's lock, so no live start owns it), it is shut
 * down; if the pid now names anything else, the file is stale and only the file is removed.
 */
async function clearLeftovers(cluster: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(cluster, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  const command = Number.isInteger(pid) && pid > 0 && isAlive(pid) ? commandLineOf(pid) : ''
  const ours = command.includes('postgres') && command.includes(` -D ${cluster} `)
  if (ours) {
    log(`Stopping the PostgreSQL server (pid ${pid}) left running on this data folder by an earlier start.`)
    process.kill(pid, 'SIGINT')
    for (let waited = 0; isAlive(pid) && waited < 15_000; waited += 100) await wait(100)
    if (isAlive(pid)) process.kill(pid, 'SIGQUIT')
    for (let waited = 0; isAlive(pid) && waited < 5_000; waited += 100) await wait(100)
  }
  if (!isAlive(pid) || !ours) rmSync(pidFile, { force: true })
}

async function untilReady(
  child: ChildProcess,
  connection: pg.ClientConfig,
  logFile: string,
  port: number,
): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const tail = logTail(logFile)
      const portTaken = /could not bind|Address already in use/i.test(tail)
      throw new Error(
        `PostgreSQL stopped while starting${portTaken ? `: port ${port} is taken by another program (set EMBEDDED_PG_PORT to another port)` : ''}. ` +
          `The end of its log (${logFile}):\n${tail}`,
      )
    }
    if (await acceptsConnection(connection)) return
    if (Date.now() > deadline)
      throw new Error(
        `PostgreSQL did not accept connections within ${READY_WITHIN_MS / 1000} s. The end of its log (${logFile}):\n${logTail(logFile)}`,
      )
    await wait(100)
  }
}

export async function startEmbeddedPostgres(options: {
  dir: string
  port: number
  database: string
  log?: (line: string) => void
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {})
  const dir = resolve(options.dir)
  mkdirSync(dir, { recursive: true })
  const lock: FolderLock = lockFolder(
    join(dir, LOCK_FILE),
    (owner) =>
      new Error(
        `Another Colloquy process (pid ${owner.pid}) is using the embedded database in ${dir}. ` +
          'Stop it first, or give this one a data folder of its own with COLLOQUY_DATA_DIR.',
      ),
  )
  try {
    return await launch(dir, options, log, lock)
  } catch (error) {
    lock.release()
    throw error
  }
}

async function launch(
  dir: string,
  options: { port: number; database: string },
  log: (line: string) => void,
  lock: FolderLock,
): Promise<EmbeddedDatabase> {
  const placement = placePostgres(dir, log)
  if (placement.relocated)
    log(
      `This folder is private to its owner, so the embedded PostgreSQL (running as "${placement.runAs?.name}") keeps its cluster in ${placement.cluster}.`,
    )
  const logFile = join(dir, LOG_FILE)
  const password = passwordFor(dir)
  if (!existsSync(join(placement.cluster, 'PG_VERSION'))) {
    rmSync(placement.cluster, { recursive: true, force: true })
    initialise(placement, password, logFile)
  } else {
    await clearLeftovers(placement.cluster, log)
  }

  // The log is opened here and handed over as an open file, so the server writes it even where
  // its own user could not open that path.
  const logFd = openSync(logFile, 'a', 0o600)
  const child = spawn(
    join(placement.bin, 'postgres'),
    [
      '-D',
      placement.cluster,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
    ],
    {
      stdio: ['ignore', logFd, logFd],
      uid: placement.runAs?.uid,
      gid: placement.runAs?.gid,
      env: { ...process.env, LC_MESSAGES: 'C' },
    },
  )
  closeSync(logFd)
  const spawnFailure = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`Could not run PostgreSQL (${placement.bin}): ${error.message}`))),
  )
  spawnFailure.catch(() => {})
  const exited = new Promise<void>((r) => child.once('exit', () => r()))

  const admin: pg.ClientConfig = {
    host: '127.0.0.1',
    port: options.port,
    user: 'postgres',
    password,
    database: 'postgres',
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT') // fast shutdown: open transactions roll back, then a clean stop
      let timer: NodeJS.Timeout | undefined
      const gone = await Promise.race([
        exited.then(() => true),
        new Promise<false>((r) => (timer = setTimeout(() => r(false), 30_000))),
      ])
      clearTimeout(timer)
      if (!gone) {
        child.kill('SIGQUIT')
        await exited
      }
    }
    rmSync(join(dir, PORT_FILE), { force: true })
    lock.release()
  }
  try {
    await Promise.race([untilReady(child, admin, logFile, options.port), spawnFailure])
    const client = new pg.Client(admin)
    await client.connect()
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database])
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(options.database)}`)
    await client.end()
  } catch (error) {
    await stop()
    throw error
  }
  writeFileSync(join(dir, PORT_FILE), String(options.port))
  return { url: urlOf(password, options.port, options.database), port: options.port, pid: child.pid!, logFile, stop }
}

const urlOf = (password: string, port: number, database: string) =>
  `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`

/** The embedded server another live process (a running `npm start`) serves from `dir`, if any. */
export function runningEmbeddedPostgres(dir: string, database: string): { url: string; port: number } | undefined {
  const portFile = join(dir, PORT_FILE)
  if (!lockOwner(join(dir, LOCK_FILE)) || !existsSync(portFile)) return undefined
  const port = Number(readFileSync(portFile, 'utf8'))
  return { url: urlOf(passwordFor(dir), port, database), port }
}

/** Copies a stopped embedded server's data folder (password and cluster) into a new folder, for tests. */
export function copyEmbeddedCluster(from: string, to: string): void {
  const source = placePostgres(from)
  mkdirSync(to, { recursive: true })
  copyFileSync(join(from, 'postgres-password'), join(to, 'postgres-password'))
  const target = placePostgres(to)
  prepareClusterFolder(target)
  const copy = spawnSync('cp', ['-a', `${source.cluster}/.`, target.cluster], { encoding: 'utf8' })
  if (copy.status !== 0) throw new Error(`Could not copy the database cluster: ${copy.stderr}`)
  rmSync(join(target.cluster, 'postmaster.pid'), { force: true })
}

/** Deletes a data folder and every cluster kept for it (or for folders inside it) elsewhere. */
export function removeEmbeddedData(dir: string): void {
  if (!existsSync(dir)) return
  const locations = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (path) => basename(path) === 'postgres-location',
  )
  for (const location of locations) {
    const cluster = readFileSync(join(dir, location), 'utf8').trim()
    if (cluster.startsWith('/var/lib/colloquy/clusters/')) rmSync(cluster, { recursive: true, force: true })
  }
  rmSync(dir, { recursive: true, force: true })
}
