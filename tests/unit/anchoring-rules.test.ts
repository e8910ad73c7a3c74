// The parts of re-anchoring one at a time: typography folding and its way back to offsets, the
// diff that recognises moved paragraphs, the typo rule, and Japanese text without spaces.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anchorAt, reanchor, TextEdit } from '@/lib/annotations/anchoring'
import { isSpellingCorrection, typoDistance } from '@/lib/annotations/anchoring/spelling'
import { fold, foldedEnd, foldedStart, originalEnd, originalStart } from '@/lib/annotations/anchoring/typography'

describe('typography folding', () => {
  it('makes quote styles, dashes, spacing, line breaks and Unicode forms the same', () => {
    const a = fold('“Japan’s” role — 1990–2000… Café\nnow')
    const b = fold('"Japan\'s" role--1990-2000... Cafe\u0301 now')
    expect(a.text).toBe(b.text)
    expect(fold('日本は\n同盟を').text).toBe(fold('日本は同盟を').text)
    expect(fold('one\n\ntwo').text).toBe('one\n\ntwo')
    expect(fold('one\ntwo').text).toBe('one two')
  })

  it('maps every folded span back to the original text it came from', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', 'b', ' ', '\n', '—', '-', '“', '"', 'é', 'e\u0301', '日', '本', '\u200b'),
        }),
        (text) => {
          const folded = fold(text)
          for (let i = 0; i <= folded.text.length; i++) {
            expect(originalStart(folded, i)).toBeLessThanOrEqual(
              i < folded.text.length ? originalEnd(folded, i + 1) : text.length,
            )
          }
          for (let offset = 0; offset <= text.length; offset++) {
            expect(foldedStart(folded, offset)).toBeLessThanOrEqual(folded.text.length)
            expect(foldedEnd(folded, offset)).toBeGreaterThanOrEqual(0)
          }
          expect(fold(folded.text).text).toBe(folded.text)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('the edit between two versions', () => {
  const A = 'First paragraph about treaties and the bases on Okinawa.'
  const B = 'Second paragraph on the burden sharing costs of the alliance.'
  const C = 'Third paragraph, on China and the order of the region.'

  it('recognises a paragraph moved whole and carries its passages with it', () => {
    const old = [A, B, C].join('\n\n')
    const moved = [C, A, B].join('\n\n')
    const edit = new TextEdit(old, moved)
    const start = old.indexOf('Second paragraph')
    expect(edit.carried(start, start + 16)).toEqual({
      start: moved.indexOf('Second paragraph'),
      end: moved.indexOf('Second paragraph') + 16,
    })
    expect(reanchor(anchorAt(old, start, start + 16), moved, edit).status).toBe('EXACT')
  })

  it('does not call a sentence EXACT where its paragraph was deleted and it reappears in another', () => {
    const old = [A, `${B} Nobody disputes the cost.`, C].join('\n\n')
    const edited = [A, `Nobody disputes the cost. ${C}`].join('\n\n')
    const start = old.indexOf('Nobody disputes the cost.')
    const placed = reanchor(anchorAt(old, start, start + 25), edited, old)
    expect(placed).toEqual({ start: edited.indexOf('Nobody'), end: edited.indexOf('Nobody') + 25, status: 'MOVED' })
  })
})

describe('the typo rule', () => {
  const counts = (before: Record<string, number>, after: Record<string, number>) => ({
    before: (word: string) => before[word] ?? 0,
    after: (word: string) => after[word] ?? 0,
  })

  it('accepts one misspelt word corrected to a word the text uses', () => {
    expect(
      isSpellingCorrection('shared thraets bind', 'shared threats bind', counts({ thraets: 1 }, { threats: 2 })),
    ).toBe(true)
    expect(typoDistance('recieve', 'receive')).toBe(1)
  })

  it('refuses changes that can turn a claim around, or that are not typos', () => {
    const known = counts({}, { never: 3, impossible: 3, strengthens: 3, not: 3, 1991: 3, threats: 3 })
    expect(isSpellingCorrection('it will ever fail', 'it will never fail', known)).toBe(false)
    expect(isSpellingCorrection('it is possible', 'it is impossible', known)).toBe(false)
    expect(isSpellingCorrection('this strengthen ties', 'this strengthens ties', known)).toBe(false)
    expect(isSpellingCorrection('it is now clear', 'it is not clear', known)).toBe(false)
    expect(isSpellingCorrection('signed in 1990', 'signed in 1991', known)).toBe(false)
    expect(
      isSpellingCorrection('shared thraets bind', 'shared threats bind', counts({ thraets: 2 }, { threats: 2 })),
    ).toBe(false)
    expect(isSpellingCorrection('同盟を強化', '同盟を弱化', known)).toBe(false)
  })
})

describe('Japanese, written without spaces', () => {
  const text =
    '日本国民は、正義と秩序を基調とする国際平和を誠実に希求し、国権の発動たる戦争と、武力による威嚇又は武力の行使は、国際紛争を解決する手段としては、永久にこれを放棄する。\n\n前項の目的を達するため、陸海空軍その他の戦力は、これを保持しない。'

  it('keeps a passage EXACT when the text is wrapped into lines across it, with no space at the break', () => {
    const start = text.indexOf('国際平和を誠実に希求し')
    const edited = text.replace('国際平和を誠実', '国際平和を\n誠実')
    expect(reanchor(anchorAt(text, start, start + 11), edited, text)).toMatchObject({ status: 'EXACT' })
  })

  it('finds a passage with one character changed by fuzzy match and asks, never calling it EXACT', () => {
    const start = text.indexOf('武力による威嚇又は武力の行使')
    const edited = text.replace('威嚇又は', '威嚇及び')
    const placed = reanchor(anchorAt(text, start, start + 14), edited, text)
    expect(placed.status).toBe('MOVED')
    expect(edited.slice(placed.start, placed.end)).toBe('武力による威嚇及び武力の行使')
  })
})
