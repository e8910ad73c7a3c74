// The production topology's moving parts, from Debian's packages: PostgreSQL 15 (a different major
// version than the embedded one), pgbouncer in transaction mode in front of it, and haproxy in
// front of the app instances. Each runs in the foreground as a child of the test, as an
// unprivileged user when the test runs as root (PostgreSQL and pgbouncer refuse root).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chownSync, chmodSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { anyFreePort } from '../../../scripts/ports'
import { acceptsConnection } from '../../../scripts/postgres-ready'
import { recordProcess, type ServerKind } from '../../faults/harness/processes'

export const PG15_BIN = process.env.TOPOLOGY_PG_BIN ?? '/usr/lib/postgresql/15/bin'
export const PGBOUNCER = process.env.TOPOLOGY_PGBOUNCER ?? '/usr/sbin/pgbouncer'
export const HAPROXY = process.env.TOPOLOGY_HAPROXY ?? '/usr/sbin/haproxy'
/** The Debian packages the topology test needs (`.ci/run` installs them). */
export const PACKAGES = ['postgresql-15', 'pgbouncer', 'haproxy']

export function missingTools(): string[] {
  return [join(PG15_BIN, 'postgres'), PGBOUNCER, HAPROXY].filter((path) => !existsSync(path))
}

interface RunAs {
  uid: number
  gid: number
}

/** Root runs the database and the pooler as the `postgres` user the Debian package made. */
function unprivileged(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim())
  return { uid: id('-u'), gid: id('-g') }
}

export interface Service {
  port: number
  child: ChildProcess
  logFile: string
  stop: () => Promise<void>
}

function run(
  kind: ServerKind,
  command: string,
  args: string[],
  dir: string,
  port: number,
  runDir: string,
  runAs?: RunAs,
): Service {
  const logFile = join(dir, `${kind}.log`)
  const fd = openSync(logFile, 'a')
  const child = spawn(command, args, { stdio: ['ignore', fd, fd], uid: runAs?.uid, gid: runAs?.gid })
  closeSync(fd)
  child.on('error', () => {})
  recordProcess(runDir, child.pid!, kind)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    port,
    child,
    logFile,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGINT')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}

const tail = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').slice(-15).join('\n')

async function untilConnects(service: Service, config: pg.ClientConfig, what: string): Promise<void> {
  const deadline = Date.now() + 30_000
  for (;;) {
    if (service.child.exitCode !== null) throw new Error(`${what} exited while starting:\n${tail(service.logFile)}`)
    if (await acceptsConnection(config)) return
    if (Date.now() > deadline)
      throw new Error(`${what} did not accept connections within 30 s:\n${tail(service.logFile)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export interface Postgres15 extends Service {
  /** The app's own role and database, connected to directly. */
  url: string
  password: string
}

export async function startPostgres15(dir: string, runDir: string): Promise<Postgres15> {
  const runAs = unprivileged()
  const cluster = join(dir, 'pg15')
  mkdirSync(cluster, { mode: 0o700 })
  const password = 'topology-secret'
  const pwFile = join(dir, 'pg15-password')
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 })
  if (runAs) [cluster, pwFile].forEach((path) => chownSync(path, runAs.uid, runAs.gid))
  const init = spawnSync(
    join(PG15_BIN, 'initdb'),
    [
      '-D',
      cluster,
      '--auth=scram-sha-256',
      '--username=postgres',
      `--pwfile=${pwFile}`,
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ],
    {
      encoding: 'utf8',
      uid: runAs?.uid,
      gid: runAs?.gid,
    },
  )
  if (init.status !== 0) throw new Error(`initdb (PostgreSQL 15) failed: ${init.stderr}`)
  const port = await anyFreePort()
  const service = run(
    'postgres',
    join(PG15_BIN, 'postgres'),
    [
      '-D',
      cluster,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    dir,
    port,
    runDir,
    runAs,
  )
  const admin = { host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' }
  await untilConnects(service, admin, 'PostgreSQL 15')
  const client = new pg.Client(admin)
  await client.connect()
  await client.query(`CREATE ROLE colloquy LOGIN PASSWORD '${password}'`)
  // What the README asks of a deployment behind pgbouncer: the app's timeouts as the role's own.
  await client.query(`ALTER ROLE colloquy SET statement_timeout = '10s'`)
  await client.query(`ALTER ROLE colloquy SET idle_in_transaction_session_timeout = '30s'`)
  await client.query('CREATE DATABASE colloquy OWNER colloquy')
  await client.end()
  return { ...service, url: `postgresql://colloquy:${password}@127.0.0.1:${port}/colloquy`, password }
}

/** pgbouncer in transaction mode: each transaction gets whichever server connection is free. */
export async function startPgbouncer(
  dir: string,
  runDir: string,
  database: Postgres15,
  poolSize: number,
): Promise<Service & { url: string }> {
  const runAs = unprivileged()
  const port = await anyFreePort()
  const config = join(dir, 'pgbouncer.ini')
  const users = join(dir, 'pgbouncer-users.txt')
  writeFileSync(users, `"colloquy" "${database.password}"\n`, { mode: 0o600 })
  writeFileSync(
    config,
    [
      '[databases]',
      `colloquy = host=127.0.0.1 port=${database.port} dbname=colloquy`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${users}`,
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 1000',
      'server_reset_query =',
      'ignore_startup_parameters = extra_float_digits,options',
      'pidfile =',
      '',
    ].join('\n'),
    { mode: 0o600 },
  )
  if (runAs) [config, users].forEach((path) => chownSync(path, runAs.uid, runAs.gid))
  const service = run('pgbouncer', PGBOUNCER, [config], dir, port, runDir, runAs)
  await untilConnects(
    service,
    { host: '127.0.0.1', port, user: 'colloquy', password: database.password, database: 'colloquy' },
    'pgbouncer',
  )
  return { ...service, url: `postgresql://colloquy:${database.password}@127.0.0.1:${port}/colloquy` }
}

/**
 * haproxy over the app instances: round robin, health checks on /api/health every half second,
 * a request whose connection fails goes to another instance, server-sent event streams stay open,
 * every request gets an X-Request-Id and every answer says which instance served it.
 */
export async function startHaproxy(
  dir: string,
  runDir: string,
  port: number,
  apps: { name: string; url: string }[],
): Promise<Service> {
  const config = join(dir, 'haproxy.cfg')
  writeFileSync(
    config,
    [
      'global',
      '  maxconn 4000',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 1h',
      '  timeout server 1h',
      '  timeout tunnel 1h',
      '  timeout http-keep-alive 5s',
      // A slow answer on a busy machine is not a dead instance.
      '  timeout check 3s',
      '  option redispatch',
      '  retries 3',
      '  retry-on conn-failure',
      'frontend web',
      `  bind 127.0.0.1:${port}`,
      '  unique-id-format %{+X}o%ci%cp%Ts%rt%pid',
      '  unique-id-header X-Request-Id',
      '  default_backend apps',
      'backend apps',
      '  balance roundrobin',
      '  option httpchk GET /api/health',
      '  http-check expect status 200',
      '  default-server inter 500ms fall 2 rise 2',
      '  http-response set-header X-Served-By %[srv_name]',
      ...apps.map((app) => `  server ${app.name} ${new URL(app.url).host} check`),
      '',
    ].join('\n'),
  )
  chmodSync(config, 0o644)
  const service = run('haproxy', HAPROXY, ['-f', config, '-db'], dir, port, runDir)
  const deadline = Date.now() + 30_000
  const seen = new Set<string>()
  while (seen.size < apps.length) {
    if (service.child.exitCode !== null) throw new Error(`haproxy exited while starting:\n${tail(service.logFile)}`)
    if (Date.now() > deadline)
      throw new Error(`haproxy did not reach every instance within 30 s (reached: ${[...seen].join(', ')})`)
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(
      () => undefined,
    )
    if (response?.ok) seen.add(response.headers.get('x-served-by') ?? '')
    else await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return service
}
