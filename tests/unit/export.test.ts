// Highlight export: W3C Web Annotation JSON-LD that other tools can read, and a CSV that opens
// safely and correctly in a spreadsheet.
import { describe, expect, it } from 'vitest'
import { anchorAt } from '@/lib/annotations/anchoring'
import { exportHighlightsCsv } from '@/lib/annotations/export-csv'
import { exportHighlightsJsonLd, type ExportedSource } from '@/lib/annotations/export-jsonld'
import { noteFromText, type NoteDoc } from '@/lib/annotations/note'
import type { ReplyView } from '@/lib/annotations/views'
import { highlightsOn, linked, paragraphNote } from './fixtures'

const TEXT = [
  'Why Alliances Endure',
  'Alliances last when both partners gain from them, "as Smith says", and no longer.',
  'History shows that shared threats bind allies together.',
  '- bases abroad\n- =SUM(A1:A9) in a treaty',
].join('\n\n')

const SOURCE: ExportedSource = {
  id: 'cmsource0000000000000001',
  groupId: 'cmgroup00000000000000001',
  title: 'Why Alliances Endure',
  author: 'Jane Smith',
  url: 'https://example.com/alliances',
  text: TEXT,
  version: 3,
}

const BASE = 'https://colloquy.example.edu/'

/** A highlight on `quote` (its first occurrence in TEXT), as listSourceHighlights returns it. */
const highlight = highlightsOn(
  TEXT,
  { id: 'cmuser000000000000000001', name: 'Sam Student', role: 'STUDENT' },
  '2025-03-01T10:00:00.000Z',
)

function reply(name: string, body: NoteDoc, createdAt: string): ReplyView {
  return {
    id: `cmreply-${name}`,
    author: { id: `cmuser-${name}`, name },
    body,
    createdAt,
    updatedAt: createdAt,
    canEdit: false,
    canDelete: false,
  }
}

/** Reads CSV the RFC 4180 way, so the tests check what a spreadsheet would see. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ''
  }
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!
    if (quoted && c === '"' && csv[i + 1] === '"') {
      field += '"'
      i++
    } else if (c === '"') {
      quoted = !quoted
    } else if (!quoted && c === ',') {
      endField()
    } else if (!quoted && c === '\r' && csv[i + 1] === '\n') {
      endField()
      rows.push(row)
      row = []
      i++
    } else {
      field += c
    }
  }
  expect(field).toBe('')
  expect(row).toEqual([])
  return rows
}

/** One line split on another separator, honouring double quotes (as spreadsheets do on import). */
function splitQuoted(line: string, separator: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"'
      i++
    } else if (quoted && c === '"') {
      quoted = false
    } else if (!quoted && c === '"' && field === '') {
      quoted = true
    } else if (!quoted && c === separator) {
      fields.push(field)
      field = ''
    } else {
      field += c
    }
  }
  return [...fields, field]
}

/** The rows as records keyed by the header. */
function records(csv: string): Record<string, string>[] {
  expect(csv.startsWith('\uFEFF')).toBe(true)
  const [header, ...rows] = parseCsv(csv.slice(1))
  for (const row of rows) expect(row).toHaveLength(header!.length)
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])))
}

describe('JSON-LD export (W3C Web Annotation Data Model)', () => {
  it('is an annotation collection with its items on an embedded first page', () => {
    const doc = exportHighlightsJsonLd(SOURCE, [highlight('Alliances last'), highlight('shared threats')], BASE)
    expect(doc).toMatchObject({
      '@context': ['http://www.w3.org/ns/anno.jsonld', { colloquy: 'urn:colloquy:terms:' }],
      id: 'https://colloquy.example.edu/api/sources/cmsource0000000000000001/export?format=jsonld',
      type: 'AnnotationCollection',
      label: 'Highlights on “Why Alliances Endure” by Jane Smith',
      total: 2,
      first: { id: `${doc.id}#page-1`, type: 'AnnotationPage', startIndex: 0 },
      last: `${doc.id}#page-1`,
    })
    expect(doc.first!.items.map((item) => item.target.selector[0])).toMatchObject([
      { exact: 'Alliances last' },
      { exact: 'shared threats' },
    ])
  })

  it('makes a plain highlight a "highlighting" annotation tagged with its kind, selected by quote and by position', () => {
    const h = highlight('shared threats', { tag: 'EVIDENCE' })
    const [item] = exportHighlightsJsonLd(SOURCE, [h], BASE).first!.items
    const { prefix, suffix } = anchorAt(TEXT, h.start, h.end)
    expect(item).toEqual({
      id: `urn:colloquy:highlight:${h.id}`,
      type: 'Annotation',
      motivation: 'highlighting',
      created: '2025-03-01T10:00:00.000Z',
      creator: { type: 'Person', name: 'Sam Student' },
      body: [{ type: 'TextualBody', purpose: 'tagging', value: 'evidence' }],
      target: {
        source: 'https://example.com/alliances',
        selector: [
          { type: 'TextQuoteSelector', exact: 'shared threats', prefix, suffix },
          { type: 'TextPositionSelector', start: h.start, end: h.end },
        ],
        'colloquy:anchorStatus': 'exact',
        'colloquy:sourceVersion': 3,
      },
    })
    expect(prefix).toBe(' no longer.\n\nHistory shows that ')
    expect(suffix).toBe(' bind allies together.\n\n- bases ')
  })

  it('makes a noted highlight "commenting", a formatted note as HTML, and each reply credited to its writer', () => {
    const note: NoteDoc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Strong', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' claim,' },
          ],
        },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'but unsourced' }] }] },
          ],
        },
      ],
    }
    const h = highlight('Alliances last', {
      tag: 'BIAS',
      note,
      replies: [reply('Iris', noteFromText('Agreed, see ¶2.'), '2025-03-02T09:00:00.000Z')],
    })
    const [item] = exportHighlightsJsonLd(SOURCE, [h], BASE).first!.items
    expect(item!.motivation).toBe('commenting')
    expect(item!.body).toEqual([
      { type: 'TextualBody', purpose: 'tagging', value: 'bias' },
      {
        type: 'TextualBody',
        purpose: 'commenting',
        value: '<p dir="auto"><strong>Strong</strong> claim,</p><ul><li><p dir="auto">but unsourced</p></li></ul>',
        format: 'text/html',
      },
      {
        type: 'TextualBody',
        purpose: 'replying',
        value: 'Agreed, see ¶2.',
        format: 'text/plain',
        creator: { type: 'Person', name: 'Iris' },
        created: '2025-03-02T09:00:00.000Z',
      },
    ])
  })

  it('keeps a moved highlight where it is now, and gives an orphaned one only its quote', () => {
    const moved = highlight('bind allies', { anchorStatus: 'MOVED' })
    const orphaned = { ...highlight('History shows'), exact: 'Empires shows', anchorStatus: 'ORPHANED' as const }
    const [first, second] = exportHighlightsJsonLd(SOURCE, [moved, orphaned], BASE).first!.items
    expect(first!.target['colloquy:anchorStatus']).toBe('moved')
    expect(first!.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector'])
    expect(second!.target['colloquy:anchorStatus']).toBe('orphaned')
    expect(second!.target.selector).toEqual([{ type: 'TextQuoteSelector', exact: 'Empires shows' }])
  })

  it('targets the source’s page in Colloquy when it has no web address, and has no page when there is nothing to export', () => {
    const source = { ...SOURCE, url: null, author: null }
    const [item] = exportHighlightsJsonLd(source, [highlight('Alliances last')], 'https://colloquy.example.edu').first!
      .items
    expect(item!.target.source).toBe(
      'https://colloquy.example.edu/groups/cmgroup00000000000000001/sources/cmsource0000000000000001',
    )
    const empty = exportHighlightsJsonLd(source, [], BASE)
    expect(empty).toMatchObject({
      type: 'AnnotationCollection',
      label: 'Highlights on “Why Alliances Endure”',
      total: 0,
    })
    expect(empty).not.toHaveProperty('first')
    expect(empty).not.toHaveProperty('last')
  })

  it('survives a JSON round trip unchanged (no undefined fields, nothing but data)', () => {
    const doc = exportHighlightsJsonLd(
      SOURCE,
      [highlight('Alliances last', { note: noteFromText('Why?') }), highlight('bases abroad')],
      BASE,
    )
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc)
  })
})

describe('CSV export', () => {
  it('starts with a byte-order mark and the header, and ends every record with CRLF', () => {
    const csv = exportHighlightsCsv(SOURCE, [highlight('shared threats')])
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe(
      '\uFEFFhighlight_id,author,author_role,tag,visibility,anchor_status,paragraph,start,end,quote,note,replies,created_at',
    )
    expect(lines).toHaveLength(3)
    expect(lines[2]).toBe('')
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
  })

  it('gives each highlight its author, role, tag, visibility, status, offsets, note and reply count', () => {
    const h = highlight('shared threats', {
      tag: 'EVIDENCE',
      visibility: 'PRIVATE',
      anchorStatus: 'MOVED',
      note: noteFromText('Check the source'),
      author: { id: 'u2', name: 'Iris Instructor', role: 'INSTRUCTOR' },
      replies: [
        reply('Sam', noteFromText('Ok'), '2025-03-02T09:00:00.000Z'),
        reply('Ann', noteFromText('Yes'), '2025-03-02T10:00:00.000Z'),
      ],
    })
    const gone = highlight('bases abroad', { author: { id: 'u3', name: 'Former Member', role: null } })
    expect(records(exportHighlightsCsv(SOURCE, [h, gone]))).toEqual([
      {
        highlight_id: h.id,
        author: 'Iris Instructor',
        author_role: 'instructor',
        tag: 'evidence',
        visibility: 'private',
        anchor_status: 'moved',
        paragraph: '2',
        start: String(h.start),
        end: String(h.end),
        quote: 'shared threats',
        note: 'Check the source',
        replies: '2',
        created_at: '2025-03-01T10:00:00.000Z',
      },
      expect.objectContaining({
        author: 'Former Member',
        author_role: '',
        tag: 'claim',
        visibility: 'group',
        replies: '0',
      }),
    ])
  })

  it('quotes fields with commas, quotes and line breaks so they come back exactly', () => {
    const quote = 'gain from them, "as Smith says", and'
    const note = paragraphNote('First, "really"', { type: 'hardBreak' }, 'second line')
    const csv = exportHighlightsCsv(SOURCE, [highlight(quote, { note })])
    expect(csv).toContain('"gain from them, ""as Smith says"", and"')
    expect(csv).toContain('"First, ""really""\nsecond line"')
    const [row] = records(csv)
    expect(row).toMatchObject({ quote, note: 'First, "really"\nsecond line' })
  })

  it('keeps a note’s link addresses and counts offsets in code points, as the JSON-LD does', () => {
    const note = paragraphNote(
      'See ',
      linked('the treaty', 'https://example.org/treaty'),
      ' and ',
      linked('https://example.org/faq', 'https://example.org/faq'),
    )
    const text = 'Allies 🤝 agree.\n\n平和 🇯🇵 is the aim.'
    const start = text.indexOf('is the aim')
    const [row] = records(
      exportHighlightsCsv({ text }, [
        { ...highlight('History shows'), start, end: start + 10, exact: 'is the aim', note },
      ]),
    )
    expect(row).toMatchObject({
      note: 'See the treaty (https://example.org/treaty) and https://example.org/faq',
      start: String(start - 3),
      end: String(start + 7),
    })
  })

  it('neutralises cells a spreadsheet would run as a formula, and only those', () => {
    const rows = records(
      exportHighlightsCsv(SOURCE, [
        highlight('=SUM(A1:A9) in a treaty', {
          author: { id: 'u4', name: '=HYPERLINK("http://evil.example","click")', role: 'STUDENT' },
          note: noteFromText('+1 to this'),
        }),
        highlight('- bases abroad', {
          author: { id: 'u5', name: '@admin', role: 'STUDENT' },
          note: noteFromText('a = b, not a formula'),
        }),
        highlight('History shows', { note: noteFromText('Fine - not a formula') }),
      ]),
    )
    expect(rows.map((r) => [r.author, r.quote, r.note])).toEqual([
      [`'=HYPERLINK("http://evil.example","click")`, "'=SUM(A1:A9) in a treaty", "'+1 to this"],
      ["'@admin", "'- bases abroad", 'a = b, not a formula'],
      ['Sam Student', 'History shows', 'Fine - not a formula'],
    ])
    expect(
      exportHighlightsCsv(SOURCE, [highlight('History shows', { author: { id: 'u6', name: '\r=cmd', role: null } })]),
    ).toContain(`"'\r'=cmd"`)
    expect(
      exportHighlightsCsv(SOURCE, [highlight('History shows', { author: { id: 'u7', name: '\t=cmd', role: null } })]),
    ).toContain(`,'\t'=cmd,`)
  })

  it('neutralises formulas behind spaces, in full-width forms, and after a semicolon, tab or line break inside a cell', () => {
    const names = [
      '\uFF1DHYPERLINK("http://evil.example")',
      '\uFF0B1',
      '\uFF0D1',
      '\uFF20SUM(A1)',
      '  =1+1',
      '\u3000=1+1',
      'Ann;=HYPERLINK("http://evil.example")',
      'Ann\t=cmd',
    ]
    const note = noteFromText('First line\n=HYPERLINK("http://evil.example")')
    const csv = exportHighlightsCsv(SOURCE, [
      ...names.map((name, i) => highlight('History shows', { author: { id: `n${i}`, name, role: null } })),
      highlight('History shows', { note }),
    ])
    const rows = records(csv)
    expect(rows.map((r) => r.author)).toEqual([
      '\'\uFF1DHYPERLINK("http://evil.example")',
      "'\uFF0B1",
      "'\uFF0D1",
      "'\uFF20SUM(A1)",
      "'  =1+1",
      "'\u3000=1+1",
      `Ann;'=HYPERLINK("http://evil.example")`,
      "Ann\t'=cmd",
      'Sam Student',
    ])
    expect(rows.at(-1)!.note).toBe(`First line\n'=HYPERLINK("http://evil.example")`)
    // Read with a semicolon or a tab as the separator, as spreadsheets in other locales do (where
    // our quotes do not open their fields, so line breaks end rows), no field starts a formula.
    for (const separator of [';', '\t']) {
      const fields = csv.split(/\r\n|\n|\r/).flatMap((line) => splitQuoted(line, separator))
      expect(
        fields.filter((field) => /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(field)),
        `split on ${JSON.stringify(separator)}`,
      ).toEqual([])
    }
  })

  it('numbers paragraphs the way the reader does: headings have none, lists count, orphans have none', () => {
    const rows = records(
      exportHighlightsCsv(SOURCE, [
        highlight('Alliances Endure'),
        highlight('both partners'),
        highlight('bind allies'),
        highlight('bases abroad'),
        { ...highlight('treaty'), exact: 'vanished words', anchorStatus: 'ORPHANED' },
        // Begun on the blank line before ¶2.
        highlight('\n\nHistory'),
      ]),
    )
    expect(rows.map((r) => r.paragraph)).toEqual(['', '1', '2', '3', '', '2'])
  })
})
