// Sources: an instructor pastes an essay, page junk is set aside (and can be restored), and
// only members of the group can read it, only through that group.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { createGroup } from '@/lib/groups/mutations'
import { createHighlight } from '@/lib/annotations/mutations'
import { editSourceText, restoreDroppedBlock } from '@/lib/sources/editing/mutations'
import { createSource } from '@/lib/sources/mutations'
import { getSourceForReader } from '@/lib/sources/queries'
import { classroom, expectSourceRefused, refusal } from './fixtures'

const PASTED = [
  'Why Alliances Endure',
  'By Jane Smith',
  'Alliances last when both partners gain from them.',
  'Order now',
  'Get 20% OFF your first order',
  'History shows that shared threats bind allies together.',
].join('\r\n\r\n')

const KEPT = [
  'Why Alliances Endure',
  'Alliances last when both partners gain from them.',
  'History shows that shared threats bind allies together.',
].join('\n\n')

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** An uploaded file's title block, which the importer sets aside as the source's title. */
const TITLE_BLOCK = {
  text: 'Credible Commitments',
  kind: 'heading',
  level: 1,
  page: 1,
  junkReason: 'the title (in the Title field)',
}

/** What the new-source form sends: every field, blank ones as empty strings. */
const form = (groupId: string, change: Record<string, unknown> = {}) => ({
  groupId,
  title: 'Why Alliances Endure',
  author: 'Jane Smith',
  year: '2012',
  url: 'https://example.com/alliances',
  text: PASTED,
  restore: [],
  ...change,
})

describe('adding a source', () => {
  it('keeps the essay, sets the page junk aside with its reasons, and hashes the kept text', async () => {
    const { groupId, instructor } = await classroom()
    const { id } = await createSource(instructor, form(groupId))
    const source = await db.source.findUniqueOrThrow({ where: { id } })
    expect(source).toMatchObject({
      groupId,
      title: 'Why Alliances Endure',
      author: 'Jane Smith',
      year: 2012,
      url: 'https://example.com/alliances',
      text: KEPT,
      version: 1,
      createdById: instructor.id,
    })
    expect(source.contentHash).toBe(sha256(KEPT))
    expect(source.droppedBlocks).toEqual([
      { position: 1, text: 'By Jane Smith', reason: 'the byline (in the Author field)', kind: 'heading' },
      { position: 3, text: 'Order now', reason: 'a button or menu label', kind: 'paragraph' },
      { position: 4, text: 'Get 20% OFF your first order', reason: 'price or offer', kind: 'paragraph' },
    ])
    expect(source.layout).toEqual([{ kind: 'heading' }, { kind: 'paragraph' }, { kind: 'paragraph' }])
  })

  it('puts restored blocks back in their place and lists only the rest as dropped', async () => {
    const { groupId, instructor } = await classroom()
    const { id } = await createSource(instructor, form(groupId, { restore: [4] }))
    const source = await db.source.findUniqueOrThrow({ where: { id } })
    const expected = [
      'Why Alliances Endure',
      'Alliances last when both partners gain from them.',
      'Get 20% OFF your first order',
      'History shows that shared threats bind allies together.',
    ].join('\n\n')
    expect(source.text).toBe(expected)
    expect(source.contentHash).toBe(sha256(expected))
    expect(source.droppedBlocks).toEqual([
      { position: 1, text: 'By Jane Smith', reason: 'the byline (in the Author field)', kind: 'heading' },
      { position: 3, text: 'Order now', reason: 'a button or menu label', kind: 'paragraph' },
    ])
  })

  it('leaves out a block the person unticked, as set aside by hand', async () => {
    const { groupId, instructor } = await classroom()
    const { id } = await createSource(instructor, form(groupId, { drop: [2] }))
    const source = await db.source.findUniqueOrThrow({ where: { id } })
    expect(source.text).toBe(
      ['Why Alliances Endure', 'History shows that shared threats bind allies together.'].join('\n\n'),
    )
    expect(source.droppedBlocks).toContainEqual({
      position: 2,
      text: 'Alliances last when both partners gain from them.',
      reason: 'left out by hand',
      kind: 'paragraph',
    })
  })

  it('stores the blocks of an uploaded file as previewed: kinds, heading levels and pages in the layout, set-aside blocks listed', async () => {
    const { groupId, instructor } = await classroom()
    const blocks = [
      TITLE_BLOCK,
      {
        text: 'JOURNAL OF ALLIANCE STUDIES',
        kind: 'paragraph',
        page: 1,
        junkReason: 'running head or footer (repeats on every page)',
      },
      { text: 'Promises need means.', kind: 'paragraph', page: 1 },
      { text: 'Institutions', kind: 'heading', level: 2, page: 2 },
      { text: 'They make  leaving\r\n\r\ncostly.', kind: 'quote', page: 2 },
    ]
    const { id } = await createSource(instructor, { ...form(groupId), text: undefined, blocks, restore: [1] })
    const source = await db.source.findUniqueOrThrow({ where: { id } })
    expect(source.text).toBe(
      'JOURNAL OF ALLIANCE STUDIES\n\nPromises need means.\n\nInstitutions\n\nThey make leaving\ncostly.',
    )
    expect(source.layout).toEqual([
      { kind: 'paragraph', page: 1 },
      { kind: 'paragraph', page: 1 },
      { kind: 'heading', level: 2, page: 2 },
      { kind: 'quote', page: 2 },
    ])
    expect(source.droppedBlocks).toEqual([
      {
        position: 0,
        text: 'Credible Commitments',
        reason: 'the title (in the Title field)',
        kind: 'heading',
        level: 1,
        page: 1,
      },
    ])
    const { blocks: read } = await getSourceForReader(instructor, groupId, id)
    expect(read.map((block) => [block.number, block.page])).toEqual([
      [1, 1],
      [2, 1],
      [null, 2],
      [3, 2],
    ])
  })

  it('keeps the layout in step with the text through an edit and a restored block, highlights placed again', async () => {
    const { groupId, instructor, student } = await classroom()
    const blocks = [
      TITLE_BLOCK,
      { text: 'Promises need means.', kind: 'paragraph', page: 1 },
      { text: 'Institutions', kind: 'heading', level: 2, page: 2 },
      { text: 'They make leaving costly.', kind: 'quote', page: 2 },
    ]
    const { id } = await createSource(instructor, { ...form(groupId), text: undefined, blocks })
    const highlight = await createHighlight(student, { sourceId: id, start: 0, end: 'Promises'.length, tag: 'CLAIM' })
    const layoutOf = async () => (await db.source.findUniqueOrThrow({ where: { id }, select: { layout: true } })).layout

    // A paragraph typed by hand after page 1's: its kind inferred, on the page of the block before it.
    const edited = 'Promises need means.\n\nMeans need money.\n\nInstitutions\n\nThey make leaving costly.'
    expect(await editSourceText(instructor, { sourceId: id, expectedVersion: 1, text: edited })).toMatchObject({
      version: 2,
      exact: 1,
    })
    expect(await layoutOf()).toEqual([
      { kind: 'paragraph', page: 1 },
      { kind: 'paragraph', page: 1 },
      { kind: 'heading', level: 2, page: 2 },
      { kind: 'quote', page: 2 },
    ])

    // The title put back is a level-1 heading again, not a guess.
    expect(await restoreDroppedBlock(instructor, { sourceId: id, position: 0, expectedVersion: 2 })).toMatchObject({
      version: 3,
      exact: 1,
    })
    expect(await layoutOf()).toEqual([
      { kind: 'heading', level: 1, page: 1 },
      { kind: 'paragraph', page: 1 },
      { kind: 'paragraph', page: 1 },
      { kind: 'heading', level: 2, page: 2 },
      { kind: 'quote', page: 2 },
    ])
    const { blocks: read } = await getSourceForReader(instructor, groupId, id)
    expect(read.map((block) => [block.kind, block.number, block.page])).toEqual([
      ['heading', null, 1],
      ['paragraph', 1, 1],
      ['paragraph', 2, 1],
      ['heading', null, 2],
      ['quote', 3, 2],
    ])
    expect(await db.highlight.findUniqueOrThrow({ where: { id: highlight.id } })).toMatchObject({
      exact: 'Promises',
      sourceVersion: 3,
      anchorStatus: 'EXACT',
    })
  })

  it('stores the optional fields left blank in the form as empty', async () => {
    const { groupId, instructor } = await classroom()
    const { id } = await createSource(instructor, form(groupId, { author: '  ', year: '', url: '' }))
    expect(await db.source.findUniqueOrThrow({ where: { id } })).toMatchObject({ author: null, year: null, url: null })
  })

  it('is forbidden to a student, hidden from an outsider, and asks a visitor to sign in; nothing is created', async () => {
    const { groupId, student, outsider } = await classroom()
    expect(await refusal(createSource(student, form(groupId)))).toMatchObject({ status: 403 })
    expect(await refusal(createSource(outsider, form(groupId)))).toMatchObject({ status: 404 })
    expect(await refusal(createSource(null, form(groupId)))).toMatchObject({ status: 401 })
    expect(await db.source.count({ where: { groupId } })).toBe(0)
  })

  const badInputs: [string, Record<string, unknown>, string][] = [
    ['empty text', { text: '' }, 'Paste the text of the source.'],
    ['text of only blank lines', { text: ' \n\n\t\n ' }, 'Paste the text of the source.'],
    [
      'text of only page junk',
      { text: 'Order now\n\nLive chat\n\nGet 20% OFF your first order' },
      'Nothing readable is left in this text once page junk is removed; restore some blocks.',
    ],
    ['text with NUL bytes', { text: 'A fine essay.\u0000\u0000' }, 'This text contains binary data; paste plain text.'],
    [
      'text over 500,000 characters',
      { text: 'word '.repeat(100_001) },
      'A source can have at most 500,000 characters.',
    ],
    ['a year before 1000', { year: '999' }, 'Enter a year between 1000 and 2100.'],
    ['a year after 2100', { year: 2101 }, 'Enter a year between 1000 and 2100.'],
    ['a fractional year', { year: '2010.5' }, 'Enter the year as a whole number, like 2010.'],
    [
      'an ftp address',
      { url: 'ftp://example.com/essay.txt' },
      'Enter a full web address starting with http:// or https://.',
    ],
    [
      'a javascript: address',
      { url: 'javascript:alert(1)' },
      'Enter a full web address starting with http:// or https://.',
    ],
    [
      'an address without a scheme',
      { url: 'example.com/essay' },
      'Enter a full web address starting with http:// or https://.',
    ],
    ['an empty title', { title: '' }, 'Enter a title.'],
    ['a title of only spaces', { title: '   ' }, 'Enter a title.'],
    ['a title over 300 characters', { title: 'T'.repeat(301) }, 'Use at most 300 characters for the title.'],
    ['a tampered group id', { groupId: '../other-group' }, 'That link or id is not valid.'],
  ]
  it.each(badInputs)('refuses %s with a clear message and creates nothing', async (_case, change, message) => {
    await expectSourceRefused((groupId) => form(groupId, change), message)
  })
})

describe('reading a source', () => {
  it('gives members the text split into blocks, with body paragraphs numbered', async () => {
    const { groupId, instructor, student } = await classroom()
    const { id } = await createSource(instructor, form(groupId))
    const read = await getSourceForReader(student, groupId, id)
    expect(read.source).toMatchObject({ id, title: 'Why Alliances Endure', text: KEPT, version: 1 })
    expect(read.standing).toBe('student')
    expect(read.blocks.map((block) => [block.kind, block.number, KEPT.slice(block.start, block.end)])).toEqual([
      ['heading', null, 'Why Alliances Endure'],
      ['paragraph', 1, 'Alliances last when both partners gain from them.'],
      ['paragraph', 2, 'History shows that shared threats bind allies together.'],
    ])
    expect((await getSourceForReader(instructor, groupId, id)).source.text).toBe(KEPT)
  })

  it('is hidden from outsiders and asks signed-out visitors to sign in', async () => {
    const { groupId, instructor, outsider } = await classroom()
    const { id } = await createSource(instructor, form(groupId))
    expect(await refusal(getSourceForReader(outsider, groupId, id))).toMatchObject({ status: 404 })
    expect(await refusal(getSourceForReader(null, groupId, id))).toMatchObject({ status: 401 })
  })

  it('answers not found for a source of another group, even to an instructor of both', async () => {
    const a = await classroom()
    const { id: groupB } = await createGroup(a.instructor, { name: 'Another seminar' })
    const { id } = await createSource(a.instructor, form(a.groupId))
    expect(await refusal(getSourceForReader(a.instructor, groupB, id))).toMatchObject({
      status: 404,
      error: 'This source does not exist.',
    })
    expect((await getSourceForReader(a.instructor, a.groupId, id)).source.id).toBe(id)
  })

  it('answers not found for tampered or unknown source ids', async () => {
    const { groupId, student } = await classroom()
    for (const bad of ['../x', 'DROP TABLE', '', 'c'.repeat(25), 'a'.repeat(10_000), null, 7]) {
      expect(await refusal(getSourceForReader(student, groupId, bad)), String(bad).slice(0, 20)).toMatchObject({
        status: 404,
        error: 'This source does not exist.',
      })
    }
  })
})
