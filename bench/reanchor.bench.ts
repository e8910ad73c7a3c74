// reanchor: 1,000 highlights on the longest demo essay, placed again after an edit with the old
// text known (reanchor), against the naive approach: String.prototype.indexOf of each quote.
// Then the largest case: a 500,000-character source with 1,000 highlights after the sentences of
// every paragraph were reshuffled, computed here and saved over HTTP on an isolated app.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { diff_match_patch } from 'diff-match-patch'
import {
  anchorAt,
  reanchor,
  TextEdit,
  type AnchorStatus,
  type Placement,
  type TextAnchor,
} from '../lib/annotations/anchoring'
import { foldedString } from '../lib/annotations/anchoring/typography'
import { blocksOf } from '../lib/sources/blocks'
import { canonicalTextOf, importText } from '../lib/sources/importer'
import { checkedLongSource, randomAnchors as longAnchors, reshuffleSentences } from './lib/long-source'
import { reanchorOverHttp } from './lib/reanchor-http'
import type { BenchResult, Row } from './lib/report'
import { median, percentile, seededRandom } from './lib/stats'

const ESSAY = join(process.cwd(), 'prisma', 'demo-essays', '002_251c329c02d27095.txt')
const ANCHORS = 1_000
const RUNS = 5
const WARMUP_RUNS = 3
const SEED = 20261125

/** Replaces the one occurrence of `from` inside body paragraph `number`. */
function editParagraph(text: string, number: number, from: string, to: string): string {
  const block = blocksOf(text).find((b) => b.number === number)
  if (!block) throw new Error(`The essay has no paragraph ${number}.`)
  const at = block.text.indexOf(from)
  if (at === -1 || block.text.indexOf(from, at + 1) !== -1)
    throw new Error(`"${from}" is not in paragraph ${number} exactly once.`)
  const offset = block.start + at
  return text.slice(0, offset) + to + text.slice(offset + from.length)
}

/** A typical revision: a typo fixed, a sentence added, a sentence removed (this makes orphans). */
function reviseEssay(text: string): string {
  let revised = editParagraph(text, 3, 'To identify any adjustment that', 'To identify any adjustments that')
  revised = editParagraph(
    revised,
    10,
    'without much effort. ',
    'without much effort. Both governments also hoped that closer ties would reassure their wary neighbours. ',
  )
  return editParagraph(revised, 16, 'In the recent past, China has experienced tremendous economic growth. ', '')
}

function randomAnchors(text: string): TextAnchor[] {
  const random = seededRandom(SEED)
  return Array.from({ length: ANCHORS }, () => {
    const length = 20 + Math.floor(random() * 281)
    const start = Math.floor(random() * (text.length - length + 1))
    return anchorAt(text, start, start + length)
  })
}

function timed(run: () => void): number {
  const started = performance.now()
  run()
  return performance.now() - started
}

function benchEssay(): BenchResult {
  const oldText = canonicalTextOf(importText(readFileSync(ESSAY, 'utf8')).blocks)
  const newText = reviseEssay(oldText)
  const anchors = randomAnchors(oldText)

  let placements: Placement[] = []
  let naive: number[] = []
  const reanchorMs: number[] = []
  const naiveMs: number[] = []
  // Unmeasured rounds first, so the measured ones run optimised code.
  for (let run = -WARMUP_RUNS; run < RUNS; run++) {
    // As a save does: one edit from the old text, shared by every highlight made on it.
    const reanchorRun = timed(() => {
      const edit = new TextEdit(oldText, newText)
      placements = anchors.map((anchor) => reanchor(anchor, newText, edit))
    })
    const naiveRun = timed(() => (naive = anchors.map((anchor) => newText.indexOf(anchor.exact))))
    if (run < 0) continue
    reanchorMs.push(reanchorRun)
    naiveMs.push(naiveRun)
  }

  // Once more, one anchor at a time, to see which path the time goes to.
  const perAnchorMs: Record<AnchorStatus, number[]> = { EXACT: [], MOVED: [], ORPHANED: [] }
  const shared = new TextEdit(oldText, newText)
  anchors.forEach((anchor, i) =>
    perAnchorMs[placements[i]!.status].push(timed(() => reanchor(anchor, newText, shared))),
  )

  const counts = {
    EXACT: perAnchorMs.EXACT.length,
    MOVED: perAnchorMs.MOVED.length,
    ORPHANED: perAnchorMs.ORPHANED.length,
  }
  const failures = placements.flatMap((placement, i) =>
    placement.status === 'EXACT' && newText.slice(placement.start, placement.end) !== anchors[i]!.exact
      ? [`anchor ${i} is EXACT at ${placement.start}–${placement.end} but the text there is not its quote`]
      : [],
  )
  const found = naive.filter((at) => at !== -1).length
  const breakdown = (Object.keys(perAnchorMs) as AnchorStatus[])
    .filter((status) => perAnchorMs[status].length > 0)
    .map(
      (status) =>
        `${status} p50 ${percentile(perAnchorMs[status], 50).toFixed(3)} ms, p99 ${percentile(perAnchorMs[status], 99).toFixed(3)} ms`,
    )
  return {
    name: 'reanchor',
    rows: [
      {
        name: `${ANCHORS} anchors, median of ${RUNS}`,
        unit: 'ms',
        figure: median(reanchorMs),
        baseline: median(naiveMs),
      },
      { name: 'EXACT', unit: 'count', figure: counts.EXACT, baseline: null },
      { name: 'MOVED', unit: 'count', figure: counts.MOVED, baseline: null },
      { name: 'ORPHANED', unit: 'count', figure: counts.ORPHANED, baseline: null },
    ],
    notes: [
      `essay 002: ${oldText.length} chars → ${newText.length} after the edit (typo fixed in ¶3, sentence added in ¶10, sentence removed in ¶16)`,
      `outcome EXACT ${counts.EXACT} / MOVED ${counts.MOVED} / ORPHANED ${counts.ORPHANED}; naive indexOf finds ${found} quotes and loses ${ANCHORS - found}, and cannot tell a moved one from an exact one`,
      `one call at a time: ${breakdown.join('; ')}`,
    ],
    failures,
    details: { reanchorMs, naiveMs, counts, naiveFound: found },
  }
}

const LONG_RUNS = 5

/** The large edit, computed in this process as the job's worker does: p50/p99 of whole runs and of single highlights. */
function benchLongEdit(
  text: string,
  edited: string,
  anchors: TextAnchor[],
): { rows: Row[]; notes: string[]; failures: string[] } {
  const runs: number[] = []
  let placements: Placement[] = []
  let diffMs = 0
  for (let run = -1; run < LONG_RUNS; run++) {
    const started = performance.now()
    const edit = new TextEdit(text, edited)
    const diffed = performance.now()
    placements = anchors.map((anchor) => reanchor(anchor, edited, edit))
    if (run >= 0) runs.push(performance.now() - started)
    diffMs = diffed - started
  }
  const edit = new TextEdit(text, edited)
  const single = anchors.map((anchor) => timed(() => reanchor(anchor, edited, edit)))
  const dmp = new diff_match_patch()
  dmp.Diff_Timeout = 10
  const wholeDiff = timed(() => dmp.diff_main(text, edited))
  const counts = { EXACT: 0, MOVED: 0, ORPHANED: 0 }
  placements.forEach((p) => counts[p.status]++)
  const failures = placements.flatMap((p, i) =>
    p.status === 'EXACT' && foldedString(edited.slice(p.start, p.end)) !== foldedString(anchors[i]!.exact)
      ? [`long source: highlight ${i} is EXACT on other words`]
      : [],
  )
  return {
    rows: [
      {
        name: `500,000 chars, 1,000 highlights, reshuffled: p50 of ${LONG_RUNS}`,
        unit: 'ms',
        figure: percentile(runs, 50),
        baseline: wholeDiff,
      },
      {
        name: `500,000 chars, 1,000 highlights, reshuffled: p99 of ${LONG_RUNS}`,
        unit: 'ms',
        figure: percentile(runs, 99),
        baseline: wholeDiff,
      },
      { name: 'one highlight of the 1,000: p50', unit: 'ms', figure: percentile(single, 50), baseline: null },
      { name: 'one highlight of the 1,000: p99', unit: 'ms', figure: percentile(single, 99), baseline: null },
    ],
    notes: [
      `long source: ${text.length} chars → ${edited.length} after the sentences of every paragraph were reshuffled; the diff (paragraphs, sentences, moves, then characters) took ${diffMs.toFixed(0)} ms of the last run; baseline: one diff-match-patch diff of the whole text, the old first step (10 s timeout), ${wholeDiff.toFixed(0)} ms`,
      `long source outcome EXACT ${counts.EXACT} / MOVED ${counts.MOVED} / ORPHANED ${counts.ORPHANED} (a highlight across two sentences now apart is orphaned); with no highlights nothing is computed at all`,
    ],
    failures,
  }
}

export async function benchReanchor(): Promise<BenchResult> {
  const essay = benchEssay()
  const text = checkedLongSource()
  const edited = reshuffleSentences(text, SEED)
  const anchors = longAnchors(text, ANCHORS, SEED)
  const long = benchLongEdit(text, edited, anchors)
  const http = await reanchorOverHttp(text, edited, anchors).catch((error: Error) => ({
    rows: [],
    notes: [],
    failures: [`over HTTP: ${error.stack ?? error.message}`],
    details: {},
  }))
  return {
    name: 'reanchor',
    rows: [...essay.rows, ...long.rows, ...http.rows],
    notes: [...essay.notes, ...long.notes, ...http.notes],
    failures: [...essay.failures, ...long.failures, ...http.failures],
    details: { ...essay.details, http: http.details },
  }
}
