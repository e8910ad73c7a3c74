// Saving a source's text re-anchors its highlights off the request thread: what stays EXACT
// (typography, a typo fixed, a paragraph moved), what asks its author (a sentence whose paragraph
// was deleted), and highlights made while a save is computed, which are never left behind.
import { describe, expect, it } from 'vitest'
import { confirmAnchor, createHighlight } from '@/lib/annotations/mutations'
import { db } from '@/lib/db'
import { toFailure } from '@/lib/errors'
import { createGroup } from '@/lib/groups/mutations'
import { editSourceText } from '@/lib/sources/editing/mutations'
import { createSource } from '@/lib/sources/mutations'
import { person } from './fixtures'

const INTRO =
  'Alliances last when both partners gain from them, and only as long as they do. The "core" of any alliance is the threats its members share.'
const HISTORY =
  'History shows that shared threats bind allies together - while prosperity loosens the ties. Governments rarely admit it.'
const BASES =
  'Okinawa hosts most of the bases, a burden its governor has long contested. The cost is paid locally, the benefit nationally.'
const CLOSING = 'In the end, trust between peoples matters more than the treaties their governments sign.'
const ESSAY = ['Why Alliances Endure', INTRO, HISTORY, BASES, CLOSING].join('\n\n')

async function essay(text = ESSAY) {
  const instructor = await person('Iris')
  const { id: groupId } = await createGroup(instructor, { name: 'Alliance seminar' })
  const { id: sourceId } = await createSource(instructor, { groupId, title: 'Why Alliances Endure', text, restore: [] })
  return { instructor, sourceId }
}

async function highlight(actor: { id: string }, sourceId: string, phrase: string) {
  const { text } = await db.source.findUniqueOrThrow({ where: { id: sourceId }, select: { text: true } })
  const start = text.indexOf(phrase)
  expect(start, phrase).toBeGreaterThanOrEqual(0)
  return (await createHighlight(actor, { sourceId, start, end: start + phrase.length, tag: 'CLAIM' })).id
}

const placed = (id: string) =>
  db.highlight.findUniqueOrThrow({ where: { id }, select: { exact: true, anchorStatus: true, sourceVersion: true } })

describe('re-anchoring when a source is saved', () => {
  it('keeps highlights EXACT through quote, dash and line-break changes, with the new typography', async () => {
    const { instructor, sourceId } = await essay()
    const core = await highlight(instructor, sourceId, 'The "core" of any alliance')
    const dash = await highlight(instructor, sourceId, 'together - while prosperity')
    const text = ESSAY.replace('"core"', '“core”')
      .replace('together - while', 'together—while')
      .replace('bases, a burden', 'bases,\na burden')

    const saved = await editSourceText(instructor, { sourceId, expectedVersion: 1, text })
    expect(saved).toEqual({ version: 2, exact: 2, moved: 0, orphaned: 0 })
    expect(await placed(core)).toEqual({ exact: 'The “core” of any alliance', anchorStatus: 'EXACT', sourceVersion: 2 })
    expect(await placed(dash)).toEqual({ exact: 'together—while prosperity', anchorStatus: 'EXACT', sourceVersion: 2 })
  })

  it('keeps a highlight EXACT when a misspelt word in it is corrected to a word the text uses, and asks otherwise', async () => {
    const { instructor, sourceId } = await essay(ESSAY.replace('shared threats bind', 'shared thraets bind'))
    const typo = await highlight(instructor, sourceId, 'shared thraets bind allies')
    const reworded = await highlight(instructor, sourceId, 'benefit nationally')
    const text = ESSAY.replace('shared thraets bind', 'shared threats bind').replace(
      'benefit nationally',
      'benefits nationally',
    )

    const saved = await editSourceText(instructor, { sourceId, expectedVersion: 1, text })
    expect(saved).toEqual({ version: 2, exact: 1, moved: 1, orphaned: 0 })
    expect(await placed(typo)).toEqual({ exact: 'shared threats bind allies', anchorStatus: 'EXACT', sourceVersion: 2 })
    expect(await placed(reworded)).toMatchObject({ exact: 'benefits nationally', anchorStatus: 'MOVED' })
  })

  it('keeps the highlights of a paragraph moved elsewhere EXACT, even at its first and last words', async () => {
    const { instructor, sourceId } = await essay()
    const first = await highlight(instructor, sourceId, 'Okinawa hosts')
    const last = await highlight(instructor, sourceId, 'the benefit nationally.')
    const text = ['Why Alliances Endure', BASES, INTRO, HISTORY, CLOSING].join('\n\n')

    const saved = await editSourceText(instructor, { sourceId, expectedVersion: 1, text })
    expect(saved).toEqual({ version: 2, exact: 2, moved: 0, orphaned: 0 })
    expect(await placed(first)).toMatchObject({ exact: 'Okinawa hosts', anchorStatus: 'EXACT' })
    expect(await placed(last)).toMatchObject({ exact: 'the benefit nationally.', anchorStatus: 'EXACT' })
  })

  it('asks before placing a sentence whose paragraph was deleted and that reappears in the next one', async () => {
    const { instructor, sourceId } = await essay()
    const sentence = await highlight(instructor, sourceId, 'Governments rarely admit it.')
    const text = ['Why Alliances Endure', INTRO, `Governments rarely admit it. ${BASES}`, CLOSING].join('\n\n')

    const saved = await editSourceText(instructor, { sourceId, expectedVersion: 1, text })
    expect(saved).toEqual({ version: 2, exact: 0, moved: 1, orphaned: 0 })
    expect(await placed(sentence)).toMatchObject({ exact: 'Governments rarely admit it.', anchorStatus: 'MOVED' })
  })

  it('never leaves a highlight made or confirmed during a save on the old text', async () => {
    for (const delay of [0, 2, 10, 40]) {
      const { instructor, sourceId } = await essay()
      await highlight(instructor, sourceId, 'trust between peoples')
      const other = await highlight(instructor, sourceId, 'Okinawa hosts')
      const text = ESSAY.replace('Why Alliances Endure', 'Why Alliances Endure, and When They Fail')
      const saving = editSourceText(instructor, { sourceId, expectedVersion: 1, text })
      await new Promise((resolve) => setTimeout(resolve, delay))
      const start = ESSAY.indexOf('shared threats')
      const during = await Promise.allSettled([
        createHighlight(instructor, {
          sourceId,
          start,
          end: start + 'shared threats'.length,
          tag: 'EVIDENCE',
          sourceVersion: 1,
        }),
        confirmAnchor(instructor, { highlightId: other }),
      ])
      await saving
      for (const outcome of during)
        if (outcome.status === 'rejected') expect(toFailure(outcome.reason)).toMatchObject({ status: 409 })
      // Whatever happened first, every highlight now stands on the saved text.
      const highlights = await db.highlight.findMany({
        where: { sourceId },
        select: { exact: true, start: true, end: true, sourceVersion: true },
      })
      for (const h of highlights) {
        expect(h.sourceVersion, `delay ${delay} ms`).toBe(2)
        expect(text.slice(h.start, h.end)).toBe(h.exact)
      }
    }
  })
})
