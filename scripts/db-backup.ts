// `npm run db:backup [FILE]`: the whole database, as one consistent snapshot, into a file
// (default backups/colloquy-<UTC time>.backup). See backup-format.ts for the format.
import { once } from 'node:events'
import { createWriteStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { finished } from 'node:stream/promises'
import { createGzip, type Gzip } from 'node:zlib'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import {
  backupHeader,
  copyStatement,
  END_OF_DATA,
  tablesInDependencyOrder,
  type BackupTrailer,
  type TableHeader,
} from './backup-format'
import { openDatabaseTarget } from './database-target'

async function write(out: Gzip, text: string | Buffer): Promise<void> {
  if (!out.write(text)) await once(out, 'drain')
}

/** Writes a backup of the database at `url` to `file`; returns the rows per table. */
export async function backupDatabase(url: string, file: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const partial = `${file}.partial-${process.pid}`
  mkdirSync(dirname(resolve(file)), { recursive: true })
  const gzip = createGzip()
  const output = createWriteStream(partial, { mode: 0o600 })
  gzip.pipe(output)
  try {
    // One snapshot for every table: what committed before it, nothing after.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const { rows: migrations } = await client.query<{ name: string; checksum: string }>(
      `SELECT migration_name AS name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    )
    const tables = await tablesInDependencyOrder(client)
    await write(gzip, `${JSON.stringify(backupHeader(migrations))}\n`)
    const counts: Record<string, number> = {}
    for (const name of tables) {
      const { rows } = await client.query<{ column: string }>(
        `SELECT column_name AS column FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [name],
      )
      const section: TableHeader = { table: name, columns: rows.map((row) => row.column) }
      await write(gzip, `${JSON.stringify(section)}\n`)
      let count = 0
      const copy = client.query(copyTo(copyStatement(section, 'TO STDOUT')))
      for await (const chunk of copy as AsyncIterable<Buffer>) {
        // One row per line: COPY escapes newlines inside values.
        for (const byte of chunk) if (byte === 10) count++
        await write(gzip, chunk)
      }
      await write(gzip, `${END_OF_DATA}\n`)
      counts[name] = count
    }
    await client.query('COMMIT')
    const trailer: BackupTrailer = { end: true, rows: counts }
    gzip.end(`${JSON.stringify(trailer)}\n`)
    await finished(output)
    renameSync(partial, file)
    return counts
  } catch (error) {
    gzip.destroy()
    output.destroy()
    rmSync(partial, { force: true })
    throw error
  } finally {
    await client.end().catch(() => {})
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))
if (isMain) {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  const file = resolve(process.argv[2] ?? `backups/colloquy-${stamp}.backup`)
  const target = await openDatabaseTarget()
  try {
    const started = Date.now()
    const counts = await backupDatabase(target.url, file)
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0)
    console.log(
      `Backed up ${target.description}: ${rows} rows in ${Object.keys(counts).length} tables, ${(statSync(file).size / 1024).toFixed(0)} KB, in ${Date.now() - started} ms.`,
    )
    console.log(`Written to ${file}`)
    console.log('Restore it into an empty database with: npm run db:restore ' + JSON.stringify(file))
  } catch (error) {
    console.error(`Backup failed: ${(error as Error).message}`)
    process.exitCode = 1
  } finally {
    await target.release()
  }
}
