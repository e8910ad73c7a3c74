// map-pdf: the PDF export of a 200-node map (map page + evidence appendix), server time, against
// rendering the same map to SVG in the same run; both from the same drawing code.
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

/** A 200-node map: every other node cites a passage; each node supports or attacks an earlier one. */
function demoMap(): { state: MapState; cited: CitedPassage[] } {
  const cited: CitedPassage[] = []
  const nodes = Array.from({ length: NODES }, (_, i) => {
    const kind = KINDS[i % KINDS.length]!
    const highlightId = kind !== 'NOTE' && i % 2 === 0 ? `h${String(i).padStart(24, '0')}` : null
    const label = `Node ${i}: the alliance ${i % 3 ? 'deters' : 'entangles'} — “a cornerstone of security in East Asia” ¶${(i % 29) + 1}`
    if (highlightId && kind !== 'NOTE') {
      cited.push({ highlightId, sourceId: 's1', sourceTitle: 'US – Japan Alliance', paragraph: (i % 29) + 1, exact: label, tag: kind, anchorStatus: 'EXACT', authorName: 'Alex Rivera' })
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

export async function benchMapPdf(): Promise<BenchResult> {
  const { state, cited } = demoMap()
  const entries: AppendixEntry[] = state.nodes.map((n, i) => ({
    number: i + 1,
    kind: n.kind,
    text: n.label,
    quoted: n.highlightId !== null,
    label: null,
    citation: n.highlightId ? { sourceTitle: 'US – Japan Alliance', sourceAuthor: null, paragraph: (i % 29) + 1, taggedBy: 'Alex Rivera', orphaned: false } : null,
    relations: [],
    feedback: [],
  }))
  const content = { title: 'Is the alliance still worth it?', groupName: 'US–Japan Alliance Seminar', author: 'US–Japan Alliance Seminar', byline: 'US–Japan Alliance Seminar · Group map · exported 25 November 2026', entries, mapFeedback: [] }
  const pdf = () => renderMapPdf(content, (measure) => drawMap(state, cited, measure), 'a4', 'auto')
  const svg = () => {
    const measure = newMeasurer()
    return renderMapSvg(drawMap(state, cited, measure), { title: content.title, byline: content.groupName }, measure)
  }
  // Warm-up: fonts parsed, code compiled.
  await pdf()
  svg()
  const pdfTimes: number[] = []
  const svgTimes: number[] = []
  let bytes = 0
  for (let i = 0; i < RUNS; i++) {
    pdfTimes.push(await time(async () => (bytes = (await pdf()).length)))
    svgTimes.push(await time(svg))
  }
  const pdfMs = median(pdfTimes)
  return {
    name: 'map-pdf',
    rows: [{ name: `${NODES}-node map to PDF, median of ${RUNS}`, unit: 'ms', figure: pdfMs, baseline: median(svgTimes) }],
    notes: [
      `baseline: the same map to SVG with the same drawing code; PDF ${Math.round(bytes / 1024)} KiB with its evidence appendix`,
      `target: well under 2 s per export: ${pdfMs < 2000 ? 'met' : 'MISSED'} (${Math.round(pdfMs)} ms)`,
    ],
    failures: [],
  }
}
