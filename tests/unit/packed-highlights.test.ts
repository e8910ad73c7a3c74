// The reader page's packed highlights: what the browser unpacks is exactly what the server read.
import { describe, expect, it } from 'vitest'
import { noteFromText } from '@/lib/annotations/note'
import { packHighlights, unpackHighlights } from '@/lib/annotations/packed-highlights'
import type { HighlightView, ReaderHighlights } from '@/lib/annotations/views'

const TEXT = '日米同盟は続く 🇯🇵🤝🇺🇸. التحالف قائم. Alliances last when both partners gain.'
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length })

const ana = { id: 'cmana000000000000000001', name: 'Ana Ōta', role: 'STUDENT' as const }
const omar = { id: 'cmomar00000000000000001', name: 'عمر', role: 'INSTRUCTOR' as const }
const gone = { id: 'cmgone00000000000000001', name: 'Former member', role: null }

function highlight(over: Partial<HighlightView> & Pick<HighlightView, 'id' | 'start' | 'end'>): HighlightView {
  return {
    tag: 'CLAIM',
    visibility: 'GROUP',
    exact: TEXT.slice(over.start, over.end),
    anchorStatus: 'EXACT',
    note: null,
    author: ana,
    createdAt: '2026-12-01T09:15:30.123Z',
    mine: false,
    canEdit: false,
    canDelete: false,
    canConfirm: false,
    replies: [],
    maps: [],
    ...over,
  }
}

const READ: ReaderHighlights = {
  lockedByReadFirst: false,
  sourceVersion: 4,
  canHighlight: true,
  canReply: false,
  highlights: [
    highlight({
      id: 'cmhl00000000000000000001',
      ...at('日米同盟は続く 🇯🇵🤝🇺🇸'),
      tag: 'EVIDENCE',
      visibility: 'PRIVATE',
      mine: true,
      canEdit: true,
      canDelete: true,
      note: noteFromText('A note with @Ana and 🤝'),
      // The reply's author comes first in the table, without a role; their highlight below has one.
      replies: [
        {
          id: 'cmreply00000000000000001',
          author: { id: omar.id, name: omar.name },
          body: noteFromText('ردّ'),
          createdAt: '2026-12-02T10:00:00.000Z',
          updatedAt: '2026-12-02T10:05:00.000Z',
          canEdit: false,
          canDelete: true,
        },
      ],
      maps: [{ id: 'cmmap000000000000000001', title: 'Alliance map' }],
    }),
    highlight({ id: 'cmhl00000000000000000002', ...at('التحالف قائم'), tag: 'BIAS', author: omar, canConfirm: true }),
    // Moved and orphaned: the quote differs from the text at the offsets, so it travels.
    highlight({
      id: 'cmhl00000000000000000003',
      ...at('Alliances last'),
      exact: 'Alliances endure',
      anchorStatus: 'MOVED',
      author: gone,
    }),
    highlight({ id: 'cmhl00000000000000000004', start: 0, end: 3, exact: 'Gone passage', anchorStatus: 'ORPHANED' }),
  ],
}

describe('packed reader highlights', () => {
  it('unpack gives back exactly what was read: tags, flags, people and their roles, replies, maps, dates', () => {
    const packed = JSON.parse(JSON.stringify(packHighlights(READ, TEXT)))
    expect(unpackHighlights(packed, TEXT)).toEqual(READ)
  })

  it('leaves out a quote the text holds at its offsets and keeps one it does not', () => {
    const { rows } = packHighlights(READ, TEXT)
    expect(rows.map((row) => row[5])).toEqual([null, null, 'Alliances endure', 'Gone passage'])
  })

  it('names each person once', () => {
    const { people } = packHighlights(READ, TEXT)
    expect(people).toEqual([
      [ana.id, ana.name, 'STUDENT'],
      [omar.id, omar.name, 'INSTRUCTOR'],
      [gone.id, gone.name, null],
    ])
  })

  it('is much smaller than the plain objects', () => {
    const many: ReaderHighlights = {
      ...READ,
      highlights: Array.from({ length: 200 }, (_, i) =>
        highlight({ id: `cmhl${String(i).padStart(20, '0')}`, ...at('Alliances last') }),
      ),
    }
    const plain = JSON.stringify(many).length
    const packed = JSON.stringify(packHighlights(many, TEXT)).length
    expect(packed).toBeLessThan(plain / 3)
  })
})
