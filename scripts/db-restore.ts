// `npm run db:restore FILE`: a backup of `npm run db:backup` into an empty database. The schema
// is built by the migrations the backup was taken at, the rows are loaded in one transaction
// (tables in foreign-key order) and counted against the backup, then any newer migrations run:
// a backup from an older Colloquy restores into a newer one.
import { once } from 'node:events'
import { createReadStream, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { finished } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import pg from 'pg'
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams'
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  copyStatement,
  END_OF_DATA,
  quoteIdentifier,
  tablesInDependencyOrder,
  type BackupHeader,
  type BackupTrailer,
  type TableHeader,
} from './backup-format'
import { openDatabaseTarget } from './database-target'
import { applyMigrations, readMigrations, type Migration } from './migrate'

export class RestoreRefused extends Error {}

async function assertEmpty(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
  )
  if (rows.length > 0) {
    throw new RestoreRefused(
      `The database is not empty (it has ${rows.length} tables, e.g. ${rows
        .slice(0, 3)
        .map((r) => r.name)
        .join(', ')}). ` +
        'Restore into a new, empty database: for the embedded one, move the data folder away or set COLLOQUY_DATA_DIR to a new folder; otherwise point DATABASE_URL at an empty database.',
    )
  }
}

/** The migrations the backup was taken at, as this version has them; refuses a backup from a newer version. */
function migrationsOf(header: BackupHeader, available: Migration[]): Migration[] {
  const known = new Map(available.map((m) => [m.name, m]))
  return header.migrations.map(({ name, checksum }) => {
    const migration = known.get(name)
    if (!migration)
      throw new RestoreRefused(
        `The backup was made by a newer version of Colloquy (its schema has migration ${name}, which this version lacks). Update Colloquy, then restore.`,
      )
    if (migration.checksum !== checksum)
      throw new RestoreRefused(
        `Migration ${name} differs between the backup and this version of Colloquy; it cannot be restored here.`,
      )
    return migration
  })
}

type Visitor = {
  header: (header: BackupHeader) => void
  table: (table: TableHeader) => Promise<void> | void
  row: (line: string) => Promise<void> | void
  tableEnd: () => Promise<void> | void
}

/** Reads the file line by line, handing each part to `visit`; returns the rows the file says it holds. */
async function readBackup(
  file: string,
  visit: Partial<Visitor>,
): Promise<{ header: BackupHeader; rows: Record<string, number>; counted: Record<string, number> }> {
  if (!existsSync(file)) throw new RestoreRefused(`There is no file ${file}.`)
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })
  let header: BackupHeader | undefined
  let trailer: BackupTrailer | undefined
  let table: string | undefined
  const counted: Record<string, number> = {}
  try {
    for await (const line of lines) {
      if (!header) {
        header = JSON.parse(line) as BackupHeader
        if (header.format !== BACKUP_FORMAT) throw new RestoreRefused(`${file} is not a Colloquy backup.`)
        if (header.version !== BACKUP_VERSION)
          throw new RestoreRefused(
            `${file} is a Colloquy backup of format ${header.version}, which this version cannot read.`,
          )
        visit.header?.(header)
      } else if (table !== undefined) {
        if (line === END_OF_DATA) {
          await visit.tableEnd?.()
          table = undefined
        } else {
          counted[table]!++
          await visit.row?.(line)
        }
      } else if (trailer) {
        throw new RestoreRefused(`${file} has data after its end.`)
      } else {
        const parsed = JSON.parse(line) as TableHeader | BackupTrailer
        if ('end' in parsed) trailer = parsed
        else {
          table = parsed.table
          counted[table] = 0
          await visit.table?.(parsed)
        }
      }
    }
  } catch (error) {
    if (error instanceof RestoreRefused) throw error
    throw new RestoreRefused(`${file} is damaged or not a Colloquy backup (${(error as Error).message}).`)
  }
  if (!header) throw new RestoreRefused(`${file} is empty.`)
  if (!trailer || table !== undefined)
    throw new RestoreRefused(`${file} is incomplete: it ends before the end of the backup.`)
  for (const [name, rows] of Object.entries(counted)) {
    if (trailer.rows[name] !== rows)
      throw new RestoreRefused(
        `${file} is damaged: table ${name} should have ${trailer.rows[name]} rows, it has ${rows}.`,
      )
  }
  return { header, rows: trailer.rows, counted }
}

/**
 * Moves each sequence-filled column's sequence (GroupEvent.id) past the largest value restored:
 * COPY writes the values as they were and leaves the sequence at its start, where the next row
 * would take an id already in use.
 */
async function continueSequences(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ table: string; column: string; sequence: string }>(
    `SELECT table_name AS table, column_name AS column, pg_get_serial_sequence(format('%I', table_name), column_name) AS sequence
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND pg_get_serial_sequence(format('%I', table_name), column_name) IS NOT NULL`,
  )
  for (const { table, column, sequence } of rows) {
    await client.query(
      `SELECT setval($1::regclass, coalesce(max(${quoteIdentifier(column)}), 0) + 1, false) FROM ${quoteIdentifier(table)}`,
      [sequence],
    )
  }
}

/** Restores `file` into the empty database at `url`; returns the rows per table. */
export async function restoreDatabase(
  url: string,
  file: string,
  available = readMigrations(),
): Promise<Record<string, number>> {
  // A first pass checks the whole file (format, completeness, row counts) before anything changes.
  const { header } = await readBackup(file, {})
  const atBackup = migrationsOf(header, available)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  let counts: Record<string, number>
  try {
    await assertEmpty(client)
    await applyMigrations(url, atBackup)
    const tables = new Set(await tablesInDependencyOrder(client))
    // The file lists tables parents first, so foreign keys hold as it loads, in one transaction.
    await client.query('BEGIN')
    let copy: CopyStreamQuery | undefined
    ;({ counted: counts } = await readBackup(file, {
      table: (table) => {
        if (!tables.has(table.table))
          throw new RestoreRefused(`The backup has a table ${table.table} that its own migrations do not create.`)
        copy = client.query(copyFrom(copyStatement(table, 'FROM STDIN')))
      },
      row: async (line) => {
        if (!copy!.write(`${line}\n`)) await once(copy!, 'drain')
      },
      tableEnd: async () => {
        copy!.end()
        await finished(copy!)
      },
    }))
    await continueSequences(client)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    await client.end().catch(() => {})
  }
  // Newer migrations than the backup's, on the restored data.
  await applyMigrations(url, available)
  return counts
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))
if (isMain) {
  const given = process.argv[2]
  if (!given) {
    console.error('Name the backup to restore: npm run db:restore FILE')
    process.exit(1)
  }
  const target = await openDatabaseTarget()
  try {
    const started = Date.now()
    const counts = await restoreDatabase(target.url, resolve(given))
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0)
    console.log(
      `Restored ${rows} rows in ${Object.keys(counts).length} tables into ${target.description}, in ${Date.now() - started} ms.`,
    )
  } catch (error) {
    console.error(`Restore failed: ${(error as Error).message}`)
    process.exitCode = 1
  } finally {
    await target.release()
  }
}
