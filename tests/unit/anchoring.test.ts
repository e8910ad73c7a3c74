import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anchorAt, reanchor, TextEdit, type AnchorStatus } from '@/lib/annotations/anchoring'
import { foldedString } from '@/lib/annotations/anchoring/typography'

const WORDS = [
  'alliance',
  'Japan',
  'treaty',
  'the',
  'of',
  'security',
  'China',
  'bases',
  'Okinawa',
  'deterrence',
  'and',
  'a',
  'United',
  'States',
  'cost',
  'burden',
  'sharing',
  'nuclear',
  'Korea',
  'Pacific',
  'order',
  'rise',
  'power',
  'region',
]

const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 14 }).map((w) => `${w.join(' ')}.`)
const text = fc.array(sentence, { minLength: 4, maxLength: 30 }).map((s) => s.join(' '))
const insertText = fc
  .array(fc.constantFrom(...WORDS, ' ', ', ', '. '), { minLength: 0, maxLength: 8 })
  .map((w) => w.join(' '))

/** A text, a highlight in it, and an edit (delete `length` chars at `at`, insert `insert`). */
const scenario = text.chain((t) =>
  fc
    .tuple(fc.nat(t.length - 1), fc.integer({ min: 1, max: 80 }), fc.nat(t.length), fc.nat(40), insertText)
    .map(([start, len, at, length, insert]) => {
      const end = Math.min(t.length, start + len)
      const del = Math.min(length, t.length - at)
      return { text: t, start, end, at, del, insert }
    }),
)

type Scenario = { text: string; start: number; end: number; at: number; del: number; insert: string }
type Anchor = ReturnType<typeof anchorAt>

const apply = (s: Pick<Scenario, 'text' | 'at' | 'del' | 'insert'>) =>
  s.text.slice(0, s.at) + s.insert + s.text.slice(s.at + s.del)

/** Checks `check` on each of `numRuns` scenarios whose highlight re-anchoring places with `status`. */
function whenPlaced(
  status: AnchorStatus,
  numRuns: number,
  check: (s: Scenario, placement: { anchor: Anchor; edited: string; placed: ReturnType<typeof reanchor> }) => void,
) {
  fc.assert(
    fc.property(scenario, (s) => {
      const anchor = anchorAt(s.text, s.start, s.end)
      const edited = apply(s)
      const placed = reanchor(anchor, edited, s.text)
      if (placed.status === status) check(s, { anchor, edited, placed })
    }),
    { numRuns },
  )
}

describe('re-anchoring after an edit', () => {
  it('keeps a highlight exact, at its shifted place, when the edit is well away from it', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const editEnd = s.at + s.del
        const before = editEnd + 40 <= s.start
        const after = s.at >= s.end + 40
        fc.pre(before || after)
        const anchor = anchorAt(s.text, s.start, s.end)
        const edited = apply(s)
        const shift = before ? s.insert.length - s.del : 0
        expect(reanchor(anchor, edited, s.text)).toEqual({
          start: s.start + shift,
          end: s.end + shift,
          status: 'EXACT',
        })
      }),
      { numRuns: 400 },
    )
  })

  it('never calls a placement exact unless it holds the quote, at the place the edit put it', () => {
    whenPlaced('EXACT', 1000, (s, { anchor, edited, placed }) => {
      // Exact up to typography: an edit that only adds a space inside the passage keeps it EXACT.
      expect(foldedString(edited.slice(placed.start, placed.end))).toBe(foldedString(anchor.exact))
      // An edit closer to the passage than its own size can be read two ways ("r|ise" →
      // "r|rise|se"): the placement may then differ from the intended one by at most that size.
      const reach = s.insert.length + s.del
      const editEnd = s.at + s.del
      const slack = (gap: number) => (gap < reach ? reach : 0)
      if (editEnd <= s.start)
        expect(Math.abs(placed.start - (s.start + s.insert.length - s.del))).toBeLessThanOrEqual(
          slack(s.start - editEnd),
        )
      else if (s.at >= s.end) expect(Math.abs(placed.start - s.start)).toBeLessThanOrEqual(slack(s.at - s.end))
    })
  })

  it('flags a changed passage as moved only near where it was, never somewhere else', () => {
    whenPlaced('MOVED', 1000, (s, { placed }) => {
      const length = s.end - s.start
      const low = Math.min(s.start, s.at) - length - 2 * 32
      const high = Math.max(s.end + s.insert.length, s.at + s.insert.length) + length + 2 * 32
      expect(placed.end).toBeGreaterThan(low)
      expect(placed.start).toBeLessThan(high)
    })
  })

  it('keeps a highlight exact when a space is added inside it, covering the wider spacing', () => {
    // Found by the property above: spacing is typography, so the passage is still the quote.
    const old = 'sharing nuclear power region security.'
    const edited = 'sharing  nuclear power region security.'
    expect(reanchor(anchorAt(old, 0, 9), edited, old)).toEqual({ start: 0, end: 10, status: 'EXACT' })
  })

  it('orphans a one-letter highlight deleted with its surroundings, though the letter is everywhere near', () => {
    // Found by the property above: the edit removed the passage and its context; an "e" 153
    // characters before it, between words that repeat, is not it.
    const old =
      'the Japan Pacific the power bases power States alliance and. Pacific China the States bases Pacific United deterrence. ' +
      'Pacific deterrence States United sharing and. States China alliance deterrence China power. alliance cost bases rise ' +
      'alliance security deterrence bases Japan order bases. of deterrence Pacific of Korea sharing nuclear treaty. Korea United ' +
      'region alliance alliance security bases security deterrence rise. sharing bases Okinawa of order and and power and Japan ' +
      'deterrence Japan. and States Pacific United cost the.'
    const edited = old.slice(0, 347) + old.slice(347 + 38)
    expect(reanchor(anchorAt(old, 381, 382), edited, old).status).toBe('ORPHANED')
  })

  it('orphans a highlight whose passage was deleted', () => {
    const old = 'The alliance is strong. The alliance is old. Japan pays for bases.'
    const anchor = anchorAt(old, 24, 43)
    expect(reanchor(anchor, old.replace('The alliance is old. ', ''), old).status).toBe('ORPHANED')
  })

  it('marks a lightly edited passage as moved, covering the edited words', () => {
    const old = 'The alliance is strong. The alliance is old. Japan pays for bases.'
    const placed = reanchor(anchorAt(old, 24, 43), old.replace('is old', 'is very old'), old)
    expect(placed).toEqual({ start: 24, end: 48, status: 'MOVED' })
  })

  it('finds a paragraph that was moved elsewhere by its quote and context, and asks for confirmation', () => {
    const paragraphs = [
      'First paragraph about treaties and bases.',
      'Second paragraph on burden sharing costs.',
      'Third on China.',
    ]
    const old = paragraphs.join('\n\n')
    const start = old.indexOf('burden sharing')
    const anchor = anchorAt(old, start, start + 'burden sharing'.length)
    const moved = [paragraphs[2], paragraphs[0], paragraphs[1]].join('\n\n')
    const placed = reanchor(anchor, moved, old)
    expect(moved.slice(placed.start, placed.end)).toBe('burden sharing')
    expect(placed.status).not.toBe('ORPHANED')
  })

  it('works on a real essay with random typo fixes', () => {
    const essay = readFileSync('prisma/demo-essays/003_efd70901a5858e8b.txt', 'utf8')
    fc.assert(
      fc.property(
        fc.nat(essay.length - 200),
        fc.integer({ min: 5, max: 150 }),
        fc.nat(essay.length - 1),
        fc.string({ maxLength: 3 }),
        (start, len, at, typo) => {
          const end = start + len
          const edited = essay.slice(0, at) + typo + essay.slice(at + 1)
          const placed = reanchor(anchorAt(essay, start, end), edited, essay)
          if (at < start - 1 || at > end) expect(placed.status).toBe('EXACT')
          // EXACT holds the very quote, typography aside (a doubled space closed up is the same passage).
          if (placed.status === 'EXACT')
            expect(foldedString(edited.slice(placed.start, placed.end))).toBe(foldedString(essay.slice(start, end)))
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('mapping offsets through an edit', () => {
  it('shifts offsets after an insertion and keeps those before it', () => {
    const edit = new TextEdit('abc def', 'abc XX def')
    expect(edit.map(1, true)).toBe(1)
    expect(edit.map(5, true)).toBe(8)
    expect(edit.untouched(0, 3)).toBe(true)
    expect(edit.untouched(2, 6)).toBe(false)
  })
})

describe('anchoring in Japanese and with emoji', () => {
  const ARTICLE_9 = [
    '第九条　日本国民は、正義と秩序を基調とする国際平和を誠実に希求し、国権の発動たる戦争と、武力による威嚇又は武力の行使は、国際紛争を解決する手段としては、永久にこれを放棄する。',
    '前項の目的を達するため、陸海空軍その他の戦力は、これを保持しない。国の交戦権は、これを認めない。',
  ].join('\n\n')
  const QUOTE = '武力による威嚇又は武力の行使は'

  it('keeps quote, prefix and suffix exact, character for character', () => {
    const start = ARTICLE_9.indexOf(QUOTE)
    const anchor = anchorAt(ARTICLE_9, start, start + QUOTE.length)
    expect(anchor.exact).toBe(QUOTE)
    expect(anchor.prefix).toBe(ARTICLE_9.slice(start - 32, start))
    expect(anchor.suffix).toBe(ARTICLE_9.slice(start + QUOTE.length, start + QUOTE.length + 32))
    expect(reanchor(anchor, ARTICLE_9, ARTICLE_9)).toEqual({ start, end: start + QUOTE.length, status: 'EXACT' })
  })

  it('finds a Japanese passage again after a sentence is added before it and a character inside it changes', () => {
    const start = ARTICLE_9.indexOf(QUOTE)
    const anchor = anchorAt(ARTICLE_9, start, start + QUOTE.length)
    const added = '（昭和二十一年十一月三日公布）'
    const edited = added + ARTICLE_9.replace('威嚇又は', '威嚇または')
    const moved = '武力による威嚇または武力の行使は'
    // With the old text (the edit known) and without it (approximate search around the old place).
    for (const placed of [reanchor(anchor, edited, ARTICLE_9), reanchor(anchor, edited)]) {
      expect(placed.status).toBe('MOVED')
      expect(edited.slice(placed.start, placed.end)).toBe(moved)
    }
  })

  it('keeps a Japanese passage exact when a paragraph before it is rewritten', () => {
    const start = ARTICLE_9.indexOf('国の交戦権は')
    const anchor = anchorAt(ARTICLE_9, start, start + 12)
    const edited = ARTICLE_9.replace('永久にこれを放棄する', '永久に放棄する')
    expect(reanchor(anchor, edited, ARTICLE_9)).toEqual({ start: start - 3, end: start + 9, status: 'EXACT' })
  })

  it('never cuts an emoji in half in the context or in a fuzzy match', () => {
    const text = `${'🤝'.repeat(20)}同盟は続く${'🇯🇵'.repeat(20)}`
    const start = text.indexOf('同盟')
    const anchor = anchorAt(text, start, start + 5)
    expect(anchor.prefix).not.toMatch(/^[\udc00-\udfff]/)
    expect(anchor.suffix).not.toMatch(/[\ud800-\udbff]$/)
    expect([...anchor.prefix].every((c) => c === '🤝')).toBe(true)
    const edited = text.replace('同盟は続く', '同盟が続く')
    const placed = reanchor(anchor, edited)
    expect(placed.status).toBe('MOVED')
    expect(edited.slice(placed.start, placed.end)).toContain('同盟が続')
    expect(edited.slice(placed.start, placed.end)).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/)
  })
})
