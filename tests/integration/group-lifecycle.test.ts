// The end of a membership and of a group: a student leaves (their work stays with the seminar),
// the last instructor cannot leave, and an instructor deletes a group with everything in it once
// its name is typed; nobody else can, and a refused call changes nothing.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createHighlight, createReply } from '@/lib/annotations/mutations'
import { db } from '@/lib/db'
import { toFailure, type Failure } from '@/lib/errors'
import { deleteGroup, leaveGroup } from '@/lib/groups/lifecycle'
import { createGroup, joinGroupByCode } from '@/lib/groups/mutations'
import { createMap } from '@/lib/maps/mutations'
import { createSource } from '@/lib/sources/mutations'

async function refusal(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise
  } catch (error) {
    return toFailure(error)
  }
  throw new Error('Expected the call to be refused, but it succeeded.')
}

const person = (name: string) =>
  db.user.create({ data: { name, email: `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`, passwordHash: 'unused' }, select: { id: true, name: true } })

const note = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

async function seminar(name = 'Ethics seminar') {
  const instructor = await person('Iris')
  const student = await person('Sam')
  const outsider = await person('Olga')
  const { id } = await createGroup(instructor, { name })
  const { joinCode } = await db.group.findUniqueOrThrow({ where: { id }, select: { joinCode: true } })
  await joinGroupByCode(student, { code: joinCode })
  const source = await createSource(instructor, { groupId: id, title: 'On trust', text: 'Alliances rest on trust.\n\nTrust is built slowly and lost fast.' })
  const highlight = await createHighlight(student, { sourceId: source.id, start: 0, end: 9, tag: 'CLAIM', note: note('Why trust?') })
  await createReply(instructor, { highlightId: highlight.id, body: note('Read on.') })
  await createMap(student, { groupId: id, title: 'My map', kind: 'PERSONAL' })
  return { id, joinCode, instructor, student, outsider, sourceId: source.id, highlightId: highlight.id }
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
    await leaveGroup(s.student, { groupId: s.id })
    expect(await db.membership.count({ where: { groupId: s.id, userId: s.student.id } })).toBe(0)
    expect(await db.highlight.count({ where: { id: s.highlightId } })).toBe(1)
    // Gone from the group: a second try is answered as by an outsider.
    expect(await refusal(leaveGroup(s.student, { groupId: s.id }))).toMatchObject({ status: 404, error: 'This group does not exist.' })
    await joinGroupByCode(s.student, { code: s.joinCode })
    expect(await db.membership.count({ where: { groupId: s.id, userId: s.student.id } })).toBe(1)
  })

  it('the last instructor cannot leave; one of two can', async () => {
    const s = await seminar()
    expect(await refusal(leaveGroup(s.instructor, { groupId: s.id }))).toMatchObject({ status: 409, error: 'A group needs at least one instructor; add another before the last one leaves.' })
    const second = await person('Ines')
    await db.membership.create({ data: { groupId: s.id, userId: second.id, role: 'INSTRUCTOR' } })
    // Both at once: one leaves, the other is told why not.
    const outcomes = await Promise.allSettled([leaveGroup(s.instructor, { groupId: s.id }), leaveGroup(second, { groupId: s.id })])
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(await db.membership.count({ where: { groupId: s.id, role: 'INSTRUCTOR' } })).toBe(1)
  })

  it('refuses outsiders and anonymous callers', async () => {
    const s = await seminar()
    const before = await rowsOf(s.id)
    expect(await refusal(leaveGroup(s.outsider, { groupId: s.id }))).toMatchObject({ status: 404 })
    expect(await refusal(leaveGroup(null, { groupId: s.id }))).toMatchObject({ status: 401 })
    expect(await refusal(leaveGroup(s.student, { groupId: 'not an id' }))).toMatchObject({ status: 400 })
    expect(await rowsOf(s.id)).toEqual(before)
  })
})

describe('deleting a group', () => {
  it('takes every row of the group with it, once its name is typed', async () => {
    const s = await seminar('Seminar 日本 🇯🇵')
    const other = await seminar('Another seminar')
    const otherBefore = await rowsOf(other.id)
    const before = await rowsOf(s.id)
    expect(Object.values(before).every((n) => n > 0)).toBe(true)
    expect(await refusal(deleteGroup(s.instructor, { groupId: s.id, confirmName: 'Seminar' }))).toMatchObject({
      status: 400,
      error: 'Type the group’s name, “Seminar 日本 🇯🇵”, to delete it.',
      fieldErrors: { confirmName: 'This is not the group’s name.' },
    })
    expect(await rowsOf(s.id)).toEqual(before)

    expect(await deleteGroup(s.instructor, { groupId: s.id, confirmName: '  Seminar 日本 🇯🇵 ' })).toEqual({ name: 'Seminar 日本 🇯🇵' })
    expect(await rowsOf(s.id)).toEqual({ group: 0, members: 0, sources: 0, highlights: 0, replies: 0, maps: 0 })
    expect(await db.sourceRevision.count({ where: { sourceId: s.sourceId } })).toBe(0)
    // Its people remain, and other groups are untouched.
    expect(await db.user.count({ where: { id: { in: [s.instructor.id, s.student.id] } } })).toBe(2)
    expect(await rowsOf(other.id)).toEqual(otherBefore)
  })

  it('is for the group’s instructors only', async () => {
    const s = await seminar()
    const before = await rowsOf(s.id)
    expect(await refusal(deleteGroup(s.student, { groupId: s.id, confirmName: 'Ethics seminar' }))).toMatchObject({ status: 403 })
    expect(await refusal(deleteGroup(s.outsider, { groupId: s.id, confirmName: 'Ethics seminar' }))).toMatchObject({ status: 404, error: 'This group does not exist.' })
    expect(await refusal(deleteGroup(null, { groupId: s.id, confirmName: 'Ethics seminar' }))).toMatchObject({ status: 401 })
    expect(await rowsOf(s.id)).toEqual(before)
  })
})
