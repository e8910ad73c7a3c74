// `npm run reanchor:corpus [-- --baseline <git revision>] [--failures N] [--out file.json]`:
// generates the re-anchoring edit corpus (tests/corpus/) and prints, per edit family, what the
// anchoring module decided against the ground truth. With --baseline, the anchoring module of
// that revision is scored on the same corpus first, for a before/after comparison.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as anchoring from '@/lib/annotations/anchoring'
import { buildCorpus } from '../tests/corpus/corpus'
import { evaluate, formatReport, type Implementation, type Report } from '../tests/corpus/evaluate'

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}

/** The anchoring module as it was at `revision`, written where its imports still resolve. */
async function anchoringAt(revision: string): Promise<Implementation> {
  const source = execFileSync('git', ['show', `${revision}:lib/annotations/anchoring.ts`], { encoding: 'utf8' })
  const dir = join(process.cwd(), '.data', 'reanchor-baseline')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `anchoring-${revision.replace(/[^\w.-]/g, '_')}.ts`)
  writeFileSync(file, source)
  return (await import(pathToFileURL(file).href)) as Implementation
}

function timed(label: string, run: () => Report): Report {
  const started = performance.now()
  const report = run()
  console.log(`${label}: scored in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return report
}

async function main() {
  const revision = option('baseline')
  const older = revision ? await anchoringAt(revision) : undefined
  const { cases, essaysFrom } = buildCorpus()
  const highlights = cases.reduce((sum, c) => sum + c.probes.length, 0)
  console.log(`corpus: ${cases.length} edits, ${highlights} highlights; essays from ${essaysFrom}`)
  if (older) {
    const before = timed(`before (${revision})`, () => evaluate(cases, older))
    console.log(`${formatReport(before, `before: anchoring.ts at ${revision}`)}\n`)
  }
  const after = timed('after (this tree)', () => evaluate(cases, anchoring as unknown as Implementation))
  console.log(formatReport(after, 'after: this tree'))
  for (const failure of after.failures.slice(0, Number(option('failures') ?? 0))) console.log(JSON.stringify(failure))
  const out = option('out')
  if (out) writeFileSync(out, JSON.stringify(cases, null, 1))
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message)
  process.exitCode = 1
})
