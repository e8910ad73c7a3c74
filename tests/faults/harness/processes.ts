// Every server a fault test starts is written down in the run's ledger (pid and what it is), so
// the run's teardown can end what a crashed or timed-out test left running, and only that.
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const LEDGER = 'processes'

export type ServerKind = 'app' | 'postgres' | 'pgbouncer' | 'haproxy'

export function recordProcess(runDir: string, pid: number, kind: ServerKind): void {
  appendFileSync(join(runDir, LEDGER), `${pid} ${kind}\n`)
}

/** Ends every recorded process still alive that is still what was recorded (a pid can be reused). */
export function endRecordedProcesses(runDir: string): number {
  const file = join(runDir, LEDGER)
  if (!existsSync(file)) return 0
  let ended = 0
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [pidText, kind] = line.split(' ')
    const pid = Number(pidText)
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) continue
    if (!kind || !commandOf(pid).includes(kind === 'app' ? 'next' : kind)) continue
    // SIGQUIT is PostgreSQL's immediate shutdown: the postmaster takes its backends with it.
    process.kill(pid, kind === 'postgres' ? 'SIGQUIT' : 'SIGKILL')
    ended++
  }
  return ended
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return ''
  }
}
