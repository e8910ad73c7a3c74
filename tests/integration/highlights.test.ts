// Reading together: students tag claims, evidence and bias in a source, add notes and replies,
// and see each other's highlights (private ones only their author and the instructors see; with
// "read first", classmates' only after making one). Refused changes leave everything as it was,
// outsiders cannot tell a highlight exists, and every change is logged as a numbered group event.
import pg from 'pg'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CONTEXT_CHARS } from '@/lib/annotations/anchoring'
import {
  confirmAnchor,
  createHighlight,
  createReply,
  deleteHighlight,
  deleteReply,
  updateHighlight,
  updateReply,
} from '@/lib/annotations/mutations'
import { noteFromText } from '@/lib/annotations/note'
import { listSourceHighlights } from '@/lib/annotations/queries'
import { db } from '@/lib/db'
import { toFailure } from '@/lib/errors'
import { eventsNumbered } from '@/lib/realtime/numbering'
import { createSource } from '@/lib/sources/mutations'
import { refusal, seminar as seminarOn } from './fixtures'

afterEach(() => {
  vi.restoreAllMocks()
})

const HIGHLIGHT_GONE = 'This highlight no longer exists.'
const FORBIDDEN = 'You are not allowed to do that.'
const MISSING_ID = 'cmnothighlight00000000000'

const LONG_PARAGRAPH = Array.from(
  { length: 80 },
  (_, i) => `Sentence ${i + 1} weighs the upkeep of bases against the value of deterrence.`,
).join(' ')

const TEXT = [
  'Why Alliances Endure',
  'Alliances last when both partners gain from them, as the record of the last century shows.',
  'History shows that shared threats bind allies together, while burden sharing keeps them honest.',
  LONG_PARAGRAPH,
].join('\n\n')

/** Iris teaches Sam and Ann the essay with a long paragraph; Olga teaches a class of her own. */
async function seminar() {
  const s = await seminarOn({ text: TEXT })
  const source = await db.source.findUniqueOrThrow({ where: { id: s.sourceId } })
  expect(source.text).toBe(TEXT)
  return s
}

/** Sam's claim on "both partners gain", with a note of `words`. */
const samsClaim = (s: Awaited<ReturnType<typeof seminar>>, words: string) =>
  createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM', note: noteFromText(words) })

/** Ann's reply "Gain for whom?" to a claim of Sam's. */
const annsReply = async (s: Awaited<ReturnType<typeof seminar>>) => {
  const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
  return createReply(s.ann, { highlightId: id, body: noteFromText('Gain for whom?') })
}

/** Everything a refused call must leave as it was (the events once those committed so far are numbered). */
const snapshot = async (groupId: string) => {
  await eventsNumbered()
  return {
    highlights: await db.highlight.findMany({ orderBy: { id: 'asc' } }),
    replies: await db.reply.findMany({ orderBy: { id: 'asc' } }),
    events: await db.groupEvent.findMany({ orderBy: [{ groupId: 'asc' }, { seq: 'asc' }] }),
    eventSeq: (await db.group.findUniqueOrThrow({ where: { id: groupId } })).eventSeq,
  }
}

/** The group's event log, once the events committed so far are numbered. */
const eventsOf = async (groupId: string) => {
  await eventsNumbered()
  return db.groupEvent.findMany({ where: { groupId }, orderBy: { seq: 'asc' } })
}

const RICH_NOTE = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Gain ', marks: [{ type: 'bold' }] },
        { type: 'text', text: 'for whom', marks: [{ type: 'italic' }] },
        { type: 'text', text: '? See ' },
        { type: 'text', text: 'the data', marks: [{ type: 'link', attrs: { href: 'https://example.org/data' } }] },
      ],
    },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'trade' }] }] },
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'security' }] }] },
      ],
    },
  ],
}

const withLink = (href: string) => ({
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href } }] }] },
  ],
})

describe('tagging a passage', () => {
  it('stores the quote, its context, its offsets and the source version, as an exact anchor', async () => {
    const s = await seminar()
    const selection = s.at('both partners gain')
    const { id } = await createHighlight(s.sam, { ...selection, tag: 'CLAIM', sourceVersion: 1 })
    const stored = await db.highlight.findUniqueOrThrow({ where: { id } })
    expect(stored).toMatchObject({
      sourceId: s.sourceId,
      authorId: s.sam.id,
      tag: 'CLAIM',
      visibility: 'GROUP',
      exact: 'both partners gain',
      prefix: TEXT.slice(selection.start - CONTEXT_CHARS, selection.start),
      suffix: TEXT.slice(selection.end, selection.end + CONTEXT_CHARS),
      start: selection.start,
      end: selection.end,
      sourceVersion: 1,
      anchorStatus: 'EXACT',
      note: null,
    })
    expect(stored.prefix).toHaveLength(CONTEXT_CHARS)
    expect(stored.prefix.endsWith('Alliances last when ')).toBe(true)
    expect(stored.suffix.startsWith(' from them,')).toBe(true)
  })

  it('shows the highlight to a classmate and to the instructor, with what each may do to it', async () => {
    const s = await seminar()
    const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    const common = {
      id,
      tag: 'CLAIM',
      visibility: 'GROUP',
      exact: 'both partners gain',
      anchorStatus: 'EXACT',
      note: null,
      replies: [],
    }
    const author = { id: s.sam.id, name: 'Sam', role: 'STUDENT' }

    const ann = await listSourceHighlights(s.ann, s.sourceId)
    expect(ann).toMatchObject({ lockedByReadFirst: false, sourceVersion: 1 })
    expect(ann.highlights).toEqual([
      expect.objectContaining({ ...common, author, mine: false, canEdit: false, canDelete: false, canConfirm: false }),
    ])
    const iris = await listSourceHighlights(s.iris, s.sourceId)
    expect(iris.highlights).toEqual([
      expect.objectContaining({ ...common, author, mine: false, canEdit: false, canDelete: true, canConfirm: true }),
    ])
    const sam = await listSourceHighlights(s.sam, s.sourceId)
    expect(sam.highlights).toEqual([
      expect.objectContaining({ ...common, author, mine: true, canEdit: true, canDelete: true, canConfirm: true }),
    ])
  })

  it('lists highlights in reading order', async () => {
    const s = await seminar()
    const later = await createHighlight(s.ann, { ...s.at('shared threats'), tag: 'EVIDENCE' })
    const earlier = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    const outer = await createHighlight(s.iris, { ...s.at('Alliances last when both partners gain'), tag: 'BIAS' })
    const { highlights } = await listSourceHighlights(s.sam, s.sourceId)
    expect(highlights.map((h) => h.id)).toEqual([outer.id, earlier.id, later.id])
    expect(highlights[0]!.author.role).toBe('INSTRUCTOR')
  })

  it('shows a private highlight to its author and the instructor only, never to a classmate', async () => {
    const s = await seminar()
    const { id } = await createHighlight(s.sam, {
      ...s.at('shared threats'),
      tag: 'BIAS',
      visibility: 'PRIVATE',
      note: noteFromText('my own doubt'),
    })
    expect((await listSourceHighlights(s.sam, s.sourceId)).highlights.map((h) => h.id)).toEqual([id])
    expect((await listSourceHighlights(s.iris, s.sourceId)).highlights.map((h) => [h.id, h.visibility])).toEqual([
      [id, 'PRIVATE'],
    ])
    const ann = await listSourceHighlights(s.ann, s.sourceId)
    expect(ann.highlights).toEqual([])
    expect(JSON.stringify(ann)).not.toContain('my own doubt')
  })

  it('hides the source from an outsider with the same message as a source that does not exist', async () => {
    const s = await seminar()
    await createHighlight(s.sam, { ...s.at('shared threats'), tag: 'EVIDENCE' })
    const foreign = await refusal(listSourceHighlights(s.olga, s.sourceId))
    const missing = await refusal(listSourceHighlights(s.olga, 'cmnotasource0000000000000'))
    expect(foreign).toMatchObject({ status: 404, error: 'This source does not exist.' })
    expect(missing).toEqual(foreign)
    expect(await refusal(listSourceHighlights(null, s.sourceId))).toMatchObject({ status: 401 })
  })
})

describe('"read first"', () => {
  it('hides classmates’ highlights from a student until that student makes one, but never from the instructor', async () => {
    const s = await seminar()
    await db.group.update({ where: { id: s.groupId }, data: { readFirst: true } })
    const sams = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })

    const before = await listSourceHighlights(s.ann, s.sourceId)
    expect(before).toMatchObject({ highlights: [], lockedByReadFirst: true })
    expect(await listSourceHighlights(s.iris, s.sourceId)).toMatchObject({
      lockedByReadFirst: false,
      highlights: [expect.objectContaining({ id: sams.id })],
    })
    // What Ann cannot see she cannot reply to either.
    expect(await refusal(createReply(s.ann, { highlightId: sams.id, body: noteFromText('Agreed') }))).toMatchObject({
      status: 404,
      error: HIGHLIGHT_GONE,
    })

    const anns = await createHighlight(s.ann, { ...s.at('shared threats'), tag: 'EVIDENCE' })
    const after = await listSourceHighlights(s.ann, s.sourceId)
    expect(after.lockedByReadFirst).toBe(false)
    expect(after.highlights.map((h) => h.id)).toEqual([sams.id, anns.id])
  })

  it('does not lock anyone out when it is off', async () => {
    const s = await seminar()
    await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    expect(await listSourceHighlights(s.ann, s.sourceId)).toMatchObject({
      lockedByReadFirst: false,
      highlights: [expect.anything()],
    })
  })
})

describe('notes on highlights', () => {
  it('stores a Tiptap note with bold, italic, a list and a link, and hands it back to readers', async () => {
    const s = await seminar()
    const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM', note: RICH_NOTE })
    expect((await db.highlight.findUniqueOrThrow({ where: { id } })).note).toEqual(RICH_NOTE)
    expect((await listSourceHighlights(s.ann, s.sourceId)).highlights[0]!.note).toEqual(RICH_NOTE)
  })

  it('drops attributes the note vocabulary does not know before storing', async () => {
    const s = await seminar()
    const note = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { style: 'x' },
          content: [
            {
              type: 'text',
              text: 'see',
              marks: [{ type: 'link', attrs: { href: 'https://example.org', target: '_blank', onclick: 'steal()' } }],
            },
          ],
        },
      ],
    }
    const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM', note })
    expect((await db.highlight.findUniqueOrThrow({ where: { id } })).note).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'see', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] }],
        },
      ],
    })
  })

  it('stores no note for an empty one', async () => {
    const s = await seminar()
    const { id } = await samsClaim(s, '   ')
    expect((await db.highlight.findUniqueOrThrow({ where: { id } })).note).toBeNull()
  })
})

describe('refused highlights', () => {
  const long = (() => {
    const start = TEXT.indexOf(LONG_PARAGRAPH)
    return { start, end: start + 5_001 }
  })()
  const bigNote = noteFromText('x'.repeat(20_500))
  const unknownNodes: [string, unknown][] = [
    ['an html node', { type: 'doc', content: [{ type: 'html', content: '<img src=x onerror=alert(1)>' }] }],
    [
      'a heading',
      { type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Big' }] }] },
    ],
    [
      'an image',
      {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'image', attrs: { src: 'https://evil.example/x.png' } }] }],
      },
    ],
    ['a raw HTML string', '<p onclick="alert(1)">hi</p>'],
  ]

  const cases: [string, (at: { start: number; end: number }) => Record<string, unknown>, number, string | RegExp][] = [
    [
      'a selection running past the end of the text',
      () => ({ start: TEXT.length - 3, end: TEXT.length + 5 }),
      400,
      'The selection is outside the text of this source.',
    ],
    [
      'a selection starting past the end of the text',
      () => ({ start: TEXT.length + 1, end: TEXT.length + 9 }),
      400,
      'The selection is outside the text of this source.',
    ],
    ['an empty selection', (at) => ({ end: at.start }), 400, 'Select some text first.'],
    ['a backwards selection', (at) => ({ start: at.end, end: at.start }), 400, 'Select some text first.'],
    [
      'a selection of only spaces',
      () => ({ start: TEXT.indexOf('\n\n'), end: TEXT.indexOf('\n\n') + 2 }),
      400,
      'Select some words, not only spaces.',
    ],
    [
      'a selection over 5,000 characters',
      () => long,
      400,
      'A highlight can be at most 5,000 characters; select a shorter passage.',
    ],
    ['a negative offset', () => ({ start: -1, end: 5 }), 400, 'The selection is not valid.'],
    ['a fractional offset', (at) => ({ start: at.start + 0.5 }), 400, 'The selection is not valid.'],
    ['an offset given as text', (at) => ({ start: String(at.start) }), 400, 'The selection is not valid.'],
    ['a missing offset', () => ({ end: undefined }), 400, 'The selection is not valid.'],
    ['an unknown tag', () => ({ tag: 'OPINION' }), 400, 'Choose Claim, Evidence or Bias.'],
    ['a lowercase tag', () => ({ tag: 'claim' }), 400, 'Choose Claim, Evidence or Bias.'],
    ['an unknown visibility', () => ({ visibility: 'PUBLIC' }), 400, 'Visibility is either the group or private.'],
    ['a note over 20 KB', () => ({ note: bigNote }), 400, 'A note can be at most 20 KB.'],
    [
      'a note with a javascript: link',
      () => ({ note: withLink('javascript:alert(document.cookie)') }),
      400,
      'Links must start with http://, https:// or mailto:.',
    ],
    [
      'a note with a data: link',
      () => ({ note: withLink('data:text/html,<script>alert(1)</script>') }),
      400,
      'Links must start with http://, https:// or mailto:.',
    ],
    ...unknownNodes.map(([label, note]): [string, () => Record<string, unknown>, number, RegExp] => [
      `a note with ${label}`,
      () => ({ note }),
      400,
      /./,
    ]),
    [
      'a selection made on an older version of the text',
      () => ({ sourceVersion: 2 }),
      409,
      'The text of this source was just edited. Reload the page and select the passage again.',
    ],
    [
      'a source that does not exist',
      () => ({ sourceId: 'cmnotasource0000000000000' }),
      404,
      'This source does not exist.',
    ],
    ['a tampered source id', () => ({ sourceId: '../../etc/passwd' }), 400, 'That link or id is not valid.'],
  ]

  it.each(cases)('refuses %s with a clear message and stores nothing', async (_case, change, status, message) => {
    const s = await seminar()
    const at = s.at('both partners gain')
    const before = await snapshot(s.groupId)
    const failure = await refusal(createHighlight(s.sam, { ...at, tag: 'CLAIM', sourceVersion: 1, ...change(at) }))
    expect(failure.status).toBe(status)
    if (typeof message === 'string') expect(failure.error).toBe(message)
    else expect(failure.error).toMatch(message)
    expect(await db.highlight.count()).toBe(before.highlights.length)
    expect(await snapshot(s.groupId)).toEqual(before)
  })

  it('hides the source from an outsider and stores nothing', async () => {
    const s = await seminar()
    const before = await snapshot(s.groupId)
    expect(await refusal(createHighlight(s.olga, { ...s.at('shared threats'), tag: 'CLAIM' }))).toMatchObject({
      status: 404,
      error: 'This source does not exist.',
    })
    expect(await refusal(createHighlight(null, { ...s.at('shared threats'), tag: 'CLAIM' }))).toMatchObject({
      status: 401,
    })
    expect(await snapshot(s.groupId)).toEqual(before)
  })

  it('treats the cookie of a deleted account as signed out (the route passes the id the cookie claims)', async () => {
    const s = await seminar()
    const selection = { ...s.at('shared threats'), tag: 'CLAIM' }
    await db.user.delete({ where: { id: s.ann.id } })
    const before = await snapshot(s.groupId)
    expect(await refusal(createHighlight({ id: s.ann.id }, selection))).toMatchObject({ status: 401 })
    expect(await refusal(createHighlight({ id: 'cmnotauser000000000000000' }, selection))).toMatchObject({
      status: 401,
    })
    expect(await snapshot(s.groupId)).toEqual(before)
    // The same call for a member whose account exists goes through.
    await expect(createHighlight({ id: s.sam.id }, selection)).resolves.toMatchObject({ id: expect.any(String) })
  })

  it('refuses the same passage with the same tag twice by one author, but not another tag or another author', async () => {
    const s = await seminar()
    const selection = s.at('both partners gain')
    await createHighlight(s.sam, { ...selection, tag: 'CLAIM' })
    const before = await snapshot(s.groupId)
    expect(await refusal(createHighlight(s.sam, { ...selection, tag: 'CLAIM', visibility: 'PRIVATE' }))).toMatchObject({
      status: 409,
      error: 'You already tagged this passage as claim.',
    })
    expect(await snapshot(s.groupId)).toEqual(before)
    await createHighlight(s.sam, { ...selection, tag: 'BIAS' })
    await createHighlight(s.ann, { ...selection, tag: 'CLAIM' })
    expect(await db.highlight.count({ where: { sourceId: s.sourceId } })).toBe(3)
  })

  it('lets an author tag other passages while one of their highlights is still being saved, holds back only its twin, and a retag waits', async () => {
    const s = await seminar()
    const first = s.at('both partners gain')
    const { id: retagged } = await createHighlight(s.sam, { ...s.at('burden sharing keeps them honest'), tag: 'BIAS' })
    // Sam's first highlight, saved on a connection of its own and not committed yet.
    const saving = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await saving.connect()
    try {
      await saving.query('BEGIN')
      const exact = TEXT.slice(first.start, first.end)
      const event = { type: 'highlight.changed', sourceId: s.sourceId, highlightId: 'saving' }
      const { rows } = await saving.query<{ outcome: string }>(
        `SELECT colloquy_create_highlight($1, 'saving', $2, 1, $3, 'CLAIM', 'GROUP', $4, '', '', $5, $6, NULL, $7::jsonb) AS outcome`,
        [s.groupId, s.sourceId, s.sam.id, exact, first.start, first.end, JSON.stringify(event)],
      )
      expect(rows).toEqual([{ outcome: 'created' }])

      const started = Date.now()
      await createHighlight(s.sam, { ...s.at('shared threats bind allies'), tag: 'CLAIM' })
      await createHighlight(s.sam, { ...first, tag: 'EVIDENCE' })
      expect(Date.now() - started).toBeLessThan(2_000)
      const settled: string[] = []
      const twin = createHighlight(s.sam, { ...first, tag: 'CLAIM' }).then(
        () => settled.push('twin saved'),
        (error: unknown) => settled.push(toFailure(error).error),
      )
      const retag = updateHighlight(s.sam, { highlightId: retagged, tag: 'CLAIM' }).then(() => settled.push('retagged'))
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(settled).toEqual([])
      await saving.query('COMMIT')
      await Promise.all([twin, retag])
      expect(settled.sort()).toEqual(['You already tagged this passage as claim.', 'retagged'])
    } finally {
      await saving.end()
    }
    expect(await db.highlight.count({ where: { sourceId: s.sourceId, authorId: s.sam.id } })).toBe(4)
  })

  it('stores one highlight when the same tag is submitted several times at once, and refuses the others', async () => {
    const s = await seminar()
    const input = { ...s.at('both partners gain'), tag: 'CLAIM' }
    const settled = await Promise.allSettled(Array.from({ length: 6 }, () => createHighlight(s.sam, input)))
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(refused.map((r) => toFailure(r.reason))).toEqual(
      Array.from({ length: 5 }, () =>
        expect.objectContaining({ status: 409, error: 'You already tagged this passage as claim.' }),
      ),
    )
    expect(await db.highlight.count({ where: { sourceId: s.sourceId, authorId: s.sam.id } })).toBe(1)
    expect(await db.groupEvent.count({ where: { groupId: s.groupId } })).toBe(1)
  })

  // BUG: an unknown note element is refused, but with zod's generic "Invalid input" rather than a
  // sentence a person can act on.
  it('explains an unknown note element in words', async () => {
    const s = await seminar()
    for (const [, note] of unknownNodes) {
      const failure = await refusal(createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM', note }))
      expect(failure.error).not.toMatch(/^Invalid input/)
    }
  })

  // BUG: a note nested a few thousand lists deep (a ~200 KB request) overflows the stack in the
  // recursive note schema (lib/annotations/note.ts:33) before the 20 KB check runs: a 500, not a 400.
  it('refuses a deeply nested note as too large, not with a server error', async () => {
    const s = await seminar()
    // The server logs unexpected errors; keep this one out of the test output.
    vi.spyOn(console, 'error').mockImplementation(() => {})
    let block: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'deep' }] }
    for (let i = 0; i < 3_000; i++) block = { type: 'bulletList', content: [{ type: 'listItem', content: [block] }] }
    const failure = await refusal(
      createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM', note: { type: 'doc', content: [block] } }),
    )
    expect(failure.status).toBe(400)
  })
})

describe('changing and deleting highlights', () => {
  it('lets the author change the tag, visibility and note, and clear the note', async () => {
    const s = await seminar()
    const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    await updateHighlight(s.sam, { highlightId: id, tag: 'EVIDENCE', visibility: 'PRIVATE', note: RICH_NOTE })
    expect(await db.highlight.findUniqueOrThrow({ where: { id } })).toMatchObject({
      tag: 'EVIDENCE',
      visibility: 'PRIVATE',
      note: RICH_NOTE,
    })
    expect((await listSourceHighlights(s.ann, s.sourceId)).highlights).toEqual([])
    await updateHighlight(s.sam, { highlightId: id, note: null })
    expect(await db.highlight.findUniqueOrThrow({ where: { id } })).toMatchObject({
      tag: 'EVIDENCE',
      visibility: 'PRIVATE',
      note: null,
    })
  })

  it('refuses a bad note on an edit and changes nothing', async () => {
    const s = await seminar()
    const { id } = await samsClaim(s, 'first')
    const before = await snapshot(s.groupId)
    expect(
      await refusal(updateHighlight(s.sam, { highlightId: id, note: withLink('javascript:alert(1)') })),
    ).toMatchObject({
      status: 400,
      error: 'Links must start with http://, https:// or mailto:.',
    })
    expect(await refusal(updateHighlight(s.sam, { highlightId: id, tag: 'RANT' }))).toMatchObject({
      status: 400,
      error: 'Choose Claim, Evidence or Bias.',
    })
    expect(await snapshot(s.groupId)).toEqual(before)
  })

  it('forbids a student to edit or delete a classmate’s highlight, and changes nothing', async () => {
    const s = await seminar()
    const { id } = await samsClaim(s, 'mine')
    const before = await snapshot(s.groupId)
    expect(await refusal(updateHighlight(s.ann, { highlightId: id, tag: 'BIAS' }))).toEqual({
      ok: false,
      status: 403,
      error: FORBIDDEN,
      fieldErrors: {},
    })
    expect(await refusal(updateHighlight(s.ann, { highlightId: id, note: noteFromText('hijacked') }))).toMatchObject({
      status: 403,
    })
    expect(await refusal(deleteHighlight(s.ann, { highlightId: id }))).toMatchObject({ status: 403, error: FORBIDDEN })
    expect(await refusal(confirmAnchor(s.ann, { highlightId: id }))).toMatchObject({ status: 403, error: FORBIDDEN })
    expect(await snapshot(s.groupId)).toEqual(before)
  })

  it('lets the instructor delete any highlight in the group, replies and all, but not rewrite its tag or note', async () => {
    const s = await seminar()
    const { id } = await samsClaim(s, 'mine')
    await createReply(s.ann, { highlightId: id, body: noteFromText('Really?') })
    const before = await snapshot(s.groupId)
    expect(await refusal(updateHighlight(s.iris, { highlightId: id, tag: 'BIAS' }))).toMatchObject({
      status: 403,
      error: FORBIDDEN,
    })
    expect(
      await refusal(updateHighlight(s.iris, { highlightId: id, note: noteFromText('Instructor was here') })),
    ).toMatchObject({ status: 403 })
    expect(await refusal(updateHighlight(s.iris, { highlightId: id, visibility: 'PRIVATE' }))).toMatchObject({
      status: 403,
    })
    expect(await snapshot(s.groupId)).toEqual(before)

    await deleteHighlight(s.iris, { highlightId: id })
    expect(await db.highlight.count({ where: { id } })).toBe(0)
    expect(await db.reply.count({ where: { highlightId: id } })).toBe(0)
  })

  it('lets a student delete their own highlight', async () => {
    const s = await seminar()
    const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    await deleteHighlight(s.sam, { highlightId: id })
    expect(await db.highlight.count({ where: { id } })).toBe(0)
    expect(await refusal(deleteHighlight(s.sam, { highlightId: id }))).toMatchObject({
      status: 404,
      error: HIGHLIGHT_GONE,
    })
  })

  it('hides a classmate’s private highlight as if it did not exist', async () => {
    const s = await seminar()
    const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM', visibility: 'PRIVATE' })
    const before = await snapshot(s.groupId)
    // One call at a time: started together, a refusal could land before anyone awaits it.
    for (const attempt of [
      () => updateHighlight(s.ann, { highlightId: id, tag: 'BIAS' }),
      () => deleteHighlight(s.ann, { highlightId: id }),
      () => confirmAnchor(s.ann, { highlightId: id }),
      () => createReply(s.ann, { highlightId: id, body: noteFromText('I can see you') }),
    ]) {
      expect(await refusal(attempt())).toEqual({ ok: false, status: 404, error: HIGHLIGHT_GONE, fieldErrors: {} })
    }
    expect(await snapshot(s.groupId)).toEqual(before)
  })

  it('tells an outsider exactly what it tells anyone about a highlight that does not exist, and changes nothing', async () => {
    const s = await seminar()
    const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    const before = await snapshot(s.groupId)
    const calls = [
      (highlightId: string) => updateHighlight(s.olga, { highlightId, tag: 'BIAS' }),
      (highlightId: string) => deleteHighlight(s.olga, { highlightId }),
      (highlightId: string) => confirmAnchor(s.olga, { highlightId }),
      (highlightId: string) => createReply(s.olga, { highlightId, body: noteFromText('Hello from outside') }),
    ]
    for (const call of calls) {
      const foreign = await refusal(call(id))
      expect(foreign).toEqual({ ok: false, status: 404, error: HIGHLIGHT_GONE, fieldErrors: {} })
      expect(await refusal(call(MISSING_ID))).toEqual(foreign)
    }
    expect(await snapshot(s.groupId)).toEqual(before)
  })
})

describe('replies', () => {
  it('lets members reply, edit and delete their own replies, and shows them in order', async () => {
    const s = await seminar()
    const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    const first = await createReply(s.ann, { highlightId: id, body: noteFromText('Gain for whom?') })
    const second = await createReply(s.iris, { highlightId: id, body: RICH_NOTE })
    const view = (await listSourceHighlights(s.ann, s.sourceId)).highlights[0]!
    expect(view.replies).toEqual([
      expect.objectContaining({
        id: first.id,
        author: { id: s.ann.id, name: 'Ann' },
        body: noteFromText('Gain for whom?'),
        canEdit: true,
        canDelete: true,
      }),
      expect.objectContaining({
        id: second.id,
        author: { id: s.iris.id, name: 'Iris' },
        body: RICH_NOTE,
        canEdit: false,
        canDelete: false,
      }),
    ])

    await updateReply(s.ann, { replyId: first.id, body: noteFromText('Gain for which partner?') })
    expect((await db.reply.findUniqueOrThrow({ where: { id: first.id } })).body).toEqual(
      noteFromText('Gain for which partner?'),
    )
    await deleteReply(s.ann, { replyId: first.id })
    expect(await db.reply.findMany({ where: { highlightId: id }, select: { id: true } })).toEqual([{ id: second.id }])
  })

  it('lets the instructor delete a student’s reply but not edit it', async () => {
    const s = await seminar()
    const reply = await annsReply(s)
    const iris = (await listSourceHighlights(s.iris, s.sourceId)).highlights[0]!.replies[0]!
    expect(iris).toMatchObject({ canEdit: false, canDelete: true })
    const before = await snapshot(s.groupId)
    expect(await refusal(updateReply(s.iris, { replyId: reply.id, body: noteFromText('Rewritten') }))).toMatchObject({
      status: 403,
      error: FORBIDDEN,
    })
    expect(await snapshot(s.groupId)).toEqual(before)
    await deleteReply(s.iris, { replyId: reply.id })
    expect(await db.reply.count({ where: { id: reply.id } })).toBe(0)
  })

  it('forbids a student to edit or delete a classmate’s reply, and changes nothing', async () => {
    const s = await seminar()
    const reply = await annsReply(s)
    const before = await snapshot(s.groupId)
    // Not even the author of the highlight may rewrite a reply to it.
    const rewrite = { replyId: reply.id, body: noteFromText('Rewritten') }
    expect(await refusal(updateReply(s.sam, rewrite))).toMatchObject({ status: 403, error: FORBIDDEN })
    expect(await refusal(deleteReply(s.sam, { replyId: reply.id }))).toMatchObject({ status: 403, error: FORBIDDEN })
    expect(await snapshot(s.groupId)).toEqual(before)
  })

  it.each([
    ['an empty reply', noteFromText(''), 'Write something before sending your reply.'],
    [
      'a reply of only spaces and line breaks',
      { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '  ' }, { type: 'hardBreak' }] }] },
      'Write something before sending your reply.',
    ],
    [
      'a reply with a javascript: link',
      withLink('javascript:alert(1)'),
      'Links must start with http://, https:// or mailto:.',
    ],
    ['a reply over 20 KB', noteFromText('y'.repeat(20_500)), 'A note can be at most 20 KB.'],
  ])('refuses %s and stores nothing', async (_case, body, message) => {
    const s = await seminar()
    const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    const before = await snapshot(s.groupId)
    expect(await refusal(createReply(s.ann, { highlightId: id, body }))).toMatchObject({ status: 400, error: message })
    expect(await snapshot(s.groupId)).toEqual(before)
  })

  it('refuses to empty a reply on an edit, and changes nothing', async () => {
    const s = await seminar()
    const reply = await annsReply(s)
    const before = await snapshot(s.groupId)
    expect(await refusal(updateReply(s.ann, { replyId: reply.id, body: noteFromText(' ') }))).toMatchObject({
      status: 400,
      error: 'A reply cannot be empty; delete it instead.',
    })
    expect(await snapshot(s.groupId)).toEqual(before)
  })

  it('lets the instructor reply to a student’s private highlight, which a classmate cannot', async () => {
    const s = await seminar()
    const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM', visibility: 'PRIVATE' })
    expect(await refusal(createReply(s.ann, { highlightId: id, body: noteFromText('Peek') }))).toMatchObject({
      status: 404,
      error: HIGHLIGHT_GONE,
    })
    await createReply(s.iris, { highlightId: id, body: noteFromText('Good catch') })
    expect(await db.reply.count({ where: { highlightId: id } })).toBe(1)
  })

  // BUG: authorizeOnReply (lib/annotations/mutations.ts:139) checks the reply's highlight, so an
  // outsider hears "This highlight no longer exists." for a real reply id and "This reply no longer
  // exists." for a made-up one: the difference tells that the reply exists.
  it('tells an outsider about an existing reply exactly what it tells about a missing one', async () => {
    const s = await seminar()
    const reply = await annsReply(s)
    const before = await snapshot(s.groupId)
    const missing = await refusal(
      updateReply(s.olga, { replyId: 'cmnotareply00000000000000', body: noteFromText('x') }),
    )
    expect(missing).toMatchObject({ status: 404 })
    expect(await refusal(updateReply(s.olga, { replyId: reply.id, body: noteFromText('x') }))).toEqual(missing)
    expect(await refusal(deleteReply(s.olga, { replyId: reply.id }))).toEqual(
      await refusal(deleteReply(s.olga, { replyId: 'cmnotareply00000000000000' })),
    )
    expect(await snapshot(s.groupId)).toEqual(before)
  })
})

describe('confirming a moved highlight', () => {
  async function moved() {
    const s = await seminar()
    const selection = s.at('both partners gain')
    const { id } = await createHighlight(s.sam, { ...selection, tag: 'CLAIM' })
    await db.highlight.update({ where: { id }, data: { anchorStatus: 'MOVED' } })
    return { ...s, id, selection }
  }

  it('lets the author accept it where it is, which makes it exact again', async () => {
    const s = await moved()
    await confirmAnchor(s.sam, { highlightId: s.id })
    expect(await db.highlight.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
      anchorStatus: 'EXACT',
      start: s.selection.start,
      end: s.selection.end,
      exact: 'both partners gain',
      sourceVersion: 1,
    })
  })

  it('lets the author place it on a new selection, updating the quote and its context', async () => {
    const s = await moved()
    const next = s.at('shared threats bind allies')
    await confirmAnchor(s.sam, { highlightId: s.id, start: next.start, end: next.end })
    expect(await db.highlight.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
      anchorStatus: 'EXACT',
      start: next.start,
      end: next.end,
      exact: 'shared threats bind allies',
      prefix: TEXT.slice(next.start - CONTEXT_CHARS, next.start),
      suffix: TEXT.slice(next.end, next.end + CONTEXT_CHARS),
    })
    const view = (await listSourceHighlights(s.sam, s.sourceId)).highlights[0]!
    expect(view).toMatchObject({ exact: 'shared threats bind allies', anchorStatus: 'EXACT' })
  })

  it('lets the instructor confirm a student’s highlight', async () => {
    const s = await moved()
    await confirmAnchor(s.iris, { highlightId: s.id })
    expect((await db.highlight.findUniqueOrThrow({ where: { id: s.id } })).anchorStatus).toBe('EXACT')
  })

  it('forbids a classmate to confirm it, and leaves it moved', async () => {
    const s = await moved()
    const before = await snapshot(s.groupId)
    expect(await refusal(confirmAnchor(s.ann, { highlightId: s.id }))).toMatchObject({ status: 403, error: FORBIDDEN })
    expect(await refusal(confirmAnchor(s.ann, { highlightId: s.id, ...s.at('shared threats') }))).toMatchObject({
      status: 403,
    })
    expect(await snapshot(s.groupId)).toEqual(before)
    expect((await db.highlight.findUniqueOrThrow({ where: { id: s.id } })).anchorStatus).toBe('MOVED')
  })

  it.each([
    [
      'outside the text',
      () => ({ start: TEXT.length - 2, end: TEXT.length + 3 }),
      'The selection is outside the text of this source.',
    ],
    [
      'of only spaces',
      () => ({ start: TEXT.indexOf('\n\n'), end: TEXT.indexOf('\n\n') + 2 }),
      'Select some words, not only spaces.',
    ],
    ['empty', () => ({ start: 10, end: 10 }), 'Select some text first.'],
    ['backwards', () => ({ start: 20, end: 10 }), 'Select some text first.'],
    ['with a negative offset', () => ({ start: -4, end: 10 }), 'The selection is not valid.'],
  ])('refuses a new selection %s, and leaves it moved', async (_case, selection, message) => {
    const s = await moved()
    const before = await snapshot(s.groupId)
    expect(await refusal(confirmAnchor(s.sam, { highlightId: s.id, ...selection() }))).toMatchObject({
      status: 400,
      error: message,
    })
    expect(await snapshot(s.groupId)).toEqual(before)
  })

  // BUG: confirmAnchor (lib/annotations/mutations.ts:110-111) checks neither the 5,000-character
  // limit that createHighlight enforces nor the duplicate rule, so a re-selection can be any size.
  it('refuses a new selection over 5,000 characters, as when creating one', async () => {
    const s = await moved()
    const start = TEXT.indexOf(LONG_PARAGRAPH)
    const failure = await refusal(confirmAnchor(s.sam, { highlightId: s.id, start, end: start + 5_001 }))
    expect(failure).toMatchObject({ status: 400 })
  })

  it('refuses to place it on a passage its author already tagged the same way, as when creating one, and leaves it moved', async () => {
    const s = await moved()
    const twin = s.at('shared threats bind allies')
    await createHighlight(s.sam, { ...twin, tag: 'CLAIM' })
    const before = await snapshot(s.groupId)
    const message = 'You already tagged this passage as claim; delete one of the two highlights instead.'
    expect(await refusal(confirmAnchor(s.sam, { highlightId: s.id, start: twin.start, end: twin.end }))).toMatchObject({
      status: 409,
      error: message,
    })
    // The instructor confirming it there would make the same twin.
    expect(await refusal(confirmAnchor(s.iris, { highlightId: s.id, start: twin.start, end: twin.end }))).toMatchObject(
      {
        status: 409,
        error: 'Its author already tagged this passage as claim; delete one of the two highlights instead.',
      },
    )
    expect(await snapshot(s.groupId)).toEqual(before)
    // A different tag on the same passage is no twin.
    const evidence = await createHighlight(s.sam, { ...s.at('burden sharing keeps them honest'), tag: 'EVIDENCE' })
    await db.highlight.update({ where: { id: evidence.id }, data: { anchorStatus: 'MOVED' } })
    await confirmAnchor(s.sam, { highlightId: evidence.id, start: twin.start, end: twin.end })
    expect(await db.highlight.findUniqueOrThrow({ where: { id: evidence.id } })).toMatchObject({
      start: twin.start,
      end: twin.end,
      anchorStatus: 'EXACT',
    })
  })

  it('refuses a new tag that would make it a twin of the author’s other highlight on the passage', async () => {
    const s = await moved()
    await createHighlight(s.sam, { ...s.selection, tag: 'EVIDENCE' })
    const before = await snapshot(s.groupId)
    expect(await refusal(updateHighlight(s.sam, { highlightId: s.id, tag: 'EVIDENCE' }))).toMatchObject({ status: 409 })
    expect(await snapshot(s.groupId)).toEqual(before)
  })
})

describe('the group event log', () => {
  it('records every change as one event, numbered 1, 2, 3… in the group, and nothing for a refusal', async () => {
    const s = await seminar()
    const seqs: number[] = []
    const expectOneMoreEvent = async (highlightId: string) => {
      const events = await eventsOf(s.groupId)
      const group = await db.group.findUniqueOrThrow({ where: { id: s.groupId } })
      expect(events.map((e) => e.seq)).toEqual([...seqs, seqs.length + 1])
      const last = events.at(-1)!
      expect(last).toMatchObject({
        type: 'highlight.changed',
        payload: { type: 'highlight.changed', sourceId: s.sourceId, highlightId },
      })
      expect(group.eventSeq).toBe(last.seq)
      seqs.push(last.seq!)
    }

    expect(await eventsOf(s.groupId)).toEqual([])
    const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    await expectOneMoreEvent(id)
    await updateHighlight(s.sam, { highlightId: id, note: noteFromText('why?') })
    await expectOneMoreEvent(id)
    const reply = await createReply(s.ann, { highlightId: id, body: noteFromText('Because.') })
    // The reply also tells Sam, in an event for Sam alone (tests/integration/notifications.test.ts), just before.
    expect((await eventsOf(s.groupId))[seqs.length]).toMatchObject({
      seq: seqs.length + 1,
      type: 'notification.created',
    })
    seqs.push(seqs.length + 1)
    await expectOneMoreEvent(id)
    await updateReply(s.ann, { replyId: reply.id, body: noteFromText('Because of trade.') })
    await expectOneMoreEvent(id)

    const before = await snapshot(s.groupId)
    await refusal(updateHighlight(s.ann, { highlightId: id, tag: 'BIAS' }))
    await refusal(createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' }))
    await refusal(createReply(s.ann, { highlightId: id, body: noteFromText('') }))
    expect(await snapshot(s.groupId)).toEqual(before)

    await deleteReply(s.ann, { replyId: reply.id })
    await expectOneMoreEvent(id)
    await db.highlight.update({ where: { id }, data: { anchorStatus: 'MOVED' } })
    await confirmAnchor(s.sam, { highlightId: id })
    await expectOneMoreEvent(id)
    await deleteHighlight(s.iris, { highlightId: id })
    await expectOneMoreEvent(id)
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('numbers each group’s events on their own', async () => {
    const s = await seminar()
    const { id: otherSource } = await createSource(s.olga, {
      groupId: s.otherGroupId,
      title: 'Another essay',
      text: TEXT,
    })
    await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    await createHighlight(s.olga, { ...s.at('both partners gain'), sourceId: otherSource, tag: 'CLAIM' })
    await createHighlight(s.ann, { ...s.at('shared threats'), tag: 'EVIDENCE' })
    expect((await eventsOf(s.groupId)).map((e) => e.seq)).toEqual([1, 2])
    expect((await eventsOf(s.otherGroupId)).map((e) => [e.seq, (e.payload as { sourceId: string }).sourceId])).toEqual([
      [1, otherSource],
    ])
  })
})
