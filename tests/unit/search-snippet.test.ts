// Search excerpts: ts_headline's markers read back as marked segments, and the literal excerpt
// that marks Japanese (and any substring match) where the full-text parser saw no word.
import { describe, expect, it } from 'vitest'
import { literalSnippet, MARK_CLOSE, MARK_OPEN, segmentsOfHeadline, snippetOf, termsOf } from '@/lib/search/snippet'

const marked = (segments: { text: string; mark: boolean }[]) => segments.filter((s) => s.mark).map((s) => s.text)

describe('search excerpts', () => {
  it('reads the words ts_headline marked, and the text around them, in order', () => {
    const headline = `the ${MARK_OPEN}alliances${MARK_CLOSE} of ${MARK_OPEN}Japan${MARK_CLOSE} endure`
    expect(segmentsOfHeadline(headline)).toEqual([
      { text: 'the ', mark: false },
      { text: 'alliances', mark: true },
      { text: ' of ', mark: false },
      { text: 'Japan', mark: true },
      { text: ' endure', mark: false },
    ])
    expect(segmentsOfHeadline('nothing marked here')).toBeNull()
  })

  it('finds where a headline starts in its text, for the link to its paragraph', () => {
    const text = 'First paragraph.\n\nThe bases on Okinawa remain.'
    const snippet = snippetOf(text, `The ${MARK_OPEN}bases${MARK_CLOSE} on Okinawa remain.`, ['bases'])
    expect(snippet.offset).toBe(text.indexOf('bases'))
  })

  it('marks every occurrence of every term in a Japanese sentence, with the offset of the first', () => {
    const text = '沖縄の米軍基地の負担軽減は、日米同盟にとって長年の課題である。沖縄の声も聞くべきだ。'
    const snippet = literalSnippet(text, ['沖縄', '米軍基地'])!
    expect(marked(snippet.segments)).toEqual(['沖縄', '米軍基地', '沖縄'])
    expect(snippet.offset).toBe(0)
    expect(snippet.segments.map((s) => s.text).join('')).toBe(text)
  })

  it('cuts a long text around the first match, with ellipses, and matches case-insensitively', () => {
    const text = `${'filler words '.repeat(40)}the FUTENMA relocation ${'more filler '.repeat(40)}`
    const snippet = literalSnippet(text, ['futenma'])!
    expect(marked(snippet.segments)).toEqual(['FUTENMA'])
    expect(snippet.segments[0]!.text.startsWith('…')).toBe(true)
    expect(snippet.segments.at(-1)!.text.endsWith('…')).toBe(true)
    expect(snippet.segments.map((s) => s.text).join('').length).toBeLessThanOrEqual(162)
  })

  it('falls back to the headline or the start of the text when nothing can be marked', () => {
    expect(snippetOf('An essay.', 'An essay.', ['absent'])).toEqual({
      segments: [{ text: 'An essay.', mark: false }],
      offset: null,
    })
  })

  it('takes the words of a query without the syntax around them', () => {
    expect(termsOf('  "shared bases"  -China (米軍) ')).toEqual(['shared', 'bases', 'China', '米軍'])
    expect(termsOf('(((')).toEqual([])
  })
})
