// The child processes of a bench run. Each starts in its own process group so that it, and
// whatever it started (Next, Postgres, a build), can be stopped by its id, on success or failure.
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export interface Child {
  label: string
  process: ChildProcess
  exited: Promise<number | null>
  /** Output lines so far, newest last; for error messages. */
  tail: () => string
}

const running = new Set<Child>()

/**
 * Runs a script with `args` (a TypeScript file through `node --import tsx`, JavaScript on plain
 * node); output goes to `logFile`, lines matching `echo` to the console too.
 */
export function startChild(
  label: string,
  file: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  echo?: RegExp,
  args: string[] = [],
): Child {
  const loader = file.endsWith('.ts') ? ['--import', 'tsx', '--import', './scripts/server-modules.mjs'] : []
  const child = spawn(process.execPath, [...loader, file, ...args], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const log = createWriteStream(logFile)
  const recent: string[] = []
  const onLine = (line: string) => {
    recent.push(line)
    if (recent.length > 40) recent.shift()
    if (echo?.test(line)) console.log(`  [${label}] ${line}`)
  }
  for (const stream of [child.stdout, child.stderr]) {
    let partial = ''
    stream.on('data', (chunk: Buffer) => {
      log.write(chunk)
      const lines = (partial + chunk.toString()).split('\n')
      partial = lines.pop() ?? ''
      lines.forEach(onLine)
    })
  }
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const tracked: Child = { label, process: child, exited, tail: () => recent.join('\n') }
  running.add(tracked)
  void exited.then(() => log.end())
  return tracked
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitForGroup(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (groupAlive(pid) && Date.now() < deadline) await sleep(100)
  return !groupAlive(pid)
}

/** SIGTERM to the child (it stops what it started), then the rest of its group, then SIGKILL. */
export async function stopChild(child: Child): Promise<void> {
  running.delete(child)
  const pid = child.process.pid
  if (pid === undefined) return
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM')
  if (await waitForGroup(pid, 30_000)) return
  // Left behind (say, Postgres when the child died mid-build): SIGINT is Postgres' fast shutdown.
  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    try {
      process.kill(-pid, signal)
    } catch {
      return
    }
    if (await waitForGroup(pid, 10_000)) return
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(stopChild))
}

/** `count` distinct free ports on 127.0.0.1, all held open until every one is chosen. */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = []
  try {
    const ports: number[] = []
    for (let i = 0; i < count; i++) {
      const server = createServer()
      servers.push(server)
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
      const address = server.address()
      if (address === null || typeof address === 'string') throw new Error('No port was assigned.')
      ports.push(address.port)
    }
    return ports
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  }
}

/**
 * Processes running `next build`: `npx next build` titles itself "npm exec next build", Next's
 * bin is `node …/next build` and then retitles itself "next-build (vX)", which `pgrep -f "next build"`
 * alone misses. Matched on arguments, so a shell line that merely mentions it does not count.
 */
function otherBuilds(): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    let args: string[]
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
    } catch {
      continue
    }
    const title = args[0] ?? ''
    const building =
      /^next-build\b/.test(title) ||
      title.startsWith('npm exec next build') ||
      args.some((arg, i) => /(^|\/)next$/.test(arg) && args[i + 1] === 'build')
    // Only a build of this checkout writes into its .next folder.
    if (building && sameFolder(entry)) pids.push(Number(entry))
  }
  return pids
}

function sameFolder(pid: string): boolean {
  try {
    return realpathSync(`/proc/${pid}/cwd`) === realpathSync(process.cwd())
  } catch {
    return false
  }
}

/** Others build into the same .next folder: wait (bounded) until no `next build` runs on this machine. */
export async function waitForOtherBuilds(maxMs = 15 * 60_000): Promise<void> {
  const deadline = Date.now() + maxMs
  let told = false
  for (let pids = otherBuilds(); pids.length > 0; pids = otherBuilds()) {
    if (Date.now() > deadline)
      throw new Error(
        `Another \`next build\` (pid ${pids.join(', ')}) is still running after ${Math.round(maxMs / 1000)} s.`,
      )
    if (!told) console.log(`  waiting for another \`next build\` to finish (pid ${pids.join(', ')})…`)
    told = true
    await sleep(2_000)
  }
}
