// A reader applies the highlights a live event names instead of reading the whole list again.
// Whatever happens to a source's highlights, each viewer's list brought up to date that way must
// equal the list read whole, and the read by name must show nobody more than the whole list does.
import { describe, expect, it } from 'vitest'
import { applyHighlightChanges } from '@/lib/annotations/highlight-changes'
import { createHighlight, createReply, deleteHighlight, updateHighlight } from '@/lib/annotations/mutations'
import { noteFromText } from '@/lib/annotations/note'
import { listSourceHighlights, readHighlightChanges } from '@/lib/annotations/queries'
import type { ReaderHighlights } from '@/lib/annotations/views'
import { db } from '@/lib/db'
import { createSource } from '@/lib/sources/mutations'
import { refusal, seminar as seminarOn } from './fixtures'

const TEXT = [
  '日米同盟の将来',
  'Alliances last when both partners gain from them, as the record of the last century shows.',
  'History shows that shared threats bind allies together, while burden sharing keeps them honest. 🌏',
  'التحالفات تدوم عندما يستفيد الطرفان منها.',
].join('\n\n')

/** Iris teaches Sam and Ann two sources with the same text; Olga teaches a class of her own. */
async function seminar() {
  const s = await seminarOn({ title: 'On alliances', text: TEXT })
  const { id: otherSourceId } = await createSource(s.iris, { groupId: s.groupId, title: 'Another essay', text: TEXT })
  return { ...s, otherSourceId }
}

describe('highlights read again by name', () => {
  it('bring every viewer’s list to what reading it whole gives, through creations, edits, replies, privacy and deletions', async () => {
    const s = await seminar()
    const viewers = [s.iris, s.sam, s.ann]
    const lists = new Map<string, ReaderHighlights>()
    for (const viewer of viewers) lists.set(viewer.id, await listSourceHighlights(viewer, s.sourceId))

    /** What the live events of one change name, applied by each viewer as the reader does, then compared with a whole read. */
    const applied = async (what: string, ids: string[]) => {
      for (const viewer of viewers) {
        const changes = await readHighlightChanges(viewer, { sourceId: s.sourceId, highlightIds: ids })
        const next = applyHighlightChanges(lists.get(viewer.id)!, changes)
        expect(next, `${what}: ${viewer.name} can apply it`).not.toBeNull()
        const whole = await listSourceHighlights(viewer, s.sourceId)
        expect(next, `${what}: ${viewer.name}’s list`).toEqual(whole)
        lists.set(viewer.id, next!)
      }
    }

    const claim = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    await applied('a shared claim', [claim.id])
    const secret = await createHighlight(s.ann, { ...s.at('shared threats'), tag: 'EVIDENCE', visibility: 'PRIVATE' })
    await applied('a private highlight', [secret.id])
    const title = await createHighlight(s.iris, { ...s.at('日米同盟'), tag: 'BIAS' })
    const arabic = await createHighlight(s.sam, { ...s.at('التحالفات تدوم'), tag: 'CLAIM' })
    // Two at once, read in one go, land in reading order.
    await applied('two highlights in one burst', [arabic.id, title.id])
    await createReply(s.ann, { highlightId: claim.id, body: noteFromText('Which partners? 🤔') })
    await applied('a reply', [claim.id])
    await updateHighlight(s.sam, { highlightId: claim.id, tag: 'EVIDENCE', note: noteFromText('Restated.') })
    await applied('an edit', [claim.id])
    await updateHighlight(s.sam, { highlightId: arabic.id, visibility: 'PRIVATE' })
    await applied('made private', [arabic.id])
    await deleteHighlight(s.sam, { highlightId: claim.id })
    await applied('a deletion', [claim.id])

    // Ann's private highlight was never Sam's to see; the instructor sees it.
    expect(lists.get(s.sam.id)!.highlights.map((h) => h.id)).not.toContain(secret.id)
    expect(lists.get(s.iris.id)!.highlights.map((h) => h.id)).toContain(secret.id)
  })

  it('say nothing of highlights the viewer may not see, or of another source’s', async () => {
    const s = await seminar()
    const secret = await createHighlight(s.ann, { ...s.at('shared threats'), tag: 'EVIDENCE', visibility: 'PRIVATE' })
    const elsewhere = await createHighlight(s.ann, { ...s.at('both partners gain', s.otherSourceId), tag: 'CLAIM' })
    const changes = await readHighlightChanges(s.sam, {
      sourceId: s.sourceId,
      highlightIds: [secret.id, elsewhere.id, 'cmnosuchhighlight00000000'],
    })
    expect(changes.changed).toEqual([])
    expect(changes.gone).toEqual([secret.id, elsewhere.id, 'cmnosuchhighlight00000000'])
    expect(
      await refusal(readHighlightChanges(s.olga, { sourceId: s.sourceId, highlightIds: [secret.id] })),
    ).toMatchObject({ status: 404 })
    expect(
      await refusal(readHighlightChanges(null, { sourceId: s.sourceId, highlightIds: [secret.id] })),
    ).toMatchObject({ status: 401 })
  })

  it('ask for the whole list when "read first" unlocks the viewer’s view of every classmate', async () => {
    const s = await seminar()
    await db.group.update({ where: { id: s.groupId }, data: { readFirst: true } })
    const sams = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    const locked = await listSourceHighlights(s.ann, s.sourceId)
    // While locked, a classmate's new highlight is gone to Ann, and applying that changes nothing.
    const hidden = await readHighlightChanges(s.ann, { sourceId: s.sourceId, highlightIds: [sams.id] })
    expect(hidden).toMatchObject({ changed: [], gone: [sams.id], lockedByReadFirst: true })
    expect(applyHighlightChanges(locked, hidden)).toEqual(locked)
    // Her own first highlight unlocks the rest: that is read whole.
    const anns = await createHighlight(s.ann, { ...s.at('shared threats'), tag: 'EVIDENCE' })
    const unlocked = await readHighlightChanges(s.ann, { sourceId: s.sourceId, highlightIds: [anns.id] })
    expect(unlocked.lockedByReadFirst).toBe(false)
    expect(applyHighlightChanges(locked, unlocked)).toBeNull()
  })

  it('refuse a request that names no highlight, too many, or something that is not an id, and say why', async () => {
    const s = await seminar()
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `cmnosuchhighlight${String(i).padStart(8, '0')}`)
    expect(await refusal(readHighlightChanges(s.sam, { sourceId: s.sourceId, highlightIds: [] }))).toMatchObject({
      status: 400,
      fieldErrors: { highlightIds: 'Name at least one highlight.' },
    })
    expect(await refusal(readHighlightChanges(s.sam, { sourceId: s.sourceId, highlightIds: ids(101) }))).toMatchObject({
      status: 400,
      fieldErrors: { highlightIds: 'Name at most 100 highlights; read the whole list instead.' },
    })
    expect((await readHighlightChanges(s.sam, { sourceId: s.sourceId, highlightIds: ids(100) })).gone).toHaveLength(100)
    for (const bad of [
      { sourceId: s.sourceId },
      { sourceId: s.sourceId, highlightIds: 'x' },
      { sourceId: s.sourceId, highlightIds: [42] },
      { highlightIds: ids(1) },
      null,
    ]) {
      expect(await refusal(readHighlightChanges(s.sam, bad)), JSON.stringify(bad)).toMatchObject({ status: 400 })
    }
  })
})
