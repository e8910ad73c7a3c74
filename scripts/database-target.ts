// The database a maintenance command (backup, restore) works on: DIRECT_DATABASE_URL or
// DATABASE_URL when set; otherwise the embedded server of this folder, reached where a running
// `npm start` serves it, or started for the command and stopped after it.
import { resolve } from 'node:path'
import { runningEmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres'
import { anyFreePort } from './ports'

export interface DatabaseTarget {
  url: string
  /** Where it is, in words, for the command's output. */
  description: string
  release: () => Promise<void>
}

export async function openDatabaseTarget(): Promise<DatabaseTarget> {
  const given = process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL
  if (given) return { url: given, description: 'the database at DATABASE_URL', release: async () => {} }
  const dir = resolve(process.env.COLLOQUY_DATA_DIR ?? '.data')
  const running = runningEmbeddedPostgres(dir, 'colloquy')
  if (running)
    return {
      url: running.url,
      description: `the embedded database of the running Colloquy (port ${running.port})`,
      release: async () => {},
    }
  const server = await startEmbeddedPostgres({ dir, port: await anyFreePort(), database: 'colloquy' })
  return { url: server.url, description: `the embedded database in ${dir}`, release: server.stop }
}
