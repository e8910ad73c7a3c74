// Raw SQL straight on the pg pool Prisma itself uses, for the statements every request runs (who
// is asking, may they touch this source, create a highlight). Through Prisma each cost about
// 0.6 ms more CPU on a 2-core server than the query itself (README, design notes); on the pool it
// is one driver call. Values are always bound parameters, as with $queryRaw; pass plain values,
// not Prisma.sql fragments.
import 'server-only'
import { createHash } from 'node:crypto'
import { connection } from '@/lib/db'
import { namedStatementsAllowed } from '@/lib/env'

interface Statement {
  name: string
  text: string
}

// Keyed by the template's strings, one object per call site: its text and name are built once.
const statements = new WeakMap<TemplateStringsArray, Statement>()

/** A call site's SQL with $1, $2… and its name: each connection parses it once, then reuses it. */
function statementOf(strings: TemplateStringsArray): Statement {
  let statement = statements.get(strings)
  if (!statement) {
    const text = strings.reduce((query, part, index) => `${query}$${index}${part}`)
    statement = { name: `colloquy_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text }
    statements.set(strings, statement)
  }
  return statement
}

// A pooler in transaction mode (pgbouncer before 1.21) hands each statement any server
// connection, where a statement prepared on another one does not exist: there, unnamed statements.
const named = namedStatementsAllowed()

/** Rows of a tagged-template query: sqlRows<Row>`SELECT … WHERE id = ${id}`. */
export async function sqlRows<Row>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Row[]> {
  const { name, text } = statementOf(strings)
  const result = await connection().pool.query(named ? { name, text, values } : { text, values })
  return result.rows as Row[]
}
