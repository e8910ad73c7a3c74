// Raw SQL straight on the pg pool Prisma itself uses, for the statements every request runs (who
// is asking, may they touch this source, create a highlight). Through Prisma each cost about
// 0.6 ms more CPU on a 2-core server than the query itself (README, design notes); on the pool it
// is one driver call. Values are always bound parameters, as with $queryRaw; pass plain values,
// not Prisma.sql fragments.
import { createHash } from 'node:crypto'
import { connection } from '@/lib/db'

const names = new Map<string, string>()

/** A statement's name, from its text: each connection parses it once, then reuses it. */
function statementName(text: string): string {
  let name = names.get(text)
  if (!name) {
    name = `colloquy_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`
    names.set(text, name)
  }
  return name
}

/** Rows of a tagged-template query: sqlRows<Row>`SELECT … WHERE id = ${id}`. */
export async function sqlRows<Row>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Row[]> {
  const text = strings.reduce((query, part, index) => `${query}$${index}${part}`)
  const result = await connection().pool.query({ name: statementName(text), text, values })
  return result.rows as Row[]
}
