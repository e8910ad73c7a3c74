// Groups: an instructor creates one, students join by code, and only instructors manage it;
// people outside a group cannot even tell it exists.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { JOIN_CODE_ALPHABET } from '@/lib/groups/join-code'
import { createHighlight } from '@/lib/annotations/mutations'
import { createGroup, joinGroupByCode, removeMember, rotateJoinCode, updateGroupSettings } from '@/lib/groups/mutations'
import { createSource } from '@/lib/sources/mutations'
import { getGroupOverview, listMyGroups } from '@/lib/groups/queries'
import { classroom, person, refusal } from './fixtures'

const DAY = 24 * 60 * 60 * 1000

/** The group each test starts from: Iris teaches it, Sam is in it, Olga is not. */
const SEMINAR = { name: 'Ethics seminar', description: 'Tuesdays at ten' }

/** Everything about a group that a refused call must leave untouched. */
const snapshot = async (groupId: string) => ({
  group: await db.group.findUnique({ where: { id: groupId } }),
  members: await db.membership.findMany({ where: { groupId }, orderBy: { userId: 'asc' } }),
})

/** Expects `call` refused with `failure`, and the group left as it was. */
async function expectRefusedUnchanged(groupId: string, call: () => Promise<unknown>, failure: object) {
  const before = await snapshot(groupId)
  expect(await refusal(call())).toMatchObject(failure)
  expect(await snapshot(groupId)).toEqual(before)
}

const anotherValidCode = (code: string) => `${code[0] === 'A' ? 'B' : 'A'}${code.slice(1)}`

describe('creating a group', () => {
  it('makes the creator its instructor and gives it an 8-character join code valid for 30 days', async () => {
    const iris = await person('Iris')
    const { id } = await createGroup(iris, { name: '  Ethics seminar  ', description: ' Tuesdays ' })
    const group = await db.group.findUniqueOrThrow({ where: { id }, include: { memberships: true } })
    expect(group).toMatchObject({ name: 'Ethics seminar', description: 'Tuesdays', createdById: iris.id })
    expect(group.memberships.map((m) => [m.userId, m.role])).toEqual([[iris.id, 'INSTRUCTOR']])
    expect(group.joinCode).toHaveLength(8)
    expect([...group.joinCode].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true)
    expect(Math.abs(group.joinCodeExpiresAt.getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60_000)
    expect(await listMyGroups(iris.id)).toEqual([
      {
        id,
        name: 'Ethics seminar',
        description: 'Tuesdays',
        role: 'INSTRUCTOR',
        archivedAt: null,
        memberCount: 1,
        sourceCount: 0,
      },
    ])
  })

  const badNames: [string, unknown, string][] = [
    ['an empty name', '', 'Enter a group name.'],
    ['a name of only spaces', '   ', 'Enter a group name.'],
    ['no name at all', undefined, 'Enter a group name.'],
    ['a name over 100 characters', 'G'.repeat(101), 'Use at most 100 characters for the group name.'],
    ['a name with a line break', 'Ethics\nseminar', 'The group name contains characters that cannot be shown.'],
    ['a name with a NUL byte', 'Ethics\u0000', 'The group name contains characters that cannot be shown.'],
    ['a name with an escape character', 'Ethics\u001b[31m', 'The group name contains characters that cannot be shown.'],
  ]
  it.each(badNames)('refuses %s with a clear message and creates no group', async (_case, name, message) => {
    const iris = await person('Iris')
    const before = await db.group.count()
    expect(await refusal(createGroup(iris, { name }))).toMatchObject({ status: 400, error: message })
    expect(await db.group.count()).toBe(before)
  })

  it('refuses an oversized or binary description and creates no group', async () => {
    const iris = await person('Iris')
    const before = await db.group.count()
    expect(await refusal(createGroup(iris, { name: 'Ok', description: 'd'.repeat(1001) }))).toMatchObject({
      status: 400,
      error: 'Use at most 1000 characters for the description.',
    })
    expect(await refusal(createGroup(iris, { name: 'Ok', description: 'a\u0000b' }))).toMatchObject({
      status: 400,
      error: 'The description contains characters that cannot be shown.',
    })
    expect(await db.group.count()).toBe(before)
  })

  it('asks a signed-out visitor to sign in and creates nothing', async () => {
    const before = await db.group.count()
    expect(await refusal(createGroup(null, { name: 'Ethics' }))).toMatchObject({
      status: 401,
      error: 'Please sign in to continue.',
    })
    expect(await db.group.count()).toBe(before)
  })
})

describe('joining by code', () => {
  it('accepts the code in lowercase, with a dash or with spaces', async () => {
    const { groupId: id, joinCode } = await classroom(SEMINAR)
    const typed = [
      joinCode.toLowerCase(),
      `${joinCode.slice(0, 4)}-${joinCode.slice(4)}`,
      `  ${joinCode.slice(0, 4)} ${joinCode.slice(4).toLowerCase()} `,
    ]
    for (const code of typed) {
      const student = await person('Stu')
      expect(await joinGroupByCode(student, { code })).toEqual({ groupId: id, alreadyMember: false })
      expect(
        await db.membership.findUnique({ where: { groupId_userId: { groupId: id, userId: student.id } } }),
      ).toMatchObject({ role: 'STUDENT' })
    }
  })

  it('is harmless a second time, and never demotes the instructor', async () => {
    const { groupId: id, joinCode, student, instructor } = await classroom(SEMINAR)
    const before = await snapshot(id)
    expect(await joinGroupByCode(student, { code: joinCode })).toEqual({ groupId: id, alreadyMember: true })
    expect(await joinGroupByCode(instructor, { code: joinCode })).toEqual({ groupId: id, alreadyMember: true })
    expect(await snapshot(id)).toEqual(before)
  })

  it('refuses an unknown, malformed or missing code and adds no one', async () => {
    const { groupId: id, joinCode } = await classroom(SEMINAR)
    const newcomer = await person('Nina')
    const before = await snapshot(id)
    expect(await refusal(joinGroupByCode(newcomer, { code: anotherValidCode(joinCode) }))).toMatchObject({
      status: 400,
      error: 'No group has this join code. Check it with your instructor.',
    })
    for (const code of [joinCode.slice(0, 7), `${joinCode}X`, '0O1IL0O1', "'; DROP TABLE--"]) {
      expect(await refusal(joinGroupByCode(newcomer, { code }))).toMatchObject({
        status: 400,
        error: 'A join code has 8 letters and digits, like K7QM-2XPA.',
      })
    }
    expect(await refusal(joinGroupByCode(newcomer, { code: ' - ' }))).toMatchObject({
      status: 400,
      error: 'Enter a join code.',
    })
    expect(await refusal(joinGroupByCode(newcomer, {}))).toMatchObject({ status: 400, error: 'Enter a join code.' })
    expect(await snapshot(id)).toEqual(before)
    expect(await listMyGroups(newcomer.id)).toEqual([])
  })

  it('refuses an expired code and adds no one', async () => {
    const { groupId: id, joinCode } = await classroom(SEMINAR)
    await db.group.update({ where: { id }, data: { joinCodeExpiresAt: new Date(Date.now() - 1000) } })
    const late = await person('Lee')
    const before = await snapshot(id)
    expect(await refusal(joinGroupByCode(late, { code: joinCode }))).toMatchObject({
      status: 400,
      error: 'This join code has expired. Ask your instructor for a new one.',
    })
    expect(await snapshot(id)).toEqual(before)
  })
})

describe('rotating the join code', () => {
  it('replaces the code, renews its expiry and makes the old one stop working', async () => {
    const { groupId: id, joinCode, instructor } = await classroom(SEMINAR)
    await db.group.update({ where: { id }, data: { joinCodeExpiresAt: new Date(Date.now() - DAY) } })
    const { joinCode: fresh } = await rotateJoinCode(instructor, { groupId: id })
    expect(fresh).not.toBe(joinCode)
    expect(fresh).toMatch(/^[A-Z2-9]{8}$/)
    const group = await db.group.findUniqueOrThrow({ where: { id } })
    expect(group.joinCode).toBe(fresh)
    expect(group.joinCodeExpiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY)
    const late = await person('Lee')
    expect((await refusal(joinGroupByCode(late, { code: joinCode }))).error).toBe(
      'No group has this join code. Check it with your instructor.',
    )
    expect(await joinGroupByCode(late, { code: fresh })).toEqual({ groupId: id, alreadyMember: false })
  })

  it('is forbidden to a student, hidden from an outsider, and changes nothing', async () => {
    const { groupId: id, student, outsider } = await classroom(SEMINAR)
    const before = await snapshot(id)
    expect(await refusal(rotateJoinCode(student, { groupId: id }))).toMatchObject({ status: 403 })
    expect(await refusal(rotateJoinCode(outsider, { groupId: id }))).toMatchObject({ status: 404 })
    expect(await refusal(rotateJoinCode(null, { groupId: id }))).toMatchObject({ status: 401 })
    expect(await snapshot(id)).toEqual(before)
  })
})

describe('removing a member', () => {
  it('lets the instructor remove a student, who then cannot see the group', async () => {
    const { groupId: id, instructor, student } = await classroom(SEMINAR)
    expect((await getGroupOverview(student, id)).role).toBe('STUDENT')
    await removeMember(instructor, { groupId: id, userId: student.id })
    expect(await db.membership.count({ where: { groupId: id, userId: student.id } })).toBe(0)
    expect(await refusal(getGroupOverview(student, id))).toMatchObject({ status: 404 })
    expect(await listMyGroups(student.id)).toEqual([])
  })

  it('refuses to remove the last instructor', async () => {
    const { groupId: id, instructor } = await classroom(SEMINAR)
    await expectRefusedUnchanged(id, () => removeMember(instructor, { groupId: id, userId: instructor.id }), {
      status: 409,
      error: 'A group needs at least one instructor; add another before removing this one.',
    })
  })

  it('lets one of two instructors be removed', async () => {
    const { groupId: id, instructor } = await classroom(SEMINAR)
    const second = await person('Ivan')
    await db.membership.create({ data: { groupId: id, userId: second.id, role: 'INSTRUCTOR' } })
    await removeMember(second, { groupId: id, userId: instructor.id })
    expect((await snapshot(id)).members.filter((m) => m.role === 'INSTRUCTOR').map((m) => m.userId)).toEqual([
      second.id,
    ])
  })

  it('answers not found for someone who is not a member, and changes nothing', async () => {
    const { groupId: id, instructor, outsider } = await classroom(SEMINAR)
    await expectRefusedUnchanged(id, () => removeMember(instructor, { groupId: id, userId: outsider.id }), {
      status: 404,
      error: 'That person is not a member of this group.',
    })
  })

  it('is forbidden to a student and hidden from an outsider, and changes nothing', async () => {
    const { groupId: id, instructor, student, outsider } = await classroom(SEMINAR)
    const before = await snapshot(id)
    expect(await refusal(removeMember(student, { groupId: id, userId: instructor.id }))).toMatchObject({ status: 403 })
    expect(await refusal(removeMember(student, { groupId: id, userId: student.id }))).toMatchObject({ status: 403 })
    expect(await refusal(removeMember(outsider, { groupId: id, userId: student.id }))).toMatchObject({ status: 404 })
    expect(await snapshot(id)).toEqual(before)
  })
})

describe('tampered group and member ids', () => {
  const TAMPERED = ['../x', 'DROP TABLE', '', ' ', "x' OR '1'='1", 'a'.repeat(10_000), '%00', 42, null]

  it('answer not found when reading, and are refused as invalid when changing, with nothing changed', async () => {
    const { groupId: id, instructor, student } = await classroom(SEMINAR)
    const before = await snapshot(id)
    for (const bad of TAMPERED) {
      expect(await refusal(getGroupOverview(instructor, bad)), String(bad).slice(0, 20)).toMatchObject({ status: 404 })
      expect(await refusal(rotateJoinCode(instructor, { groupId: bad })), String(bad).slice(0, 20)).toMatchObject({
        status: 400,
        error: expect.stringMatching(/^(That link or id is not valid\.|Missing id\.)$/),
      })
      expect(
        await refusal(removeMember(instructor, { groupId: id, userId: bad })),
        String(bad).slice(0, 20),
      ).toMatchObject({ status: 400 })
      expect(
        await refusal(removeMember(instructor, { groupId: bad, userId: student.id })),
        String(bad).slice(0, 20),
      ).toMatchObject({ status: 400 })
    }
    expect(await snapshot(id)).toEqual(before)
  })

  it('answer not found for a well-formed id of no group', async () => {
    const { instructor } = await classroom(SEMINAR)
    expect(await refusal(getGroupOverview(instructor, 'c'.repeat(25)))).toMatchObject({ status: 404 })
    expect(await refusal(rotateJoinCode(instructor, { groupId: 'c'.repeat(25) }))).toMatchObject({ status: 404 })
  })
})

describe('the group overview', () => {
  it('shows the join code to instructors only, and the members to everyone in the group', async () => {
    const { groupId: id, joinCode, instructor, student } = await classroom(SEMINAR)
    const seen = await getGroupOverview(instructor, id)
    expect(seen).toMatchObject({
      role: 'INSTRUCTOR',
      standing: 'instructor',
      may: { changeSettings: true, addSource: true, setArchived: true, delete: true },
      invite: { joinCode },
    })
    expect(seen.members.map((m) => [m.user.id, m.role])).toEqual([
      [instructor.id, 'INSTRUCTOR'],
      [student.id, 'STUDENT'],
    ])
    const studentView = await getGroupOverview(student, id)
    expect(studentView).toMatchObject({
      role: 'STUDENT',
      standing: 'student',
      may: { changeSettings: false, addSource: false, review: false, setArchived: false, delete: false },
      invite: null,
    })
    expect(studentView.members).toEqual(seen.members)
    expect(JSON.stringify(studentView)).not.toContain(joinCode)
  })

  it('counts only the highlights each reader can see: no classmate’s private ones, none that "read first" still hides', async () => {
    const { groupId: id, joinCode, instructor, student } = await classroom(SEMINAR)
    const ann = await person('Ann')
    await joinGroupByCode(ann, { code: joinCode })
    const text = 'Alliances last when both partners gain from them.\n\nShared threats bind allies together.'
    const { id: sourceId } = await createSource(instructor, { groupId: id, title: 'Why Alliances Endure', text })
    const at = (quote: string) => ({ sourceId, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length })
    await createHighlight(student, { ...at('both partners gain'), tag: 'CLAIM', visibility: 'PRIVATE' })
    await createHighlight(student, { ...at('Shared threats'), tag: 'CLAIM' })
    await createHighlight(instructor, { ...at('bind allies'), tag: 'EVIDENCE', visibility: 'PRIVATE' })
    const count = async (who: { id: string }) => (await getGroupOverview(who, id)).sources.map((s) => s.highlightCount)
    expect(await count(instructor)).toEqual([3])
    expect(await count(student)).toEqual([2])
    expect(await count(ann)).toEqual([1])
    await updateGroupSettings(instructor, { groupId: id, readFirst: true })
    expect(await count(ann)).toEqual([0])
    expect(await count(student)).toEqual([2])
    await createHighlight(ann, { ...at('Alliances last'), tag: 'BIAS' })
    expect(await count(ann)).toEqual([2])
  })

  it('is hidden from outsiders and asks signed-out visitors to sign in', async () => {
    const { groupId: id, outsider } = await classroom(SEMINAR)
    expect(await refusal(getGroupOverview(outsider, id))).toMatchObject({ status: 404 })
    expect(await refusal(getGroupOverview(null, id))).toMatchObject({
      status: 401,
      error: 'Please sign in to continue.',
    })
  })
})

describe('group settings', () => {
  it('lets an instructor turn "read first" on and refuses a student, changing nothing', async () => {
    const { db } = await import('@/lib/db')
    const { updateGroupSettings, createGroup, joinGroupByCode } = await import('@/lib/groups/mutations')
    const stamp = Date.now()
    const teacher = await db.user.create({
      data: { name: 'T', email: `t-settings-${stamp}@example.com`, passwordHash: 'x' },
    })
    const pupil = await db.user.create({
      data: { name: 'P', email: `p-settings-${stamp}@example.com`, passwordHash: 'x' },
    })
    const group = await createGroup(teacher, { name: 'Settings group' })
    const { joinCode } = await db.group.findUniqueOrThrow({ where: { id: group.id } })
    await joinGroupByCode(pupil, { code: joinCode })
    await expect(updateGroupSettings(pupil, { groupId: group.id, readFirst: true })).rejects.toMatchObject({
      status: 403,
    })
    expect((await db.group.findUniqueOrThrow({ where: { id: group.id } })).readFirst).toBe(false)
    await expect(updateGroupSettings(teacher, { groupId: group.id, readFirst: 'yes' })).rejects.toThrow()
    await updateGroupSettings(teacher, { groupId: group.id, readFirst: true })
    expect((await db.group.findUniqueOrThrow({ where: { id: group.id } })).readFirst).toBe(true)
  })
})
