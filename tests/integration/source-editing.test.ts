// Editing a source: an instructor fixes its text or details, or restores a block the importer set
// aside; the old text is kept as a revision and every highlight is placed again, never lost.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { AnchorStatus } from '@/lib/annotations/anchoring'
import { createHighlight } from '@/lib/annotations/mutations'
import { db } from '@/lib/db'
import { toFailure } from '@/lib/errors'
import { createGroup } from '@/lib/groups/mutations'
import { editSourceText, restoreDroppedBlock, updateSourceMetadata } from '@/lib/sources/editing/mutations'
import { getSourceForEditing } from '@/lib/sources/editing/queries'
import { createSource } from '@/lib/sources/mutations'
import { eventsNumbered } from '@/lib/realtime/numbering'
import { classroom, refusal } from './fixtures'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

const TITLE = 'Why Alliances Endure'
const OPENING = 'Alliances last when both partnrs gain from them, and only as long as they do.'
const HISTORY = 'History shows that shared threats bind allies together, while prosperity loosens the ties.'
const CLOSING = 'In the end, trust between peoples matters more than the treaties their governments sign.'
const ESSAY = [TITLE, OPENING, HISTORY, CLOSING].join('\n\n')

/** A seminar with the essay as its source (version 1). */
async function essay(text = ESSAY) {
  const people = await classroom()
  const { id: sourceId } = await createSource(people.instructor, {
    groupId: people.groupId,
    title: TITLE,
    text,
    restore: [],
  })
  return { ...people, sourceId }
}

async function highlight(actor: { id: string }, sourceId: string, phrase: string) {
  const { text } = await db.source.findUniqueOrThrow({ where: { id: sourceId }, select: { text: true } })
  const start = text.indexOf(phrase)
  expect(start, phrase).toBeGreaterThanOrEqual(0)
  const { id } = await createHighlight(actor, { sourceId, start, end: start + phrase.length, tag: 'CLAIM' })
  return id
}

/** A highlight's W3C selectors: its quote with the context on each side, and its position. */
const SELECTORS = { exact: true, prefix: true, suffix: true, start: true, end: true }
/** Where a highlight is: its selectors, and the version and status they hold for. */
const anchorOf = (id: string) =>
  db.highlight.findUniqueOrThrow({ where: { id }, select: { ...SELECTORS, sourceVersion: true, anchorStatus: true } })

/** What the editor would see: the expected anchor of `phrase` in `text`, that text's version and the status. */
function placedAt(text: string, phrase: string, sourceVersion: number, anchorStatus: AnchorStatus) {
  const start = text.indexOf(phrase)
  expect(start, phrase).toBeGreaterThanOrEqual(0)
  const end = start + phrase.length
  return {
    exact: phrase,
    prefix: text.slice(Math.max(0, start - 32), start),
    suffix: text.slice(end, end + 32),
    start,
    end,
    sourceVersion,
    anchorStatus,
  }
}

/** Everything a refused edit must leave as it was. */
async function snapshot(sourceId: string) {
  return {
    source: await db.source.findUniqueOrThrow({ where: { id: sourceId } }),
    highlights: await db.highlight.findMany({ where: { sourceId }, orderBy: { id: 'asc' } }),
    revisions: await db.sourceRevision.findMany({ where: { sourceId } }),
    events: await db.groupEvent.count(),
  }
}

/** The group's last event, once the events committed so far are numbered. */
const lastEvent = async (groupId: string) => {
  await eventsNumbered()
  return db.groupEvent.findFirstOrThrow({ where: { groupId }, orderBy: { seq: 'desc' } })
}

describe('editing the text of a source', () => {
  it('keeps a highlight exact at its shifted place after a typo fix before it, and keeps the old text', async () => {
    const { groupId, instructor, student, sourceId } = await essay()
    const id = await highlight(student, sourceId, 'shared threats bind allies together')
    const fixed = ESSAY.replace('partnrs', 'partners')

    const saved = await editSourceText(instructor, { sourceId, expectedVersion: 1, text: fixed })

    expect(saved).toEqual({ version: 2, exact: 1, moved: 0, orphaned: 0 })
    expect(await db.source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({
      text: fixed,
      contentHash: sha256(fixed),
      version: 2,
    })
    const anchor = await anchorOf(id)
    expect(anchor).toEqual(placedAt(fixed, 'shared threats bind allies together', 2, 'EXACT'))
    expect(anchor.start).toBe(ESSAY.indexOf('shared threats') + 1)
    expect(
      await db.sourceRevision.findMany({
        where: { sourceId },
        select: { version: true, text: true, contentHash: true, createdById: true },
      }),
    ).toEqual([{ version: 1, text: ESSAY, contentHash: sha256(ESSAY), createdById: instructor.id }])
    expect(await lastEvent(groupId)).toMatchObject({
      type: 'source.changed',
      payload: { type: 'source.changed', sourceId },
    })
  })

  it('anchors a new highlight in the edited text, though this process held the old text in memory', async () => {
    const { instructor, student, sourceId } = await essay()
    // The first highlight puts version 1 in the process's text cache.
    await highlight(student, sourceId, 'shared threats bind allies together')
    const rewritten = ESSAY.replace('History shows that', 'As the record of the last century shows,')
    await editSourceText(instructor, { sourceId, expectedVersion: 1, text: rewritten })

    const phrase = 'the record of the last century'
    const start = rewritten.indexOf(phrase)
    const { id } = await createHighlight(student, {
      sourceId,
      start,
      end: start + phrase.length,
      tag: 'EVIDENCE',
      sourceVersion: 2,
    })
    expect(
      await db.highlight.findUniqueOrThrow({
        where: { id },
        select: { exact: true, start: true, sourceVersion: true },
      }),
    ).toEqual({
      exact: phrase,
      start,
      sourceVersion: 2,
    })
    // A selection made on the old text is refused rather than anchored in the new one.
    expect(
      await refusal(createHighlight(student, { sourceId, start: 0, end: 5, tag: 'CLAIM', sourceVersion: 1 })),
    ).toMatchObject({ status: 409 })
  })

  it('marks a highlight whose words were edited as moved, holding the edited words, and leaves the others exact', async () => {
    const { instructor, student, sourceId } = await essay()
    const edited = await highlight(student, sourceId, 'shared threats bind allies together')
    const untouched = await highlight(instructor, sourceId, 'trust between peoples')
    const text = ESSAY.replace('shared threats bind', 'shared dangers bind')

    const saved = await editSourceText(instructor, { sourceId, expectedVersion: 1, text })
    expect(saved).toEqual({ version: 2, exact: 1, moved: 1, orphaned: 0 })

    expect(await anchorOf(edited)).toEqual(placedAt(text, 'shared dangers bind allies together', 2, 'MOVED'))
    expect(await anchorOf(untouched)).toEqual(placedAt(text, 'trust between peoples', 2, 'EXACT'))
  })

  it('orphans a highlight whose passage was deleted, keeping it and its quote', async () => {
    const { instructor, student, sourceId } = await essay()
    const id = await highlight(student, sourceId, 'shared threats bind allies together')
    const before = await anchorOf(id)
    const text = [TITLE, OPENING, CLOSING].join('\n\n')

    const saved = await editSourceText(instructor, { sourceId, expectedVersion: 1, text })
    expect(saved).toEqual({ version: 2, exact: 0, moved: 0, orphaned: 1 })

    // The whole anchor still describes the passage in the version it was made on.
    expect(await anchorOf(id)).toEqual({ ...before, anchorStatus: 'ORPHANED' })
    expect(before).toMatchObject({ exact: 'shared threats bind allies together', sourceVersion: 1 })
  })

  it('re-anchors from the latest text over two edits in a row, keeping each old text as a revision', async () => {
    const { instructor, student, sourceId } = await essay()
    const id = await highlight(student, sourceId, 'trust between peoples')
    const v2 = ESSAY.replace('partnrs', 'partners')
    const v3 = v2.replace(
      HISTORY,
      `${HISTORY}\n\nGeography matters too: neighbours fear each other more than distant powers.`,
    )

    await editSourceText(instructor, { sourceId, expectedVersion: 1, text: v2 })
    const later = await highlight(student, sourceId, 'prosperity loosens the ties')
    const saved = await editSourceText(instructor, { sourceId, expectedVersion: 2, text: v3 })
    expect(saved).toEqual({ version: 3, exact: 2, moved: 0, orphaned: 0 })

    expect(await anchorOf(id)).toEqual(placedAt(v3, 'trust between peoples', 3, 'EXACT'))
    expect(await anchorOf(later)).toEqual(placedAt(v3, 'prosperity loosens the ties', 3, 'EXACT'))
    expect(
      await db.sourceRevision.findMany({
        where: { sourceId },
        orderBy: { version: 'asc' },
        select: { version: true, text: true },
      }),
    ).toEqual([
      { version: 1, text: ESSAY },
      { version: 2, text: v2 },
    ])
  })

  it('finds an orphan again from the text it was made on when its passage comes back, for its author to confirm', async () => {
    const { instructor, student, sourceId } = await essay()
    const id = await highlight(student, sourceId, 'shared threats bind allies together')
    await editSourceText(instructor, { sourceId, expectedVersion: 1, text: [TITLE, OPENING, CLOSING].join('\n\n') })
    const restored = [TITLE, OPENING.replace('partnrs', 'partners'), HISTORY, CLOSING].join('\n\n')

    const saved = await editSourceText(instructor, { sourceId, expectedVersion: 2, text: restored })
    expect(saved).toEqual({ version: 3, exact: 0, moved: 1, orphaned: 0 })

    expect(await anchorOf(id)).toEqual(placedAt(restored, 'shared threats bind allies together', 3, 'MOVED'))
  })

  it('never turns a moved highlight back to exact on its own', async () => {
    const { instructor, student, sourceId } = await essay()
    const id = await highlight(student, sourceId, 'shared threats bind allies together')
    const v2 = ESSAY.replace('shared threats bind', 'shared dangers bind')
    const v3 = v2.replace('partnrs', 'partners')
    await editSourceText(instructor, { sourceId, expectedVersion: 1, text: v2 })

    const saved = await editSourceText(instructor, { sourceId, expectedVersion: 2, text: v3 })
    expect(saved).toEqual({ version: 3, exact: 0, moved: 1, orphaned: 0 })
    expect(await anchorOf(id)).toEqual(placedAt(v3, 'shared dangers bind allies together', 3, 'MOVED'))
  })

  it('stores the text the way the importer does, but keeps lines an importer would take for junk', async () => {
    const { instructor, sourceId } = await essay()
    const typed = `${TITLE}\r\n\r\n\r\n\r\n  Alliances  last\u00a0long.  \r\nOrder now\n\n\n\nCafe\u0301 society endures.\n\n`

    await editSourceText(instructor, { sourceId, expectedVersion: 1, text: typed })

    expect((await db.source.findUniqueOrThrow({ where: { id: sourceId } })).text).toBe(
      `${TITLE}\n\nAlliances last long.\nOrder now\n\nCaf\u00e9 society endures.`,
    )
  })

  it('makes no new version when the text is saved unchanged', async () => {
    const { instructor, student, sourceId } = await essay()
    await highlight(student, sourceId, 'shared threats bind allies together')
    const before = await snapshot(sourceId)

    const saved = await editSourceText(instructor, { sourceId, expectedVersion: 1, text: `${ESSAY}\r\n` })
    expect(saved).toEqual({ version: 1, exact: 1, moved: 0, orphaned: 0 })
    expect(await snapshot(sourceId)).toEqual(before)
  })

  it('refuses a save made on an older version and changes nothing', async () => {
    const { instructor, student, sourceId } = await essay()
    await highlight(student, sourceId, 'shared threats bind allies together')
    await editSourceText(instructor, { sourceId, expectedVersion: 1, text: ESSAY.replace('partnrs', 'partners') })
    const before = await snapshot(sourceId)

    expect(
      await refusal(editSourceText(instructor, { sourceId, expectedVersion: 1, text: ESSAY.replace(CLOSING, '') })),
    ).toMatchObject({
      status: 409,
      error: 'Someone else edited this source; reload to see their changes.',
    })
    expect(await snapshot(sourceId)).toEqual(before)
  })

  it('lets only one of two simultaneous saves of the same version through', async () => {
    const { instructor, student, sourceId } = await essay()
    // Enough highlights that the two transactions overlap while re-anchoring.
    for (let start = 0; start + 15 <= ESSAY.length; start += 9) {
      await createHighlight(student, { sourceId, start, end: start + 15, tag: 'EVIDENCE' })
    }
    const results = await Promise.allSettled([
      editSourceText(instructor, { sourceId, expectedVersion: 1, text: ESSAY.replace('partnrs', 'partners') }),
      editSourceText(instructor, { sourceId, expectedVersion: 1, text: ESSAY.replace('partnrs', 'parties') }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected')
    expect(toFailure(rejected?.reason)).toMatchObject({ status: 409 })
    expect(await db.source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({ version: 2 })
    expect(await db.sourceRevision.count({ where: { sourceId } })).toBe(1)
  })

  it('is forbidden to a student, hidden from an outsider, and asks a visitor to sign in; nothing changes', async () => {
    const { student, outsider, sourceId } = await essay()
    await highlight(student, sourceId, 'shared threats bind allies together')
    const before = await snapshot(sourceId)
    const input = { sourceId, expectedVersion: 1, text: ESSAY.replace('partnrs', 'partners') }

    expect(await refusal(editSourceText(student, input))).toMatchObject({ status: 403 })
    expect(await refusal(editSourceText(outsider, input))).toMatchObject({ status: 404 })
    expect(await refusal(editSourceText(null, input))).toMatchObject({ status: 401 })
    expect(await refusal(restoreDroppedBlock(student, { sourceId, position: 0, expectedVersion: 1 }))).toMatchObject({
      status: 403,
    })
    expect(await refusal(restoreDroppedBlock(outsider, { sourceId, position: 0, expectedVersion: 1 }))).toMatchObject({
      status: 404,
    })
    expect(await refusal(updateSourceMetadata(student, { sourceId, title: 'Mine now' }))).toMatchObject({ status: 403 })
    expect(await refusal(updateSourceMetadata(outsider, { sourceId, title: 'Mine now' }))).toMatchObject({
      status: 404,
    })
    expect(await snapshot(sourceId)).toEqual(before)
  })

  const badTexts: [string, unknown, string][] = [
    ['an empty text', '', 'The text of a source cannot be empty.'],
    ['a text of only blank lines', ' \r\n\r\n\t \n', 'The text of a source cannot be empty.'],
    ['a text of only invisible characters', '\u200b\ufeff\u200b', 'The text of a source cannot be empty.'],
    ['a text over 500,000 characters', 'word '.repeat(100_001), 'A source can have at most 500,000 characters.'],
    ['a text with NUL bytes', `${ESSAY}\u0000`, 'This text contains binary data; paste plain text.'],
    ['no text at all', undefined, 'The text of a source cannot be empty.'],
  ]
  it.each(badTexts)('refuses %s with a clear message and changes nothing', async (_case, text, message) => {
    const { instructor, student, sourceId } = await essay()
    await highlight(student, sourceId, 'shared threats bind allies together')
    const before = await snapshot(sourceId)

    expect(await refusal(editSourceText(instructor, { sourceId, expectedVersion: 1, text }))).toMatchObject({
      status: 400,
      error: message,
    })
    expect(await snapshot(sourceId)).toEqual(before)
  })

  it('refuses a save that does not say which version it was made on', async () => {
    const { instructor, sourceId } = await essay()
    expect(await refusal(editSourceText(instructor, { sourceId, text: ESSAY }))).toMatchObject({ status: 400 })
  })
})

describe('restoring a block the importer set aside', () => {
  // As pasted, before the importer sets aside the two lines of page junk, and as restored.
  const BLOCKS = [TITLE, 'A guest essay for the seminar', OPENING, 'Order now', 'Get 20% OFF your first order', HISTORY]
  const PASTED = BLOCKS.join('\r\n\r\n')

  it.each([
    ['the later one first', [4, 3]],
    ['the earlier one first', [3, 4]],
  ])('puts each block back where it stood, %s, and re-anchors the highlights after it', async (_order, positions) => {
    const { instructor, student, sourceId } = await essay(PASTED)
    const id = await highlight(student, sourceId, 'shared threats bind allies together')
    expect((await db.source.findUniqueOrThrow({ where: { id: sourceId } })).droppedBlocks).toHaveLength(2)

    let version = 1
    for (const position of positions) {
      const saved = await restoreDroppedBlock(instructor, { sourceId, position, expectedVersion: version })
      expect(saved).toEqual({ version: version + 1, exact: 1, moved: 0, orphaned: 0 })
      version++
    }

    const expected = BLOCKS.join('\n\n')
    const source = await db.source.findUniqueOrThrow({ where: { id: sourceId } })
    expect(source).toMatchObject({ text: expected, contentHash: sha256(expected), version: 3, droppedBlocks: [] })
    expect(await anchorOf(id)).toEqual(placedAt(expected, 'shared threats bind allies together', 3, 'EXACT'))
    expect(await db.sourceRevision.count({ where: { sourceId } })).toBe(2)
  })

  it('removes only the restored block from the list and keeps the others for later', async () => {
    const { groupId, instructor, sourceId } = await essay(PASTED)
    await restoreDroppedBlock(instructor, { sourceId, position: 4, expectedVersion: 1 })

    const source = await db.source.findUniqueOrThrow({ where: { id: sourceId } })
    expect(source.text).toBe(
      [TITLE, 'A guest essay for the seminar', OPENING, 'Get 20% OFF your first order', HISTORY].join('\n\n'),
    )
    expect(source.droppedBlocks).toEqual([
      { position: 3, text: 'Order now', reason: 'a button or menu label', kind: 'paragraph' },
    ])
    expect(await db.sourceRevision.findFirstOrThrow({ where: { sourceId } })).toMatchObject({
      version: 1,
      text: [TITLE, 'A guest essay for the seminar', OPENING, HISTORY].join('\n\n'),
    })
    expect(await lastEvent(groupId)).toMatchObject({
      type: 'source.changed',
      payload: { type: 'source.changed', sourceId },
    })
  })

  it('still finds the place after the instructor corrected the text by hand', async () => {
    const { instructor, sourceId } = await essay(PASTED)
    const typed = [TITLE, 'A guest essay for the seminar', OPENING.replace('partnrs', 'partners'), HISTORY].join('\n\n')
    await editSourceText(instructor, { sourceId, expectedVersion: 1, text: typed })
    await restoreDroppedBlock(instructor, { sourceId, position: 3, expectedVersion: 2 })

    expect((await db.source.findUniqueOrThrow({ where: { id: sourceId } })).text).toBe(
      [TITLE, 'A guest essay for the seminar', OPENING.replace('partnrs', 'partners'), 'Order now', HISTORY].join(
        '\n\n',
      ),
    )
  })

  it('refuses a stale version or a block that is not set aside, and changes nothing', async () => {
    const { instructor, sourceId } = await essay(PASTED)
    await restoreDroppedBlock(instructor, { sourceId, position: 4, expectedVersion: 1 })
    const before = await snapshot(sourceId)

    expect(await refusal(restoreDroppedBlock(instructor, { sourceId, position: 3, expectedVersion: 1 }))).toMatchObject(
      {
        status: 409,
        error: 'Someone else edited this source; reload to see their changes.',
      },
    )
    expect(await refusal(restoreDroppedBlock(instructor, { sourceId, position: 4, expectedVersion: 2 }))).toMatchObject(
      { status: 404 },
    )
    expect(
      await refusal(restoreDroppedBlock(instructor, { sourceId, position: -1, expectedVersion: 2 })),
    ).toMatchObject({ status: 400 })
    expect(await snapshot(sourceId)).toEqual(before)
  })
})

describe('editing the details of a source', () => {
  it('changes title, author, year and address without touching the text or its version', async () => {
    const { groupId, instructor, sourceId } = await essay()
    await updateSourceMetadata(instructor, {
      sourceId,
      title: '  Why Alliances Last ',
      author: 'Jane Smith',
      year: '2012',
      url: 'https://example.com/a',
    })

    expect(await db.source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({
      title: 'Why Alliances Last',
      author: 'Jane Smith',
      year: 2012,
      url: 'https://example.com/a',
      text: ESSAY,
      version: 1,
    })
    expect(await lastEvent(groupId)).toMatchObject({ type: 'source.changed' })

    await updateSourceMetadata(instructor, { sourceId, title: 'Why Alliances Last', author: '', year: '', url: '' })
    expect(await db.source.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({
      author: null,
      year: null,
      url: null,
    })
  })

  it('refuses invalid details with a clear message', async () => {
    const { instructor, sourceId } = await essay()
    expect(await refusal(updateSourceMetadata(instructor, { sourceId, title: ' ' }))).toMatchObject({
      status: 400,
      error: 'Enter a title.',
    })
    expect(await refusal(updateSourceMetadata(instructor, { sourceId, title: 'T', year: '99' }))).toMatchObject({
      status: 400,
      error: 'Enter a year between 1000 and 2100.',
    })
    expect(
      await refusal(updateSourceMetadata(instructor, { sourceId, title: 'T', url: 'javascript:alert(1)' })),
    ).toMatchObject({ status: 400 })
    expect((await db.source.findUniqueOrThrow({ where: { id: sourceId } })).title).toBe(TITLE)
  })
})

describe('opening the edit page', () => {
  it('gives an instructor the text, version, set-aside blocks and number of highlights', async () => {
    const { groupId, instructor, student } = await classroom()
    const { id: sourceId } = await createSource(instructor, {
      groupId,
      title: TITLE,
      text: `${ESSAY}\n\nOrder now`,
      restore: [],
    })
    await highlight(student, sourceId, 'trust between peoples')

    expect((await getSourceForEditing(instructor, groupId, sourceId)).source).toMatchObject({
      id: sourceId,
      text: ESSAY,
      version: 1,
      droppedBlocks: [{ position: 4, text: 'Order now', reason: 'a button or menu label', kind: 'paragraph' }],
      highlightCount: 1,
    })
  })

  it('is forbidden to a student and hidden from an outsider or through another group', async () => {
    const { groupId, instructor, student, outsider, sourceId } = await essay()
    const { id: otherGroup } = await createGroup(instructor, { name: 'Another seminar' })
    expect(await refusal(getSourceForEditing(student, groupId, sourceId))).toMatchObject({ status: 403 })
    expect(await refusal(getSourceForEditing(outsider, groupId, sourceId))).toMatchObject({ status: 404 })
    expect(await refusal(getSourceForEditing(instructor, otherGroup, sourceId))).toMatchObject({ status: 404 })
    expect(await refusal(getSourceForEditing(instructor, groupId, '../x'))).toMatchObject({ status: 404 })
  })
})
