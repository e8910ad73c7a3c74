// The end of a membership and of a group: a student leaves (their work stays with the seminar),
// the last instructor cannot leave, and an instructor deletes a group with everything in it once
// its name is typed; nobody else can, and a refused call changes nothing. An archived group is
// read-only for everyone until an instructor unarchives it.
import { describe, expect, it } from 'vitest'
import { newId } from '@/lib/ids'
import { createHighlight, createReply, deleteHighlight, updateHighlight } from '@/lib/annotations/mutations'
import { listSourceHighlights } from '@/lib/annotations/queries'
import { db } from '@/lib/db'
import { deleteGroup, leaveGroup, setGroupArchived } from '@/lib/groups/lifecycle'
import { joinGroupByCode, updateGroupSettings } from '@/lib/groups/mutations'
import { getGroupOverview, listMyGroups } from '@/lib/groups/queries'
import { groupAssignments } from '@/lib/assignments/queries'
import { createMap, renameMap, submitMap } from '@/lib/maps/mutations'
import { getMapForEditor, listGroupMaps } from '@/lib/maps/queries'
import { searchGroup } from '@/lib/search/queries'
import { applyMapOperation } from '@/lib/maps/operations'
import { GROUP_ARCHIVED } from '@/lib/permissions'
import { addFeedback, setRubric } from '@/lib/review/feedback'
import { updateSourceMetadata } from '@/lib/sources/editing/mutations'
import { createSource } from '@/lib/sources/mutations'
import { getSourceForReader } from '@/lib/sources/queries'
import { claimOnTrust, classroom, note, person, refusal } from './fixtures'

async function seminar(name = 'Ethics seminar') {
  const people = await classroom({ name })
  const { instructor, student, groupId } = people
  const { source, highlight } = await claimOnTrust(instructor, student, groupId, 'Why trust?')
  await createReply(instructor, { highlightId: highlight.id, body: note('Read on.') })
  await createMap(student, { groupId, title: 'My map', kind: 'PERSONAL' })
  return { ...people, sourceId: source.id, highlightId: highlight.id }
}

const rowsOf = async (groupId: string) => ({
  group: await db.group.count({ where: { id: groupId } }),
  members: await db.membership.count({ where: { groupId } }),
  sources: await db.source.count({ where: { groupId } }),
  highlights: await db.highlight.count({ where: { source: { groupId } } }),
  replies: await db.reply.count({ where: { highlight: { source: { groupId } } } }),
  maps: await db.argumentMap.count({ where: { groupId } }),
})

describe('leaving a group', () => {
  it('a student leaves; what they wrote stays with the seminar, and they can join again', async () => {
    const s = await seminar()
    await leaveGroup(s.student, { groupId: s.groupId })
    expect(await db.membership.count({ where: { groupId: s.groupId, userId: s.student.id } })).toBe(0)
    expect(await db.highlight.count({ where: { id: s.highlightId } })).toBe(1)
    // Gone from the group: a second try is answered as by an outsider.
    expect(await refusal(leaveGroup(s.student, { groupId: s.groupId }))).toMatchObject({
      status: 404,
      error: 'This group does not exist.',
    })
    await joinGroupByCode(s.student, { code: s.joinCode })
    expect(await db.membership.count({ where: { groupId: s.groupId, userId: s.student.id } })).toBe(1)
  })

  it('once a student has left, every read of the group answers as to an outsider, and it is gone from their groups', async () => {
    const s = await seminar()
    const { id: mapId } = await db.argumentMap.findFirstOrThrow({
      where: { groupId: s.groupId, ownerId: s.student.id },
      select: { id: true },
    })
    await leaveGroup(s.student, { groupId: s.groupId })
    const reads: [string, () => Promise<unknown>][] = [
      ['group page', () => getGroupOverview(s.student, s.groupId)],
      ['source', () => getSourceForReader(s.student, s.groupId, s.sourceId)],
      ['highlights', () => listSourceHighlights(s.student, s.sourceId)],
      ['maps', () => listGroupMaps(s.student, s.groupId)],
      ['their own map', () => getMapForEditor(s.student, mapId)],
      ['assignments', () => groupAssignments(s.student, s.groupId)],
      ['search', () => searchGroup(s.student, { groupId: s.groupId, q: 'trust' })],
    ]
    for (const [what, read] of reads) expect(await refusal(read()), what).toMatchObject({ status: 404 })
    expect((await listMyGroups(s.student.id)).map((group) => group.id)).not.toContain(s.groupId)
    // Their map and highlight stay with the seminar, as when an instructor removes a member.
    expect(await db.argumentMap.count({ where: { id: mapId } })).toBe(1)
    expect(await db.highlight.count({ where: { id: s.highlightId } })).toBe(1)
  })

  it('the last instructor cannot leave; one of two can', async () => {
    const s = await seminar()
    expect(await refusal(leaveGroup(s.instructor, { groupId: s.groupId }))).toMatchObject({
      status: 409,
      error: 'A group needs at least one instructor; add another before the last one leaves.',
    })
    const second = await person('Ines')
    await db.membership.create({ data: { groupId: s.groupId, userId: second.id, role: 'INSTRUCTOR' } })
    // Both at once: one leaves, the other is told why not.
    const outcomes = await Promise.allSettled([
      leaveGroup(s.instructor, { groupId: s.groupId }),
      leaveGroup(second, { groupId: s.groupId }),
    ])
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(await db.membership.count({ where: { groupId: s.groupId, role: 'INSTRUCTOR' } })).toBe(1)
  })

  it('refuses outsiders and anonymous callers', async () => {
    const s = await seminar()
    const before = await rowsOf(s.groupId)
    expect(await refusal(leaveGroup(s.outsider, { groupId: s.groupId }))).toMatchObject({ status: 404 })
    expect(await refusal(leaveGroup(null, { groupId: s.groupId }))).toMatchObject({ status: 401 })
    expect(await refusal(leaveGroup(s.student, { groupId: 'not an id' }))).toMatchObject({ status: 400 })
    expect(await rowsOf(s.groupId)).toEqual(before)
  })
})

describe('deleting a group', () => {
  it('takes every row of the group with it, once its name is typed', async () => {
    const s = await seminar('Seminar 日本 🇯🇵')
    const other = await seminar('Another seminar')
    const otherBefore = await rowsOf(other.groupId)
    const before = await rowsOf(s.groupId)
    expect(Object.values(before).every((n) => n > 0)).toBe(true)
    expect(await refusal(deleteGroup(s.instructor, { groupId: s.groupId, confirmName: 'Seminar' }))).toMatchObject({
      status: 400,
      error: 'Type the group’s name, “Seminar 日本 🇯🇵”, to delete it.',
      fieldErrors: { confirmName: 'This is not the group’s name.' },
    })
    expect(await rowsOf(s.groupId)).toEqual(before)

    expect(await deleteGroup(s.instructor, { groupId: s.groupId, confirmName: '  Seminar 日本 🇯🇵 ' })).toEqual({
      name: 'Seminar 日本 🇯🇵',
    })
    expect(await rowsOf(s.groupId)).toEqual({ group: 0, members: 0, sources: 0, highlights: 0, replies: 0, maps: 0 })
    expect(await db.sourceRevision.count({ where: { sourceId: s.sourceId } })).toBe(0)
    // Its people remain, and other groups are untouched.
    expect(await db.user.count({ where: { id: { in: [s.instructor.id, s.student.id] } } })).toBe(2)
    expect(await rowsOf(other.groupId)).toEqual(otherBefore)
  })

  it('is for the group’s instructors only', async () => {
    const s = await seminar()
    const before = await rowsOf(s.groupId)
    expect(await refusal(deleteGroup(s.student, { groupId: s.groupId, confirmName: 'Ethics seminar' }))).toMatchObject({
      status: 403,
    })
    expect(await refusal(deleteGroup(s.outsider, { groupId: s.groupId, confirmName: 'Ethics seminar' }))).toMatchObject(
      { status: 404, error: 'This group does not exist.' },
    )
    expect(await refusal(deleteGroup(null, { groupId: s.groupId, confirmName: 'Ethics seminar' }))).toMatchObject({
      status: 401,
    })
    expect(await rowsOf(s.groupId)).toEqual(before)
  })
})

describe('archiving a group', () => {
  it('makes the group read-only for everyone until an instructor unarchives it', async () => {
    const s = await seminar()
    const { id: mapId } = await db.argumentMap.findFirstOrThrow({ where: { groupId: s.groupId }, select: { id: true } })
    const { id: groupMapId } = await createMap(s.instructor, { groupId: s.groupId, title: 'Class map', kind: 'GROUP' })
    const { archivedAt } = await setGroupArchived(s.instructor, { groupId: s.groupId, archived: true })
    expect(archivedAt).toBeInstanceOf(Date)
    // Archiving twice keeps the first date.
    expect((await setGroupArchived(s.instructor, { groupId: s.groupId, archived: true })).archivedAt).toEqual(
      archivedAt,
    )
    const before = await rowsOf(s.groupId)
    const nodes = await db.mapNode.count()

    const writes: [string, () => Promise<unknown>][] = [
      [
        'a student highlights',
        () => createHighlight(s.student, { sourceId: s.sourceId, start: 10, end: 15, tag: 'EVIDENCE' }),
      ],
      [
        'the instructor highlights',
        () => createHighlight(s.instructor, { sourceId: s.sourceId, start: 10, end: 15, tag: 'BIAS' }),
      ],
      [
        'a student edits the note of their highlight',
        () => updateHighlight(s.student, { highlightId: s.highlightId, note: note('Changed') }),
      ],
      ['a student deletes their highlight', () => deleteHighlight(s.student, { highlightId: s.highlightId })],
      ['a student replies', () => createReply(s.student, { highlightId: s.highlightId, body: note('Late reply') })],
      [
        'a student adds to their map',
        () =>
          applyMapOperation(s.student, {
            mapId,
            op: {
              type: 'node.add',
              node: { id: newId(), kind: 'CLAIM', label: 'Late', x: 0, y: 0 },
            },
          }),
      ],
      [
        'a student edits the group map',
        () =>
          applyMapOperation(s.student, {
            mapId: groupMapId,
            op: {
              type: 'node.add',
              node: { id: newId(), kind: 'CLAIM', label: 'Late', x: 0, y: 0 },
            },
          }),
      ],
      ['a student submits their map', () => submitMap(s.student, { mapId })],
      [
        'a student starts a map',
        () => createMap(s.student, { groupId: s.groupId, title: 'Another', kind: 'PERSONAL' }),
      ],
      ['a student renames their map', () => renameMap(s.student, { mapId, title: 'Renamed' })],
      [
        'the instructor adds a source',
        () => createSource(s.instructor, { groupId: s.groupId, title: 'More', text: 'More text.' }),
      ],
      [
        'the instructor edits a source',
        () => updateSourceMetadata(s.instructor, { sourceId: s.sourceId, title: 'Retitled' }),
      ],
      ['the instructor leaves feedback', () => addFeedback(s.instructor, { mapId, body: 'Late feedback' })],
      [
        'the instructor changes the rubric',
        () => setRubric(s.instructor, { groupId: s.groupId, criteria: [{ name: 'Evidence', points: 5 }] }),
      ],
      [
        'the instructor turns on read first',
        () => updateGroupSettings(s.instructor, { groupId: s.groupId, readFirst: true }),
      ],
    ]
    for (const [what, write] of writes) {
      expect(await refusal(write()), what).toMatchObject({ status: 403, error: GROUP_ARCHIVED })
    }
    // A student still may not do what only instructors may, archived or not.
    expect(await refusal(createSource(s.student, { groupId: s.groupId, title: 'x', text: 'y' }))).toMatchObject({
      status: 403,
      error: 'You are not allowed to do that.',
    })
    // Nobody joins an archived group; outsiders learn nothing about it.
    expect(await refusal(joinGroupByCode(s.outsider, { code: s.joinCode }))).toMatchObject({
      status: 403,
      error: GROUP_ARCHIVED,
    })
    expect(
      await refusal(createHighlight(s.outsider, { sourceId: s.sourceId, start: 0, end: 5, tag: 'CLAIM' })),
    ).toMatchObject({ status: 404 })
    expect(await rowsOf(s.groupId)).toEqual(before)
    expect(await db.mapNode.count()).toBe(nodes)

    // Everything can still be read, and the reader offers no writing.
    const reader = await listSourceHighlights(s.student, s.sourceId)
    expect(reader).toMatchObject({ canHighlight: false, canReply: false })
    expect(reader.highlights[0]).toMatchObject({ id: s.highlightId, canEdit: false, canDelete: false })
    expect((await listMyGroups(s.student.id))[0]).toMatchObject({ id: s.groupId, archivedAt })
    expect((await getGroupOverview(s.instructor, s.groupId)).may).toEqual({
      changeSettings: false,
      addSource: false,
      review: true,
      downloadArchive: true,
      removeMember: true,
      setArchived: true,
      delete: true,
    })

    // Only an instructor of the group archives or unarchives it.
    expect(await refusal(setGroupArchived(s.student, { groupId: s.groupId, archived: false }))).toMatchObject({
      status: 403,
    })
    expect(await refusal(setGroupArchived(s.outsider, { groupId: s.groupId, archived: false }))).toMatchObject({
      status: 404,
      error: 'This group does not exist.',
    })
    expect(await refusal(setGroupArchived(null, { groupId: s.groupId, archived: false }))).toMatchObject({
      status: 401,
    })
    expect(await refusal(setGroupArchived(s.instructor, { groupId: s.groupId, archived: 'no' }))).toMatchObject({
      status: 400,
    })
    expect((await db.group.findUniqueOrThrow({ where: { id: s.groupId } })).archivedAt).toEqual(archivedAt)

    // Unarchived, the seminar goes on.
    expect(await setGroupArchived(s.instructor, { groupId: s.groupId, archived: false })).toEqual({ archivedAt: null })
    await createHighlight(s.student, { sourceId: s.sourceId, start: 10, end: 15, tag: 'EVIDENCE' })
    await createReply(s.student, { highlightId: s.highlightId, body: note('Back again') })
    expect((await listSourceHighlights(s.student, s.sourceId)).canHighlight).toBe(true)
    expect(await joinGroupByCode(s.outsider, { code: s.joinCode })).toMatchObject({ alreadyMember: false })
  })
})
