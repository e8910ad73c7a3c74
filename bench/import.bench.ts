// import: Colloquy's HTML import on the public article extraction benchmark (181 real pages with
// hand-checked article bodies), scored with that benchmark's own metric, beside the all-text
// floor (every piece of text on the page) and Readability alone, computed in the same run on the
// same pages. Writes bench/results/import-predictions.json in the benchmark's format.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import { canonicalTextOf } from '../lib/sources/import/draft'
import { importFile } from '../lib/sources/import/file'
import { walkDocument } from '../lib/sources/import/html-walk'
import type { BenchResult } from './lib/report'
import { aggregate, scorePage, type PageScore } from './lib/shingle-metric'
import { percentile } from './lib/stats'

/** Where the benchmark lives: IMPORT_BENCHMARK_DIR, or ../shared/article-extraction-benchmark beside the project. */
const DATA_DIR =
  process.env.IMPORT_BENCHMARK_DIR ?? resolve(process.cwd(), '..', 'shared', 'article-extraction-benchmark')
const PREDICTIONS = join(process.cwd(), 'bench', 'results', 'import-predictions.json')

type Truth = Record<string, { articleBody: string; url?: string }>

function allText(html: string): string {
  const { document } = parseHTML(html)
  const root = (document.body ?? document.documentElement) as unknown as Element
  return walkDocument(root)
    .blocks.map((block) => block.text)
    .join('\n')
}

function readabilityText(html: string): string {
  const { document } = parseHTML(html)
  return new Readability(document as unknown as Document).parse()?.textContent ?? ''
}

const f = (value: number) => value.toFixed(3)

export async function benchImport(): Promise<BenchResult> {
  const truthFile = join(DATA_DIR, 'ground-truth.json')
  if (!existsSync(truthFile)) {
    const note = `skipped: the article extraction benchmark is not at ${DATA_DIR} (set IMPORT_BENCHMARK_DIR to its folder)`
    console.log(`bench: import ${note}`)
    return { name: 'import', rows: [], notes: [note], failures: [] }
  }
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Truth
  const ids = Object.keys(truth).sort()
  const predictions: Record<string, { articleBody: string }> = {}
  const ours: PageScore[] = []
  const floor: PageScore[] = []
  const readability: PageScore[] = []
  const times: number[] = []
  const floorTimes: number[] = []
  const failures: string[] = []
  for (const id of ids) {
    const bytes = gunzipSync(readFileSync(join(DATA_DIR, 'html', `${id}.html.gz`)))
    const html = bytes.toString('utf8')
    const expected = truth[id]!.articleBody
    let text = ''
    const started = performance.now()
    try {
      // The upload path's own function, as the parse-upload job runs it; kept blocks are what a user gets by default.
      text = canonicalTextOf(
        (await importFile({ name: `${id}.html`, type: 'text/html', bytes: new Uint8Array(bytes) })).blocks,
      )
    } catch (error) {
      failures.push(`${id}: ${(error as Error).message}`)
    }
    times.push(performance.now() - started)
    predictions[id] = { articleBody: text }
    ours.push(scorePage(expected, text))
    const floorStarted = performance.now()
    floor.push(scorePage(expected, allText(html)))
    floorTimes.push(performance.now() - floorStarted)
    readability.push(scorePage(expected, readabilityText(html)))
  }
  mkdirSync(join(process.cwd(), 'bench', 'results'), { recursive: true })
  writeFileSync(PREDICTIONS, `${JSON.stringify(predictions, null, 1)}\n`)

  const score = aggregate(ours)
  const base = aggregate(floor)
  const alone = aggregate(readability)
  const line = (name: string, s: ReturnType<typeof aggregate>) =>
    `${name}: F1 ${f(s.f1)} · precision ${f(s.precision)} · recall ${f(s.recall)}`
  const lines = [
    line('Colloquy import', score),
    line('all-text floor (same run)', base),
    line('Readability alone (same run)', alone),
    `import time per page: p50 ${percentile(times, 50).toFixed(1)} ms · p99 ${percentile(times, 99).toFixed(1)} ms (all-text floor: p50 ${percentile(floorTimes, 50).toFixed(1)} ms · p99 ${percentile(floorTimes, 99).toFixed(1)} ms)`,
  ]
  for (const text of lines) console.log(`bench: import ${text}`)
  return {
    name: 'import',
    rows: [
      {
        name: `F1 on ${ids.length} pages (baseline: all-text floor)`,
        unit: 'count',
        figure: Number(f(score.f1)),
        baseline: Number(f(base.f1)),
      },
      {
        name: 'import time per page p50',
        unit: 'ms',
        figure: percentile(times, 50),
        baseline: percentile(floorTimes, 50),
      },
      {
        name: 'import time per page p99',
        unit: 'ms',
        figure: percentile(times, 99),
        baseline: percentile(floorTimes, 99),
      },
    ],
    notes: [
      ...lines,
      `predictions for all ${ids.length} ids: ${PREDICTIONS}`,
      'baseline of the time rows: reading the page and listing all of its text (the floor)',
    ],
    failures,
  }
}
