// Telling whether a process id still names the process we think it does (a pid can be reused by
// anything after a crash), and a lock file that says which live process owns a folder.
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs'

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The process's command line, arguments separated by spaces; '' when it is gone or unreadable. */
export function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
  } catch {
    return ''
  }
}

/** When the process started, in clock ticks since boot (field 22 of /proc/<pid>/stat); '' if unknown. */
export function startTimeOf(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may contain spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? ''
  } catch {
    return ''
  }
}

interface LockOwner {
  pid: number
  startTime: string
  command: string
}

/** The owner named in a lock file, if that process is still the one that wrote it. */
export function lockOwner(file: string): LockOwner | undefined {
  let owner: LockOwner
  try {
    owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner
  } catch {
    return undefined
  }
  if (!Number.isInteger(owner.pid) || owner.pid <= 0 || !isAlive(owner.pid)) return undefined
  const startTime = startTimeOf(owner.pid)
  // A pid is reused (in a container, a restarted app often gets the very same one): the start
  // time tells. Where /proc cannot be read, trust a live pid other than ours.
  if (startTime && owner.startTime) return startTime === owner.startTime ? owner : undefined
  return owner.pid === process.pid ? undefined : owner
}

export interface FolderLock {
  release: () => void
}

/**
 * Takes `file` for this process, or throws `refusal(owner)` while another live process holds it.
 * A lock left by a process that has died (or whose pid now names another process) is taken over.
 */
export function lockFolder(file: string, refusal: (owner: LockOwner) => Error): FolderLock {
  const me: LockOwner = { pid: process.pid, startTime: startTimeOf(process.pid), command: commandLineOf(process.pid) }
  const text = JSON.stringify(me)
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600)
      writeSync(fd, text)
      closeSync(fd)
      return { release: () => releaseIfMine(file) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = lockOwner(file)
    if (owner) throw refusal(owner)
    // Stale: replace it atomically, then loop to check no one else won the same race.
    const mine = `${file}.${process.pid}`
    writeFileSync(mine, text, { mode: 0o600 })
    renameSync(mine, file)
    if (readFileSync(file, 'utf8') === text) return { release: () => releaseIfMine(file) }
  }
  throw new Error(`Could not take the lock ${file}.`)
}

function releaseIfMine(file: string): void {
  try {
    if ((JSON.parse(readFileSync(file, 'utf8')) as LockOwner).pid === process.pid) rmSync(file, { force: true })
  } catch {
    // Already gone.
  }
}
