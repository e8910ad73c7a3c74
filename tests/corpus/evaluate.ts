// Scores a re-anchoring implementation on the edit corpus: for every highlight, what it decided
// against where the passage truly is, counted per edit family and language.
import type { EditCase } from './corpus'
import type { Span, TruthKind } from './splices'

type Status = 'EXACT' | 'MOVED' | 'ORPHANED'

/** Any implementation of the anchoring module's shape: this one, or an older one for comparison. */
export interface Implementation {
  anchorAt(
    text: string,
    start: number,
    end: number,
  ): { exact: string; prefix: string; suffix: string; start: number; end: number }
  TextEdit: new (oldText: string, newText: string) => unknown
  reanchor(
    anchor: ReturnType<Implementation['anchorAt']>,
    newText: string,
    edit: never,
  ): { start: number; end: number; status: Status }
}

/**
 * right: EXACT where the passage is (kept or corrected), MOVED where it is for a changed or
 *   relocated passage, ORPHANED for a deleted one.
 * asked: MOVED where an unchanged passage is (a needless question), or for a corrected one.
 * misplaced: EXACT anywhere else, or EXACT for a passage relocated, rewritten or gone (silent).
 * lost: ORPHANED while the unchanged passage is there with its paragraph.
 * strayed: MOVED somewhere the passage is not (a wrong question).
 * orphaned: ORPHANED for a corrected, relocated or rewritten passage (kept, with its quote).
 */
export type Outcome = 'right' | 'asked' | 'misplaced' | 'lost' | 'strayed' | 'orphaned'
export const OUTCOMES: Outcome[] = ['right', 'asked', 'misplaced', 'lost', 'strayed', 'orphaned']

export interface Tally {
  cases: number
  highlights: number
  kept: number
  exactKept: number
  outcomes: Record<Outcome, number>
}

export interface Failure {
  caseId: string
  truth: TruthKind
  shape: string
  quote: string
  status: Status
  outcome: Outcome
  placed: string
  expected: string
}

const trimmed = (text: string, span: Span): Span => {
  let { start, end } = span
  while (start < end && /\s/.test(text[start]!)) start++
  while (end > start && /\s/.test(text[end - 1]!)) end--
  return { start, end }
}
const same = (text: string, a: Span, b: Span) => {
  const x = trimmed(text, a)
  const y = trimmed(text, b)
  return x.start === y.start && x.end === y.end
}
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end

function judge(truth: TruthKind, spans: Span[], text: string, placed: Span & { status: Status }): Outcome {
  const at = spans.some((span) => same(text, placed, span))
  const near = spans.some((span) => overlaps(placed, span))
  if (placed.status === 'EXACT') return (truth === 'kept' || truth === 'corrected') && at ? 'right' : 'misplaced'
  if (placed.status === 'ORPHANED') return truth === 'kept' ? 'lost' : truth === 'gone' ? 'right' : 'orphaned'
  if (truth === 'kept' || truth === 'corrected') return at ? 'asked' : 'strayed'
  if (truth === 'relocated' || truth === 'rewritten') return near ? 'right' : 'strayed'
  return 'strayed'
}

const emptyTally = (): Tally => ({
  cases: 0,
  highlights: 0,
  kept: 0,
  exactKept: 0,
  outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>,
})

export interface Report {
  byFamily: Map<string, Tally>
  byLanguage: Map<string, Tally>
  total: Tally
  failures: Failure[]
}

export function evaluate(cases: EditCase[], impl: Implementation): Report {
  const report: Report = { byFamily: new Map(), byLanguage: new Map(), total: emptyTally(), failures: [] }
  const tallies = (c: EditCase) => {
    if (!report.byFamily.has(c.family)) report.byFamily.set(c.family, emptyTally())
    if (!report.byLanguage.has(c.language)) report.byLanguage.set(c.language, emptyTally())
    return [report.byFamily.get(c.family)!, report.byLanguage.get(c.language)!, report.total]
  }
  for (const c of cases) {
    const edit = new impl.TextEdit(c.old, c.new) as never
    const counted = tallies(c)
    counted.forEach((t) => t.cases++)
    for (const probe of c.probes) {
      const placed = impl.reanchor(impl.anchorAt(c.old, probe.start, probe.end), c.new, edit)
      const outcome = judge(probe.truth.kind, probe.truth.spans, c.new, placed)
      for (const t of counted) {
        t.highlights++
        t.outcomes[outcome]++
        if (probe.truth.kind === 'kept') {
          t.kept++
          if (outcome === 'right') t.exactKept++
        }
      }
      if (
        outcome === 'misplaced' ||
        outcome === 'lost' ||
        outcome === 'strayed' ||
        (outcome === 'asked' && probe.truth.kind === 'kept')
      ) {
        report.failures.push({
          caseId: c.id,
          truth: probe.truth.kind,
          shape: probe.shape,
          quote: c.old.slice(probe.start, probe.end),
          status: placed.status,
          outcome,
          placed: c.new.slice(placed.start, placed.end),
          expected: probe.truth.spans.map((s) => c.new.slice(s.start, s.end)).join(' | '),
        })
      }
    }
  }
  return report
}

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`)

/** The report as a table: per family, then per language, then in all. */
export function formatReport(report: Report, title: string): string {
  const head = [
    '',
    'edits',
    'highlights',
    'right',
    'asked',
    'MISPLACED',
    'LOST',
    'strayed',
    'orphaned',
    'unchanged kept EXACT',
  ]
  const row = (name: string, t: Tally) => [
    name,
    String(t.cases),
    String(t.highlights),
    ...OUTCOMES.map((o) => String(t.outcomes[o])),
    `${t.exactKept}/${t.kept} (${percent(t.exactKept, t.kept)})`,
  ]
  const rows = [
    head,
    ...[...report.byFamily].map(([name, t]) => row(name, t)),
    ...[...report.byLanguage].map(([name, t]) => row(`all ${name === 'en' ? 'English' : 'Japanese'}`, t)),
    row('all', report.total),
  ]
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  const lines = rows.map((r) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
  )
  const lost = report.total.outcomes.lost
  return [
    title,
    ...lines,
    `silent misplacements ${report.total.outcomes.misplaced}; lost ${lost} of ${report.total.kept} unchanged passages (${percent(lost, report.total.kept)})`,
  ].join('\n')
}
