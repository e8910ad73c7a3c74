// What a benchmark hands back, the progress lines it prints while it runs, the one table `npm run
// bench` prints, and bench/results/ (latest.json and a dated copy of every run).
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'

export interface Row {
  name: string
  unit: 'ms' | 'req/s' | 'count' | 'KiB'
  figure: number
  /** The same measurement of the naive approach in the same run; null where there is none. */
  baseline: number | null
}

export interface BenchResult {
  name: string
  rows: Row[]
  /** Lines printed under the table: outcomes, breakdowns, what to look at. */
  notes: string[]
  /** Anything that makes the figures untrustworthy (error responses, wrong placements). */
  failures: string[]
  details?: Record<string, unknown>
}

/** The result, pointing at the server's own output when anything failed: the reason is usually there. */
export function withServerLog(result: BenchResult, logFile: string): BenchResult {
  return result.failures.length > 0 ? { ...result, notes: [...result.notes, `server output: ${logFile}`] } : result
}

/** A progress line, stamped with the time of day, so a slow step shows where a run spends it. */
export const step = (line: string) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${line}`)

/** The machine's load as a run ends: figures taken on a busy machine read slower than they are. */
export const loadAverageNote = () =>
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')} on ${cpus().length} cores`

const RESULTS_DIR = join(process.cwd(), 'bench', 'results')

export function ratioOf(row: Row): number | null {
  return row.baseline === null || row.baseline === 0 ? null : row.figure / row.baseline
}

function formatNumber(value: number, unit: Row['unit']): string {
  if (unit === 'count') return String(value)
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3
  return `${value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`
}

function formatRatio(ratio: number | null): string {
  if (ratio === null) return '—'
  const digits = ratio >= 100 ? 0 : ratio >= 10 ? 1 : 2
  return `${ratio.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })}×`
}

export function printTable(results: BenchResult[]): void {
  const header = ['name', 'figure', 'baseline', 'ratio']
  const lines = results.flatMap((result) =>
    result.rows.map((row) => [
      `${result.name}: ${row.name}`,
      formatNumber(row.figure, row.unit),
      row.baseline === null ? '—' : formatNumber(row.baseline, row.unit),
      formatRatio(ratioOf(row)),
    ]),
  )
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)))
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
  console.log()
  console.log(format(header))
  console.log(widths.map((width) => '-'.repeat(width)).join('  '))
  for (const line of lines) console.log(format(line))
  for (const result of results) {
    for (const note of result.notes) console.log(`  ${result.name}: ${note}`)
    for (const failure of result.failures) console.log(`  FAILED ${result.name}: ${failure}`)
  }
  console.log()
}

/**
 * Writes the run to bench/results/latest.json and to a dated copy named by its time, commit and
 * benchmarks (kept in the repository, so figures can be compared across commits). Returns both paths.
 */
export function writeResults(results: BenchResult[]): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const finishedAt = new Date().toISOString()
  const commit = currentCommit()
  const report = {
    finishedAt,
    commit,
    machine: { node: process.version, cpus: cpus().length, loadavg: loadavg() },
    benchmarks: results.map((result) => ({
      ...result,
      rows: result.rows.map((row) => ({ ...row, ratio: ratioOf(row) })),
    })),
  }
  const text = `${JSON.stringify(report, null, 2)}\n`
  const latest = join(RESULTS_DIR, 'latest.json')
  const dated = join(
    RESULTS_DIR,
    `${finishedAt.slice(0, 16).replace(':', '-')}-${commit?.slice(0, 7) ?? 'uncommitted'}-${results.map((r) => r.name).join('+')}.json`,
  )
  writeFileSync(latest, text)
  writeFileSync(dated, text)
  return [latest, dated]
}

/** The commit the run measured, with "+changes" when the work tree differs from it; null outside git. */
function currentCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
    return changed ? `${head}+changes` : head
  } catch {
    return null
  }
}
