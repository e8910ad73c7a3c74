import { describe, expect, it } from 'vitest'
import { foldForSearch, passageFilter, type PassageFilter } from '@/lib/maps/passage-filter'
import type { CitedPassage } from '@/lib/maps/queries'

const passage = (id: string, exact: string, more: Partial<CitedPassage> = {}): CitedPassage => ({
  highlightId: id,
  sourceId: 's1',
  sourceTitle: 'The U.S.-Japan Alliance',
  paragraph: 1,
  exact,
  tag: 'CLAIM',
  anchorStatus: 'EXACT',
  authorName: 'Alex Rivera',
  ...more,
})

const PASSAGES = [
  passage('latin', 'The alliance was intended to counter the Soviet Union.'),
  passage('accents', 'Le Japon a réformé sa défense en 2015.', { authorName: 'Zoë Müller', tag: 'EVIDENCE' }),
  passage('japanese', '日米同盟は、アジア太平洋地域の平和と安定のための基盤である。', {
    sourceId: 's2',
    sourceTitle: '日米同盟の意義',
    authorName: '佐藤 直美',
  }),
  passage('kana', 'がいこう政策の転換', { sourceId: 's2', tag: 'BIAS' }),
  passage('arabic', 'التَّحالُف الأمريكي الياباني', { authorName: 'ليلى', tag: 'BIAS' }),
  passage('fullwidth', 'ＵＳ　ｆｏｒｃｅｓ in Okinawa 🇯🇵', { tag: 'EVIDENCE' }),
]

const ids = (filter: Partial<PassageFilter>) =>
  PASSAGES.filter(passageFilter({ sourceId: 'all', tag: 'all', query: '', ...filter })).map((p) => p.highlightId)

describe('the map panel finds passages', () => {
  it('lists every passage when nothing is chosen or only spaces are typed', () => {
    expect(ids({})).toEqual(PASSAGES.map((p) => p.highlightId))
    expect(ids({ query: '  \t ' })).toEqual(PASSAGES.map((p) => p.highlightId))
  })

  it.each([
    ['case does not matter', 'SOVIET', ['latin']],
    ['every word must appear, in any order', 'union alliance', ['latin']],
    ['one word missing excludes', 'soviet okinawa', []],
    ['accents typed or not', 'reforme defense', ['accents']],
    ['accents typed on unaccented text', 'Zoe muller', ['accents']],
    ['Japanese without spaces, as a phrase', '平和と安定', ['japanese']],
    ['voiced kana stay distinct from unvoiced', 'がいこう', ['kana']],
    ['unvoiced kana do not match voiced', 'かいこう', []],
    ['Arabic without its vowel marks', 'التحالف', ['arabic']],
    ['full-width Latin letters', 'us forces', ['fullwidth']],
    ['by author name', '佐藤', ['japanese']],
    ['by essay title', '意義', ['japanese']],
    ['emoji', '🇯🇵', ['fullwidth']],
  ])('%s', (_, query, expected) => {
    expect(ids({ query })).toEqual(expected)
  })

  it('combines the essay, the tag and the words', () => {
    expect(ids({ sourceId: 's2' })).toEqual(['japanese', 'kana'])
    expect(ids({ sourceId: 's2', tag: 'BIAS' })).toEqual(['kana'])
    expect(ids({ tag: 'EVIDENCE', query: 'okinawa' })).toEqual(['fullwidth'])
    expect(ids({ tag: 'CLAIM', query: 'okinawa' })).toEqual([])
  })

  it('folds case, width and accents but keeps the letters', () => {
    expect(foldForSearch('Ｒéｆｏｒｍé')).toBe('reforme')
    expect(foldForSearch('ÉCOLE')).toBe('ecole')
    expect(foldForSearch('がいこう').normalize('NFC')).toBe('がいこう')
  })
})
