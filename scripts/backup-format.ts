// Colloquy's backup file: gzip of JSON lines framing PostgreSQL's COPY text format.
//   {"format":"colloquy-backup","version":1,"createdAt":…,"migrations":[{name,checksum}…]}
//   {"table":"User","columns":["id",…]}    then one COPY line per row, then the line \.
//   …one section per table…
//   {"end":true,"rows":{"User":4,…}}         the rows each section must have held
// COPY's text format escapes tabs, newlines and backslashes inside values, so every row is one
// line; gzip's checksum and the closing line catch a damaged or cut-short file.
export const BACKUP_FORMAT = 'colloquy-backup'
export const BACKUP_VERSION = 1
export const END_OF_DATA = '\\.'

export interface AppliedMigration {
  name: string
  checksum: string
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  version: number
  createdAt: string
  migrations: AppliedMigration[]
}

export interface TableHeader {
  table: string
  columns: string[]
}

export interface BackupTrailer {
  end: true
  rows: Record<string, number>
}

/** Tables that are not data: the migration runner's own record, rebuilt by the restore. */
export const NOT_BACKED_UP = ['_prisma_migrations']

export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`

/** The first line of a backup taken now, at these migrations. */
export function backupHeader(migrations: AppliedMigration[]): BackupHeader {
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), migrations }
}

/** The COPY of one table's section, in the column order its header names: out of the database or into it. */
export function copyStatement({ table, columns }: TableHeader, direction: 'TO STDOUT' | 'FROM STDIN'): string {
  return `COPY ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) ${direction}`
}

type Queryable = {
  query: <R extends Record<string, unknown>>(text: string, values?: unknown[]) => Promise<{ rows: R[] }>
}

/**
 * The database's tables (less NOT_BACKED_UP), each after the tables its foreign keys point to:
 * the order a backup is written in, so a restore loads it as it reads it.
 */
export async function tablesInDependencyOrder(client: Queryable): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND NOT (tablename = ANY($1)) ORDER BY tablename`,
    [NOT_BACKED_UP],
  )
  const { rows: keys } = await client.query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent
     FROM pg_constraint c
     JOIN pg_class child ON child.oid = c.conrelid
     JOIN pg_class parent ON parent.oid = c.confrelid
     JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE c.contype = 'f' AND n.nspname = current_schema() AND c.conrelid <> c.confrelid`,
  )
  const parents = new Map<string, string[]>()
  for (const { child, parent } of keys) parents.set(child, [...(parents.get(child) ?? []), parent])
  const ordered: string[] = []
  const visiting = new Set<string>()
  const visit = (table: string) => {
    if (ordered.includes(table)) return
    if (visiting.has(table)) throw new Error(`The foreign keys form a cycle through ${table}.`)
    visiting.add(table)
    for (const parent of parents.get(table) ?? []) visit(parent)
    ordered.push(table)
  }
  for (const { name } of tables) visit(name)
  return ordered
}
