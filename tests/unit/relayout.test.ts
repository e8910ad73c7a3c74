// The stored layout follows the text through an instructor's edits: unchanged blocks keep their
// kind, level and page; new or changed ones get an inferred kind and the page before them.
import { describe, expect, it } from 'vitest'
import { blocksOf, type BlockLayout } from '@/lib/sources/blocks'
import { relayout } from '@/lib/sources/relayout'

const TEXT = ['Credible Commitments', 'Promises need means', 'Institutions', 'They make leaving costly.'].join('\n\n')
const LAYOUT: BlockLayout[] = [
  { kind: 'heading', level: 1, page: 1 },
  { kind: 'paragraph', page: 1 },
  { kind: 'heading', level: 2, page: 2 },
  { kind: 'quote', page: 2 },
]

describe('relayout', () => {
  it('keeps what the importer read for untouched blocks, even a paragraph that looks like a heading', () => {
    const edited = TEXT.replace('They make leaving costly.', 'They make leaving very costly.')
    expect(relayout(TEXT, LAYOUT, edited)).toEqual([LAYOUT[0], LAYOUT[1], LAYOUT[2], { kind: 'paragraph', page: 2 }])
    // "Promises need means" has no full stop, yet stays paragraph 1, as imported.
    expect(blocksOf(edited, relayout(TEXT, LAYOUT, edited)).map((block) => block.number)).toEqual([null, 1, null, 2])
  })

  it('places an inserted block with the layout it was set aside with', () => {
    const restored = TEXT.replace('Institutions', 'GEORGE KENNAN\n\nInstitutions')
    expect(
      relayout(TEXT, LAYOUT, restored, { text: 'GEORGE KENNAN', layout: { kind: 'paragraph', page: 1 } })[2],
    ).toEqual({ kind: 'paragraph', page: 1 })
  })

  it('gives no layout to a text that never had one (kinds are then inferred)', () => {
    expect(relayout(TEXT, [], `${TEXT}\n\nMore.`)).toEqual([])
  })
})
