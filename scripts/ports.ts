// Finding a port nobody listens on: a default that is busy is replaced by a free one (and the
// caller says which), while a port the user chose is theirs to fix.
import { createServer } from 'node:net'

/** Whether this process could listen on `port` (on `host`, or on every address when omitted). */
export function isPortFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)))
  })
}

/** A port the operating system picks as free right now. */
export function anyFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

export interface ChosenPort {
  port: number
  /** The default was busy and `port` was picked instead. */
  moved: boolean
}

/**
 * `explicit` when the user set one (used as is: a busy one fails later with a clear message);
 * otherwise `fallback` if free, else the next free one of the ten after it, else any free port.
 */
export async function choosePort(
  explicit: string | undefined,
  fallback: number,
  hosts: (string | undefined)[],
): Promise<ChosenPort> {
  if (explicit) {
    const port = Number(explicit)
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`"${explicit}" is not a port number (1–65535).`)
    return { port, moved: false }
  }
  const free = async (port: number) => {
    for (const host of hosts) if (!(await isPortFree(port, host))) return false
    return true
  }
  for (let port = fallback; port <= fallback + 10; port++)
    if (await free(port)) return { port, moved: port !== fallback }
  return { port: await anyFreePort(), moved: true }
}
