// The JSON-LD export checked against the W3C Web Annotation Working Group's own test-suite
// schemas (../shared/conformance-data, or CONFORMANCE_DATA_DIR), on highlights in every script
// the seminar meets: every MUST assertion of the suite passes for the collection, its page and
// every annotation, and every TextPositionSelector, read in code points as the model says,
// selects its quote.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import Ajv, { type ValidateFunction } from 'ajv-draft-04'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportHighlightsJsonLd, type ExportedSource } from '@/lib/annotations/export-jsonld'
import { noteFromText, type NoteDoc } from '@/lib/annotations/note'
import type { HighlightView } from '@/lib/annotations/views'

const DATA_DIR = resolve(process.env.CONFORMANCE_DATA_DIR ?? resolve(__dirname, '../../../shared/conformance-data'))
const SUITE = join(DATA_DIR, 'annotation-model')
const present = existsSync(join(SUITE, 'definitions'))
if (!present)
  console.warn(`Skipping the W3C conformance tests: no test-suite schemas at ${SUITE} (set CONFORMANCE_DATA_DIR).`)

const TEXT = readFileSync(resolve(__dirname, '../fixtures/multilingual-essay.txt'), 'utf8').trim()

const SOURCE: ExportedSource = {
  id: 'cmsource0000000000000001',
  groupId: 'cmgroup00000000000000001',
  title: 'Peace in Many Scripts: 平和・سلام・שלום 🕊️',
  author: null,
  url: null,
  text: TEXT,
  version: 2,
}

const LINKED: NoteDoc = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Compare the ' },
        {
          type: 'text',
          text: 'official translation',
          marks: [
            {
              type: 'link',
              attrs: { href: 'https://japan.kantei.go.jp/constitution_and_government_of_japan/constitution_e.html' },
            },
          ],
        },
        { type: 'text', text: ' — 第九条 & “<b>”' },
      ],
    },
  ],
}

let serial = 0
function highlight(quote: string, change: Partial<HighlightView> = {}): HighlightView {
  const start = TEXT.indexOf(quote)
  if (start < 0) throw new Error(`"${quote}" is not in the fixture`)
  serial += 1
  return {
    id: `cmhighlight${String(serial).padStart(13, '0')}`,
    tag: 'CLAIM',
    visibility: 'GROUP',
    start,
    end: start + quote.length,
    exact: quote,
    anchorStatus: 'EXACT',
    note: null,
    author: { id: 'cmuser000000000000000001', name: 'هند الراشد', role: 'STUDENT' },
    createdAt: '2026-03-01T10:00:00.000Z',
    mine: true,
    canEdit: true,
    canDelete: true,
    canConfirm: true,
    replies: [],
    maps: [],
    ...change,
  }
}

// Each after emoji, flags, combining marks or right-to-left text, where UTF-16 and code points part.
const HIGHLIGHTS = [
  highlight('永久にこれを放棄する', { note: LINKED }),
  highlight('国の交戦権は、これを認めない。', { tag: 'EVIDENCE', note: noteFromText('九条の第二項') }),
  highlight('兵者，國之大事', { tag: 'BIAS' }),
  highlight('الإنسان مدني بالطبع', {
    replies: [
      {
        id: 'r1',
        author: { id: 'u2', name: 'דוד' },
        body: noteFromText('ابن خلدون 👍'),
        createdAt: '2026-03-02T09:00:00.000Z',
        updatedAt: '2026-03-02T09:00:00.000Z',
        canEdit: false,
        canDelete: false,
      },
    ],
  }),
  highlight('ולא ילמדו עוד מלחמה', { tag: 'EVIDENCE' }),
  highlight('대한민국은 민주공화국이다.'),
  highlight('सत्यमेव जयते'),
  highlight('a handshake 🤝', { tag: 'BIAS', note: noteFromText('🤝 = 握手') }),
  highlight('👨‍👩‍👧 on the desk', { anchorStatus: 'MOVED' }),
  { ...highlight('the talks begin'), exact: 'the talks ended', anchorStatus: 'ORPHANED' as const },
]

interface TestFile {
  assertions: string[]
}

/** Every schema of the suite, compiled once; assertions by their path under annotation-model/. */
function loadSuite(): (path: string) => ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  for (const name of readdirSync(join(SUITE, 'definitions')))
    ajv.addSchema(JSON.parse(readFileSync(join(SUITE, 'definitions', name), 'utf8')))
  const compiled = new Map<string, ValidateFunction>()
  return (path) => {
    let validate = compiled.get(path)
    if (!validate) {
      const schema = JSON.parse(readFileSync(join(SUITE, path), 'utf8')) as { id?: string }
      // Assertion ids repeat across folders; their references are to the definitions only.
      validate = ajv.compile({ ...schema, id: undefined })
      compiled.set(path, validate)
    }
    return validate
  }
}

/** The MUST assertions a `.test` file lists (its optional ones are SHOULD / MAY). */
function assertionsOf(test: string): string[] {
  return (JSON.parse(readFileSync(join(SUITE, test), 'utf8')) as TestFile).assertions
}

function failedAssertions(assertion: (path: string) => ValidateFunction, test: string, value: unknown): string[] {
  return assertionsOf(test).flatMap((path) => {
    const validate = assertion(path)
    return validate(value) ? [] : [`${path}: ${JSON.stringify(validate.errors?.slice(0, 2))}`]
  })
}

describe.skipIf(!present)('JSON-LD export against the W3C Web Annotation test suite', () => {
  const doc = exportHighlightsJsonLd(SOURCE, HIGHLIGHTS, 'https://colloquy.example.edu')
  const items = doc.first!.items
  let assertion: (path: string) => ValidateFunction
  beforeAll(() => {
    assertion = loadSuite()
  })

  it('passes every MUST assertion for the collection and its page', () => {
    expect(failedAssertions(assertion, 'collections/collectionMusts.test', doc)).toEqual([])
    expect(
      failedAssertions(assertion, 'collections/pages/pageMusts.test', { '@context': doc['@context'], ...doc.first }),
    ).toEqual([])
  })

  it('passes every MUST assertion for each annotation, in every script', () => {
    expect(items).toHaveLength(HIGHLIGHTS.length)
    for (const item of items) {
      // An annotation taken out of the collection carries the collection's context.
      expect(
        failedAssertions(assertion, 'annotations/annotationMusts.test', { '@context': doc['@context'], ...item }),
        item.id,
      ).toEqual([])
    }
  })

  it('is a suite that fails what the model forbids (so the passes above mean something)', () => {
    const item = { '@context': doc['@context'], ...items[0]! }
    const broken = [
      { ...item, '@context': 'http://example.com/other.jsonld' },
      { ...item, target: undefined },
      { ...item, type: 'Note' },
      { ...item, created: 'yesterday' },
      { ...item, target: { ...item.target, selector: [{ type: 'TextPositionSelector', start: -3, end: 2 }] } },
      { ...item, target: { ...item.target, selector: [{ type: 'TextQuoteSelector', prefix: 'no exact' }] } },
    ]
    for (const value of broken)
      expect(failedAssertions(assertion, 'annotations/annotationMusts.test', value)).not.toEqual([])
    expect(failedAssertions(assertion, 'collections/collectionMusts.test', { ...doc, total: -1 })).not.toEqual([])
  })

  it('has the suite’s own checks of the features it uses (creator, created, motivation, text quote and position)', () => {
    const used = [
      'annotations/3.3.1-annotationCreatorImplemented.json',
      'annotations/3.3.1-annotationCreatedImplemented.json',
      'annotations/3.3.5-annotationMotivationImplemented.json',
      'annotations/specificResource/4.2.4-textQuoteSelector.json',
    ]
    for (const item of items.filter((i) => i.target['colloquy:anchorStatus'] !== 'orphaned')) {
      for (const path of [...used, 'annotations/specificResource/4.2.5-textPositionSelector.json']) {
        expect(
          assertion(path)({ '@context': doc['@context'], ...item }),
          `${item.id} ${relative(SUITE, join(SUITE, path))}`,
        ).toBe(true)
      }
    }
  })
})

describe('JSON-LD positions in code points', () => {
  const items = exportHighlightsJsonLd(SOURCE, HIGHLIGHTS, 'https://colloquy.example.edu').first!.items
  const codePoints = Array.from(TEXT)

  it('has every TextPositionSelector, read in code points, select its exact text', () => {
    let positions = 0
    for (const item of items) {
      const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector')!
      const position = item.target.selector.find((s) => s.type === 'TextPositionSelector')
      if (!position) continue
      positions += 1
      expect(codePoints.slice(position.start, position.end).join(''), item.id).toBe(quote.exact)
    }
    // All but the orphan, which has its quote only.
    expect(positions).toBe(HIGHLIGHTS.length - 1)
  })

  it('counts code points, not UTF-16 units, after emoji and flags', () => {
    const family = items.find(
      (i) =>
        i.target.selector[0]!.type === 'TextQuoteSelector' &&
        'exact' in i.target.selector[0]! &&
        i.target.selector[0].exact.startsWith('👨'),
    )!
    const position = family.target.selector.find((s) => s.type === 'TextPositionSelector')!
    const utf16 = TEXT.indexOf('👨‍👩‍👧 on the desk')
    // 🕊️ in the title, 🤝 and the two flags (four regional indicators) come before it.
    expect(position.start).toBe(utf16 - 6)
    expect(position.end - position.start).toBe([...'👨‍👩‍👧 on the desk'].length)
  })

  it('gives no position for a span that ends inside an emoji, only its quote', () => {
    const at = TEXT.indexOf('🤝')
    const split = highlight('a handshake 🤝', { end: at + 1, exact: TEXT.slice(TEXT.indexOf('a handshake'), at + 1) })
    const [item] = exportHighlightsJsonLd(SOURCE, [split], 'https://colloquy.example.edu').first!.items
    expect(item!.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector'])
  })
})

describe('JSON-LD notes keep their links', () => {
  it('gives a note with a link as HTML with its address, escaped, and a plain note as plain text', () => {
    const [linked, plain] = exportHighlightsJsonLd(SOURCE, HIGHLIGHTS.slice(0, 2), 'https://colloquy.example.edu')
      .first!.items
    expect(linked!.body[1]).toEqual({
      type: 'TextualBody',
      purpose: 'commenting',
      format: 'text/html',
      value:
        '<p dir="auto">Compare the <a href="https://japan.kantei.go.jp/constitution_and_government_of_japan/constitution_e.html">official translation</a> — 第九条 &#38; “&#60;b&#62;”</p>',
    })
    expect(plain!.body[1]).toEqual({
      type: 'TextualBody',
      purpose: 'commenting',
      format: 'text/plain',
      value: '九条の第二項',
    })
  })
})
