// Tidying a reader's selection: a cut word is widened to the whole word, surrounding spaces are
// dropped, a clean selection is left alone, and a selection of words never comes back empty.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  nextCharacter,
  nextWordEnd,
  previousCharacter,
  previousWordStart,
  readsRightToLeft,
  snapToWords,
} from '@/lib/annotations/selection'

const TEXT = "Alliances last when both partners gain. Japan's well-known bases cost 2,000 yen.\n\nNew paragraph here."

/** Snaps the selection of `selected` (the first occurrence, or the one at `from`) and returns the snapped text. */
function snapped(selected: string, from = 0): string {
  const start = TEXT.indexOf(selected, from)
  expect(start, `"${selected}" is in the text`).toBeGreaterThanOrEqual(0)
  const range = snapToWords(TEXT, start, start + selected.length)
  return TEXT.slice(range.start, range.end)
}

describe('snapping a selection to words', () => {
  it.each([
    ['lliances la', 'Alliances last'],
    ['ast when bo', 'last when both'],
    ['a', "Japan's"],
    ['rtne', 'partners'],
    ['ain.', 'gain.'],
    ["apan's we", "Japan's well-known"],
    ['known', 'well-known'],
    ['ell-kno', 'well-known'],
    ['ara', 'paragraph'],
  ])('widens %j to %j', (selected, expected) => {
    const from = selected === 'a' ? TEXT.indexOf('Japan') : 0
    expect(snapped(selected, from)).toBe(expected)
  })

  it.each([
    [' both partners ', 'both partners'],
    [" Japan's", "Japan's"],
    ['gain. ', 'gain.'],
    ['yen.\n\n', 'yen.'],
    ['\n\nNew', 'New'],
    [' partn', 'partners'],
  ])('drops the spaces around %j', (selected, expected) => {
    expect(snapped(selected)).toBe(expected)
  })

  it.each([
    'Alliances last',
    'both partners gain.',
    "Japan's",
    'well-known bases',
    "partners gain. Japan's",
    'New paragraph here.',
  ])('leaves the whole-word selection %j alone', (selected) => {
    const start = TEXT.indexOf(selected)
    expect(snapToWords(TEXT, start, start + selected.length)).toEqual({ start, end: start + selected.length })
  })

  it('leaves a selection of only spaces as it was, for the caller to refuse', () => {
    const start = TEXT.indexOf('\n\n')
    expect(snapToWords(TEXT, start, start + 2)).toEqual({ start, end: start + 2 })
    expect(snapToWords(TEXT, 5, 5)).toEqual({ start: 5, end: 5 })
  })

  it('works at the very start and end of the text', () => {
    expect(snapToWords(TEXT, 0, 3)).toEqual({ start: 0, end: 'Alliances'.length })
    expect(snapToWords(TEXT, TEXT.length - 3, TEXT.length)).toEqual({
      start: TEXT.length - 'here.'.length,
      end: TEXT.length,
    })
  })
})

describe('snapping, for any text and selection', () => {
  const word = fc.constantFrom(
    'the',
    'alliance',
    "Japan's",
    'well-known',
    '2,000',
    'Éire',
    'naïve',
    'a',
    'x1',
    '—',
    '.',
    '"',
    'über',
  )
  const gap = fc.constantFrom(' ', '  ', '\n', '\n\n', ', ', '. ', ' — ')
  const text = fc
    .array(fc.tuple(word, gap), { minLength: 1, maxLength: 30 })
    .map((parts) => parts.map(([w, g]) => w + g).join(''))
  const scene = text.chain((t) =>
    fc
      .tuple(fc.nat(t.length), fc.nat(t.length))
      .map(([a, b]) => ({ text: t, start: Math.min(a, b), end: Math.max(a, b) })),
  )
  const isBlank = (s: string) => s.trim() === ''

  it('never returns an empty or blank range for a selection with words in it, and only ever widens past its spaces', () => {
    fc.assert(
      fc.property(scene, ({ text: t, start, end }) => {
        fc.pre(!isBlank(t.slice(start, end)))
        const range = snapToWords(t, start, end)
        expect(range.end).toBeGreaterThan(range.start)
        expect(range.start).toBeGreaterThanOrEqual(0)
        expect(range.end).toBeLessThanOrEqual(t.length)
        const trimmedStart = start + (t.slice(start, end).length - t.slice(start, end).trimStart().length)
        const trimmedEnd = end - (t.slice(start, end).length - t.slice(start, end).trimEnd().length)
        expect(range.start).toBeLessThanOrEqual(trimmedStart)
        expect(range.end).toBeGreaterThanOrEqual(trimmedEnd)
        const result = t.slice(range.start, range.end)
        expect(result).toBe(result.trim())
        expect(result).toContain(t.slice(trimmedStart, trimmedEnd))
      }),
      { numRuns: 1000 },
    )
  })

  it('never cuts a word, and is stable once snapped', () => {
    const wordChar = /[\p{L}\p{N}'’-]/u
    fc.assert(
      fc.property(scene, ({ text: t, start, end }) => {
        fc.pre(!isBlank(t.slice(start, end)))
        const range = snapToWords(t, start, end)
        if (range.start > 0) expect(wordChar.test(t[range.start - 1]!) && wordChar.test(t[range.start]!)).toBe(false)
        if (range.end < t.length) expect(wordChar.test(t[range.end - 1]!) && wordChar.test(t[range.end]!)).toBe(false)
        expect(snapToWords(t, range.start, range.end)).toEqual(range)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('moving and snapping in every script', () => {
  const JA = '日本国民は、恒久の平和を念願し、人間相互の関係を支配する崇高な理想を深く自覚する。'

  it('moves by the words of Japanese, which has no spaces, as the word segmenter finds them', () => {
    const ends: number[] = []
    for (let at = 0; at < JA.length;) ends.push((at = nextWordEnd(JA, at)))
    const words = ends.map((end, i) => JA.slice(i === 0 ? 0 : ends[i - 1], end))
    expect(words.length).toBeGreaterThan(10)
    expect(words.every((w) => w.length < 8)).toBe(true)
    expect(words.join('')).toBe(JA)
    expect(words).toContain('平和')
    // And back: every start is a word's start.
    expect(previousWordStart(JA, JA.indexOf('平和') + 2)).toBe(JA.indexOf('平和'))
    expect(previousWordStart(JA, JA.indexOf('平和'))).toBeLessThan(JA.indexOf('平和'))
  })

  it('widens a cut Japanese word to the whole word, and leaves English words as they were', () => {
    const start = JA.indexOf('平和') + 1
    const range = snapToWords(JA, start, start + 4)
    expect(JA.slice(range.start, range.end).startsWith('平和')).toBe(true)
    expect(range.end).toBeGreaterThanOrEqual(start + 4)
  })

  it('steps over an emoji, a flag, a family and a letter with its mark as one character', () => {
    const text = 'a🤝🇯🇵👨‍👩‍👧e\u0301!'
    const stops = [0]
    while (stops[stops.length - 1]! < text.length) stops.push(nextCharacter(text, stops[stops.length - 1]!))
    expect(stops.map((at, i) => text.slice(stops[i - 1] ?? 0, at)).slice(1)).toEqual([
      'a',
      '🤝',
      '🇯🇵',
      '👨‍👩‍👧',
      'e\u0301',
      '!',
    ])
    expect(previousCharacter(text, text.length - 1)).toBe(text.length - 3)
  })

  it('knows which paragraphs read right to left', () => {
    expect(readsRightToLeft('“السلام عليكم” 2024')).toBe(true)
    expect(readsRightToLeft('לא ישא גוי')).toBe(true)
    expect(readsRightToLeft('1947: 日本国憲法')).toBe(false)
    expect(readsRightToLeft('Article 9 — السلام')).toBe(false)
  })
})
