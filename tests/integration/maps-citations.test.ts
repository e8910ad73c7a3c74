// Nodes that cite a tagged passage: only passages of the group the editor may see can be cited,
// the editor shows where each cited passage sits, and a citation never stops a map from being
// copied or restored.
import { describe, expect, it } from 'vitest'
import { createHighlight, deleteHighlight } from '@/lib/annotations/mutations'
import { db } from '@/lib/db'
import { createMap, duplicateMap, restoreRevision } from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import { getMapForEditor } from '@/lib/maps/queries'
import { editSourceText } from '@/lib/sources/editing/mutations'
import { createSource } from '@/lib/sources/mutations'
import { newId } from '@/lib/ids'
import { ESSAY, ESSAY_TITLE, refusal } from './fixtures'
import { applyAll, mapSnapshot, nodeAdd, replayedState, sorted, storedState, twoMaps } from './map-fixtures'

const NO_SUCH_HIGHLIGHT = 'That highlight does not exist in this group.'

describe('citing passages on a map', () => {
  it('cites only highlights of this group the editor may see, and shows where each cited passage sits', async () => {
    const m = await twoMaps()
    const shared = await createHighlight(m.sam, { ...m.at('shared threats bind allies'), tag: 'EVIDENCE' })
    const annsPrivate = await createHighlight(m.ann, {
      ...m.at('both partners gain'),
      tag: 'CLAIM',
      visibility: 'PRIVATE',
    })
    const { id: foreignSource } = await createSource(m.olga, {
      groupId: m.otherGroupId,
      title: 'Elsewhere',
      text: 'A claim made in another class, with its reasons.',
    })
    const foreign = await createHighlight(m.olga, { sourceId: foreignSource, start: 2, end: 7, tag: 'CLAIM' })
    const before = await mapSnapshot(m.mapId)
    for (const [what, highlightId] of [
      ['another group', foreign.id],
      ['a classmate’s private note', annsPrivate.id],
      ['nowhere', newId()],
    ] as const) {
      expect(
        await refusal(applyMapOperation(m.sam, { mapId: m.mapId, op: nodeAdd('Cited', { highlightId }) })),
        what,
      ).toMatchObject({ status: 404, error: NO_SUCH_HIGHLIGHT })
    }
    expect(await mapSnapshot(m.mapId)).toEqual(before)

    const [cited] = await applyAll(m.sam, m.mapId, [
      nodeAdd('Threats bind', { kind: 'EVIDENCE', highlightId: shared.id }),
    ])
    const { id: annsMap } = await createMap(m.ann, { groupId: m.groupId, title: 'Ann’s map' })
    await applyAll(m.ann, annsMap, [nodeAdd('My own private claim', { highlightId: annsPrivate.id })])
    const editor = await getMapForEditor(m.ann, m.mapId)
    expect(editor.state.nodes.find((n) => n.id === cited!.node.id)).toMatchObject({ highlightId: shared.id })
    expect(editor.cited).toEqual([
      {
        highlightId: shared.id,
        sourceId: m.sourceId,
        sourceTitle: ESSAY_TITLE,
        paragraph: 2,
        exact: 'shared threats bind allies',
        tag: 'EVIDENCE',
        anchorStatus: 'EXACT',
        authorName: 'Sam',
      },
    ])
    expect((await getMapForEditor(m.ann, annsMap)).cited).toMatchObject([
      { highlightId: annsPrivate.id, paragraph: 1, authorName: 'Ann' },
    ])
  })

  it('lists every passage the editor may cite by paragraph from each source’s block index, not its text, and follows an edited text', async () => {
    const m = await twoMaps()
    const first = await createHighlight(m.sam, { ...m.at('both partners gain'), tag: 'CLAIM' })
    const second = await createHighlight(m.ann, { ...m.at('shared threats bind allies'), tag: 'EVIDENCE' })
    const { id: untouched } = await createSource(m.iris, {
      groupId: m.groupId,
      title: 'Untouched',
      text: 'Nobody has highlighted this one yet.',
    })
    const paragraphs = async () =>
      (await getMapForEditor(m.sam, m.mapId, 'citable')).cited.map((p) => [p.highlightId, p.paragraph])
    expect(await paragraphs()).toEqual([
      [first.id, 1],
      [second.id, 2],
    ])
    // An index for the version of the text cited from; none for a source nothing is cited from.
    const indexes = () =>
      db.sourceBlocks.findMany({
        where: { sourceId: { in: [m.sourceId, untouched] } },
        select: { sourceId: true, version: true },
      })
    expect(await indexes()).toEqual([{ sourceId: m.sourceId, version: 1 }])

    // The text is not read again: a text swapped behind the index's back (same version) changes nothing.
    await db.source.update({ where: { id: m.sourceId }, data: { text: 'Swapped.' } })
    expect(await paragraphs()).toEqual([
      [first.id, 1],
      [second.id, 2],
    ])
    await db.source.update({ where: { id: m.sourceId }, data: { text: ESSAY } })

    // An edit makes a new version: the index is made again from the new text.
    await editSourceText(m.iris, {
      sourceId: m.sourceId,
      expectedVersion: 1,
      text: `A paragraph written before the others.\n\n${ESSAY}`,
    })
    expect(await paragraphs()).toEqual([
      [first.id, 2],
      [second.id, 3],
    ])
    expect(await indexes()).toEqual([{ sourceId: m.sourceId, version: 2 }])
  })

  // Known bug (see the closing report): deleting a highlight sets MapNode.highlightId to null in
  // the database (ON DELETE SET NULL) but not in the log, and restoring re-adds the old id.
  it('keeps a node whose cited passage was deleted, and can still restore a revision that had it', async () => {
    const m = await twoMaps()
    const h = await createHighlight(m.sam, { ...m.at('shared threats bind allies'), tag: 'EVIDENCE' })
    const [cited] = await applyAll(m.sam, m.mapId, [nodeAdd('Threats bind', { kind: 'EVIDENCE', highlightId: h.id })])
    const { seq: k } = await db.argumentMap.findUniqueOrThrow({ where: { id: m.mapId }, select: { seq: true } })
    const [other] = await applyAll(m.ann, m.mapId, [nodeAdd('Both gain', { highlightId: h.id })])
    await applyMapOperation(m.sam, { mapId: m.mapId, op: { type: 'node.delete', nodeId: cited!.node.id } })
    await deleteHighlight(m.sam, { highlightId: h.id })
    expect((await storedState(m.mapId)).nodes.find((n) => n.id === other!.node.id)).toMatchObject({
      label: 'Both gain',
      highlightId: null,
    })
    expect(await replayedState(m.mapId)).toEqual(await storedState(m.mapId))
    await restoreRevision(m.sam, { mapId: m.mapId, seq: k })
    expect((await storedState(m.mapId)).nodes.find((n) => n.id === cited!.node.id)).toMatchObject({
      label: 'Threats bind',
    })
  })

  // Known bug (see the closing report): copying or restoring re-checks every citation against the
  // person doing it, so a classmate's own private citation on a group map blocks both.
  it('lets any member copy or restore a group map on which a classmate cited a private passage of theirs', async () => {
    const m = await twoMaps()
    const annsPrivate = await createHighlight(m.ann, {
      ...m.at('burden sharing keeps them honest'),
      tag: 'CLAIM',
      visibility: 'PRIVATE',
    })
    const [hers] = await applyAll(m.ann, m.mapId, [
      nodeAdd('Honesty through burden sharing', { highlightId: annsPrivate.id }),
    ])
    const { seq } = await db.argumentMap.findUniqueOrThrow({ where: { id: m.mapId }, select: { seq: true } })
    const { id: copyId } = await duplicateMap(m.sam, { mapId: m.mapId })
    expect((await storedState(copyId)).nodes.map((n) => n.label)).toContain('Honesty through burden sharing')
    await applyMapOperation(m.sam, { mapId: m.mapId, op: { type: 'node.delete', nodeId: hers!.node.id } })
    await restoreRevision(m.sam, { mapId: m.mapId, seq })
    expect(sorted(await storedState(m.mapId), { versions: false })).toEqual(
      sorted(await replayedState(m.mapId, seq), { versions: false }),
    )
  })

  // Known bug (see the closing report): with "read first" on, the editor hides a classmate's
  // passage from a student who has not tagged the source yet, but citing it is still accepted.
  it('does not let a student cite a classmate’s passage that "read first" still hides from them', async () => {
    const m = await twoMaps()
    await db.group.update({ where: { id: m.groupId }, data: { readFirst: true } })
    const anns = await createHighlight(m.ann, { ...m.at('both partners gain'), tag: 'CLAIM' })
    const before = await mapSnapshot(m.mapId)
    expect((await getMapForEditor(m.sam, m.mapId)).cited).toEqual([])
    expect(
      await refusal(applyMapOperation(m.sam, { mapId: m.mapId, op: nodeAdd('Both gain', { highlightId: anns.id }) })),
    ).toMatchObject({
      status: 404,
      error: NO_SUCH_HIGHLIGHT,
    })
    expect(await mapSnapshot(m.mapId)).toEqual(before)
  })
})
