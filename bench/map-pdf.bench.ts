// map-pdf: the PDF export of a 200-node map (map page + evidence appendix), server time, against
// rendering the same map to SVG in the same run; both from the same drawing code. Then the same
// map with mixed-script labels (Japanese, Chinese, Korean, Arabic, Hebrew, Devanagari, emoji,
// from tests/fixtures/multilingual-essay.txt) against the Latin one: time and file size.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { layeredLayout } from '../lib/maps/layout'
import type { CitedPassage } from '../lib/maps/queries'
import type { MapState } from '../lib/maps/reducer'
import { newMeasurer } from '../lib/export/fonts'
import { drawMap } from '../lib/export/map-drawing'
import { renderMapPdf, type AppendixEntry } from '../lib/export/map-pdf'
import { renderMapSvg } from '../lib/export/map-svg'
import type { BenchResult } from './lib/report'
import { median } from './lib/stats'

const NODES = 200
const RUNS = 7
const KINDS = ['CLAIM', 'EVIDENCE', 'BIAS', 'NOTE'] as const

const latinLabel = (i: number) =>
  `Node ${i}: the alliance ${i % 3 ? 'deters' : 'entangles'} — “a cornerstone of security in East Asia” ¶${(i % 29) + 1}`

/** The fixture's paragraphs in other scripts than Latin, each cut to the Latin label's length. */
function mixedLabels(): (i: number) => string {
  const essay = readFileSync(join(process.cwd(), 'tests', 'fixtures', 'multilingual-essay.txt'), 'utf8')
  const passages = essay.split(/\n\n+/).filter((p) => !/^[\x20-\x7e]+$/.test(p) && !p.startsWith('Seminars'))
  return (i) => `${i}: ${passages[i % passages.length]!.slice((i * 7) % 20, ((i * 7) % 20) + latinLabel(i).length - 4)}`
}

/** A 200-node map: every other node cites a passage; each node supports or attacks an earlier one. */
function demoMap(labelOf: (i: number) => string, title: string): { state: MapState; cited: CitedPassage[] } {
  const cited: CitedPassage[] = []
  const nodes = Array.from({ length: NODES }, (_, i) => {
    const kind = KINDS[i % KINDS.length]!
    const highlightId = kind !== 'NOTE' && i % 2 === 0 ? `h${String(i).padStart(24, '0')}` : null
    const label = labelOf(i)
    if (highlightId && kind !== 'NOTE') {
      cited.push({
        highlightId,
        sourceId: 's1',
        sourceTitle: title,
        paragraph: (i % 29) + 1,
        exact: label,
        tag: kind,
        anchorStatus: 'EXACT',
        authorName: 'Alex Rivera',
      })
    }
    return { id: `n${String(i).padStart(24, '0')}`, kind, label, highlightId, x: 0, y: 0, version: 1 }
  })
  const relations = nodes.slice(1).map((node, i) => ({
    id: `r${String(i).padStart(24, '0')}`,
    fromId: node.id,
    toId: nodes[Math.floor(i / 2)]!.id,
    kind: i % 5 === 0 ? ('ATTACKS' as const) : ('SUPPORTS' as const),
    label: '',
  }))
  const state: MapState = { nodes, relations }
  const at = new Map(layeredLayout(state).map((p) => [p.nodeId, p]))
  return { state: { ...state, nodes: nodes.map((n) => ({ ...n, x: at.get(n.id)!.x, y: at.get(n.id)!.y })) }, cited }
}

function time(run: () => unknown): Promise<number> {
  const started = performance.now()
  return Promise.resolve(run()).then(() => performance.now() - started)
}

interface Export {
  pdf: () => Promise<Buffer>
  svg: () => string
}

function exportOf(labelOf: (i: number) => string, title: string, sourceTitle: string): Export {
  const { state, cited } = demoMap(labelOf, sourceTitle)
  const entries: AppendixEntry[] = state.nodes.map((n, i) => ({
    number: i + 1,
    kind: n.kind,
    text: n.label,
    quoted: n.highlightId !== null,
    label: null,
    citation: n.highlightId
      ? { sourceTitle, sourceAuthor: null, paragraph: (i % 29) + 1, taggedBy: 'Alex Rivera', orphaned: false }
      : null,
    relations: [],
    feedback: [],
  }))
  const content = {
    title,
    groupName: 'US–Japan Alliance Seminar',
    author: 'US–Japan Alliance Seminar',
    byline: 'US–Japan Alliance Seminar · Group map · exported 25 November 2026',
    entries,
    mapFeedback: [],
  }
  return {
    pdf: () => renderMapPdf(content, (measure) => drawMap(state, cited, measure), 'a4', 'auto'),
    svg: () => {
      const measure = newMeasurer()
      return renderMapSvg(drawMap(state, cited, measure), { title: content.title, byline: content.byline }, measure)
    },
  }
}

export async function benchMapPdf(): Promise<BenchResult> {
  const latin = exportOf(latinLabel, 'Is the alliance still worth it?', 'US – Japan Alliance')
  const mixed = exportOf(
    mixedLabels(),
    'Is the alliance still worth it? 🤝 平和・سلام',
    'Peace in Many Scripts: 平和・سلام・שלום',
  )
  // The first mixed-script export of a process also reads and parses the fonts it needs.
  const cold = await time(mixed.pdf)
  // Warm-up: fonts parsed, code compiled.
  await latin.pdf()
  latin.svg()
  const times = { latin: [] as number[], svg: [] as number[], mixed: [] as number[] }
  const bytes = { latin: 0, mixed: 0 }
  for (let i = 0; i < RUNS; i++) {
    times.latin.push(await time(async () => (bytes.latin = (await latin.pdf()).length)))
    times.svg.push(await time(latin.svg))
    times.mixed.push(await time(async () => (bytes.mixed = (await mixed.pdf()).length)))
  }
  const pdfMs = median(times.latin)
  const mixedMs = median(times.mixed)
  const timeRatio = mixedMs / pdfMs
  const sizeRatio = bytes.mixed / bytes.latin
  return {
    name: 'map-pdf',
    rows: [
      { name: `${NODES}-node map to PDF, median of ${RUNS}`, unit: 'ms', figure: pdfMs, baseline: median(times.svg) },
      { name: `${NODES}-node mixed-script map to PDF (÷ Latin)`, unit: 'ms', figure: mixedMs, baseline: pdfMs },
      {
        name: `${NODES}-node mixed-script PDF size (÷ Latin)`,
        unit: 'KiB',
        figure: bytes.mixed / 1024,
        baseline: bytes.latin / 1024,
      },
    ],
    notes: [
      `baseline: the same map to SVG with the same drawing code; PDF ${Math.round(bytes.latin / 1024)} KiB with its evidence appendix`,
      `target: well under 2 s per export: ${pdfMs < 2000 ? 'met' : 'MISSED'} (${Math.round(pdfMs)} ms)`,
      `mixed scripts (Japanese, Chinese, Korean, Arabic, Hebrew, Devanagari, emoji; fonts subset into the file): ${timeRatio.toFixed(2)}× the Latin time (target ≤ 2×: ${timeRatio <= 2 ? 'met' : 'MISSED'}), ${sizeRatio.toFixed(2)}× its size (target ≤ 3×: ${sizeRatio <= 3 ? 'met' : 'MISSED'}); the first one in a process, fonts read and parsed, took ${Math.round(cold)} ms`,
    ],
    failures: [],
  }
}
