// Re-anchoring measured on the edit corpus (tests/corpus/): over a thousand realistic edits of
// the seed essays and of Japanese public-domain texts, generated from a fixed seed, with every
// highlight judged against where its passage truly is. `npm run reanchor:corpus` prints the same
// table, and compares with an older revision (--baseline).
import { describe, expect, it } from 'vitest'
import * as anchoring from '@/lib/annotations/anchoring'
import { buildCorpus, FAMILIES } from '../corpus/corpus'
import { evaluate, formatReport, type Implementation, type Report } from '../corpus/evaluate'

const { cases, essaysFrom } = buildCorpus()
const report: Report = evaluate(cases, anchoring as unknown as Implementation)
console.log(`Edit corpus: essays from ${essaysFrom}\n${formatReport(report, 'Re-anchoring on the edit corpus')}`)

const failuresOf = (outcome: string) => report.failures.filter((failure) => failure.outcome === outcome).slice(0, 5)

describe('re-anchoring on the edit corpus', () => {
  it('covers more than a thousand edits in every family, with Japanese text in each', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1_000)
    expect(report.byFamily.size).toBe(FAMILIES.length)
    expect(FAMILIES.length).toBeGreaterThanOrEqual(10)
    for (const family of FAMILIES) {
      expect(cases.filter((c) => c.family === family.name && c.language === 'ja').length, family.name).toBeGreaterThan(
        0,
      )
    }
  })

  it('never calls a placement EXACT at the wrong place, or when its passage is gone or rewritten', () => {
    expect(failuresOf('misplaced')).toEqual([])
    expect(report.total.outcomes.misplaced).toBe(0)
  })

  it('loses at most 1 % of the passages still there unchanged, with their paragraph', () => {
    expect(report.total.outcomes.lost / report.total.kept, JSON.stringify(failuresOf('lost'))).toBeLessThanOrEqual(0.01)
  })

  it('keeps every highlight EXACT through typography-only edits', () => {
    const typography = report.byFamily.get('typography only')!
    expect(
      typography.exactKept,
      JSON.stringify(report.failures.filter((f) => f.caseId.startsWith('typography')).slice(0, 5)),
    ).toBe(typography.kept)
    expect(typography.kept).toBeGreaterThan(500)
  })

  it('keeps unchanged passages EXACT in Japanese, written without spaces, as in English', () => {
    for (const [language, tally] of report.byLanguage) {
      expect(tally.outcomes.misplaced, language).toBe(0)
      expect(tally.exactKept / tally.kept, language).toBeGreaterThan(0.9)
    }
  })
})
