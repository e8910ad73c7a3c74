// `npm run bench [-- name…]`: runs each benchmark, prints one table of figures against baselines
// measured in the same run, and writes bench/results/ (latest.json and a dated copy). Exits 1 when a
// benchmark failed.
import { cpus, loadavg } from 'node:os'
import { benchHighlightCreate } from './highlight-create.bench'
import { benchImport } from './import.bench'
import { benchHostile } from './hostile.bench'
import { benchMapFanout } from './map-fanout.bench'
import { benchMapLayout } from './map-layout.bench'
import { benchMapPdf } from './map-pdf.bench'
import { benchMapRender } from './map-render.bench'
import { stopAll } from './lib/processes'
import { printTable, writeResults, type BenchResult } from './lib/report'
import { benchReaderRender } from './reader-render.bench'
import { benchReanchor } from './reanchor.bench'
import { benchSearch } from './search.bench'

const BENCHMARKS: { name: string; run: () => BenchResult | Promise<BenchResult> }[] = [
  { name: 'reanchor', run: benchReanchor },
  { name: 'highlight-create', run: benchHighlightCreate },
  { name: 'map-render', run: benchMapRender },
  { name: 'map-fanout', run: benchMapFanout },
  { name: 'map-pdf', run: benchMapPdf },
  { name: 'map-layout', run: benchMapLayout },
  { name: 'reader-render', run: benchReaderRender },
  { name: 'import', run: benchImport },
  { name: 'hostile', run: benchHostile },
  { name: 'search', run: benchSearch },
]
/** The whole run stops by itself after this, children included. */
const RUN_TIMEOUT_MS = 40 * 60_000

let aborting = false

async function abort(reason: string, code: number): Promise<void> {
  // A Ctrl-C arrives twice (from the terminal and relayed by tsx); the second must not cut the cleanup short.
  if (aborting) return
  aborting = true
  console.error(`\nbench: ${reason}; stopping child processes…`)
  await stopAll()
  process.exit(code)
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((name) => !BENCHMARKS.some((bench) => bench.name === name))
  if (unknown.length > 0)
    throw new Error(`Unknown benchmark ${unknown.join(', ')}; there are ${BENCHMARKS.map((b) => b.name).join(', ')}.`)
  const selected = BENCHMARKS.filter((bench) => wanted.length === 0 || wanted.includes(bench.name))

  const [load] = loadavg()
  console.log(
    `bench: ${cpus().length} cores, load average ${load!.toFixed(1)} (others running on the machine inflate absolute figures)`,
  )
  const results: BenchResult[] = []
  for (const bench of selected) {
    console.log(`bench: ${bench.name}…`)
    const started = Date.now()
    try {
      results.push(await bench.run())
    } catch (error) {
      results.push({ name: bench.name, rows: [], notes: [], failures: [(error as Error).stack ?? String(error)] })
    }
    console.log(`bench: ${bench.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  printTable(results)
  console.log(`bench: wrote ${writeResults(results).join(' and ')}`)
  return results.some((result) => result.failures.length > 0) ? 1 : 0
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void abort(`got ${signal}`, 130))
const watchdog = setTimeout(() => void abort(`still running after ${RUN_TIMEOUT_MS / 60_000} min`, 1), RUN_TIMEOUT_MS)

main()
  .then((code) => (process.exitCode = code))
  .catch((error: Error) => {
    console.error(`bench: ${error.message}`)
    process.exitCode = 1
  })
  .finally(async () => {
    clearTimeout(watchdog)
    await stopAll()
  })
