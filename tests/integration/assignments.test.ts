// Assignments: progress counted from a student's own highlights on the assignment's sources, a map
// handed in on time, late, or refused when late work is not accepted; dates entered in the group's
// time zone (across a DST change); the gradebook CSV that Canvas and Moodle import; the reminder
// a day before the due date.
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { createHighlight } from '@/lib/annotations/mutations'
import { createAssignment, deleteAssignment, updateAssignment } from '@/lib/assignments/mutations'
import { exportGradebook, gradebookColumns } from '@/lib/assignments/gradebook'
import { assignmentColumns, groupAssignments, myTodo, readerAssignments } from '@/lib/assignments/queries'
import { remindDueSoon } from '@/lib/assignments/reminders'
import { db } from '@/lib/db'
import { setGroupTimeZone } from '@/lib/groups/mutations'
import { createMap, reopenMap, submitMap } from '@/lib/maps/mutations'
import { listInbox } from '@/lib/notifications/queries'
import { addFeedback, setRubric } from '@/lib/review/feedback'
import { createSource } from '@/lib/sources/mutations'
import { ESSAY, person, refusal, seminar } from './fixtures'
import { applyAll, nodeAdd } from './map-fixtures'

const HOUR = 3_600_000

/** What an outsider is told, as if the group or the assignment did not exist. */
const NO_GROUP = { status: 404, error: 'This group does not exist.' }
const NO_ASSIGNMENT = { status: 404, error: 'This assignment does not exist.' }
/** A wall-clock time in UTC (the fixtures' groups keep the default zone), `hours` from now. */
const utcLocal = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString().slice(0, 16)

async function withAssignment(overrides: Record<string, unknown> = {}) {
  const s = await seminar()
  const input = {
    groupId: s.groupId,
    title: 'Week 3: why alliances last',
    sourceIds: [s.sourceId],
    minClaims: 2,
    minEvidence: 1,
    opensAt: utcLocal(-24),
    dueAt: utcLocal(48),
    ...overrides,
  }
  const { id: assignmentId } = await createAssignment(s.iris, input)
  return { ...s, assignmentId, input }
}

const progressOf = async (who: { id: string }, assignmentId: string) =>
  (await myTodo(who)).find((item) => item.assignment.id === assignmentId)?.progress

/** Moves the due date into the past behind the app's back, as time passing would. */
const makeOverdue = (assignmentId: string, hoursAgo = 1) =>
  db.assignment.update({ where: { id: assignmentId }, data: { dueAt: new Date(Date.now() - hoursAgo * HOUR) } })

async function personalMap(owner: { id: string }, groupId: string, title = 'My argument') {
  const { id } = await createMap(owner, { groupId, title })
  await applyAll(owner, id, [nodeAdd('Alliances last')])
  return id
}

describe('progress on an assignment', () => {
  it('counts the student’s own highlights on its sources, by tag, until every minimum is met', async () => {
    const s = await withAssignment()
    const { id: elsewhere } = await createSource(s.iris, { groupId: s.groupId, title: 'Not assigned', text: ESSAY })
    expect((await progressOf(s.sam, s.assignmentId))!).toMatchObject({
      status: 'open',
      counts: { CLAIM: 0, EVIDENCE: 0, BIAS: 0 },
    })

    await createHighlight(s.sam, { ...s.at('Alliances last'), tag: 'CLAIM' })
    // A classmate's work, and the student's own on a source the assignment does not list, do not count.
    await createHighlight(s.ann, { ...s.at('shared threats'), tag: 'CLAIM' })
    await createHighlight(s.sam, { sourceId: elsewhere, start: 0, end: 9, tag: 'CLAIM' })
    let progress = (await progressOf(s.sam, s.assignmentId))!
    expect(progress.counts).toEqual({ CLAIM: 1, EVIDENCE: 0, BIAS: 0 })
    expect(progress.requirements).toEqual([
      { kind: 'CLAIM', need: 2, have: 1, met: false },
      { kind: 'EVIDENCE', need: 1, have: 0, met: false },
    ])
    expect(progress.status).toBe('open')

    await createHighlight(s.sam, { ...s.at('burden sharing'), tag: 'CLAIM' })
    const { id: last } = await createHighlight(s.sam, { ...s.at('the record of the last century'), tag: 'EVIDENCE' })
    progress = (await progressOf(s.sam, s.assignmentId))!
    expect(progress.status).toBe('done')
    // Done when the last requirement was met.
    const lastAt = (await db.highlight.findUniqueOrThrow({ where: { id: last } })).createdAt
    expect(progress.completedAt).toEqual(lastAt)
    expect((await progressOf(s.ann, s.assignmentId))!.status).toBe('open')
    // The reader of the assigned essay shows it; the other essay's reader does not.
    expect((await readerAssignments(s.sam, s.groupId, s.sourceId)).map((i) => i.assignment.id)).toEqual([
      s.assignmentId,
    ])
    expect(await readerAssignments(s.sam, s.groupId, elsewhere)).toEqual([])
  })

  it('lists nothing before it opens, and marks unfinished work missing once it is past due', async () => {
    const s = await withAssignment({ opensAt: utcLocal(2), dueAt: utcLocal(30) })
    expect(await myTodo(s.sam)).toEqual([])
    await db.assignment.update({ where: { id: s.assignmentId }, data: { opensAt: new Date(Date.now() - 2 * HOUR) } })
    expect((await progressOf(s.sam, s.assignmentId))!.status).toBe('open')
    await makeOverdue(s.assignmentId)
    expect((await progressOf(s.sam, s.assignmentId))!.status).toBe('missing')
  })

  it('counts work done after the due date as late when late work is accepted, and not at all when it is not', async () => {
    const s = await withAssignment({ minClaims: 1, minEvidence: 0 })
    await makeOverdue(s.assignmentId)
    await createHighlight(s.sam, { ...s.at('Alliances last'), tag: 'CLAIM' })
    expect((await progressOf(s.sam, s.assignmentId))!).toMatchObject({ status: 'late', counts: { CLAIM: 1 } })
    await db.assignment.update({ where: { id: s.assignmentId }, data: { allowLate: false } })
    expect((await progressOf(s.sam, s.assignmentId))!).toMatchObject({ status: 'missing', counts: { CLAIM: 0 } })
  })

  it('asks for one highlight on the sources when it sets no minimum and no map', async () => {
    const s = await withAssignment({ minClaims: 0, minEvidence: 0 })
    expect((await progressOf(s.sam, s.assignmentId))!.requirements).toEqual([
      { kind: 'ANY', need: 1, have: 0, met: false },
    ])
    await createHighlight(s.sam, { ...s.at('shared threats'), tag: 'BIAS' })
    expect((await progressOf(s.sam, s.assignmentId))!.status).toBe('done')
  })
})

describe('handing in a map', () => {
  it('records a submission on time, shows it done, and withdraws it when the map is reopened', async () => {
    const s = await withAssignment({ minClaims: 0, minEvidence: 0, requireMap: true })
    const mapId = await personalMap(s.sam, s.groupId)
    await submitMap(s.sam, { mapId, assignmentId: s.assignmentId })
    expect(await db.argumentMap.findUniqueOrThrow({ where: { id: mapId }, select: { status: true } })).toEqual({
      status: 'SUBMITTED',
    })
    expect((await progressOf(s.sam, s.assignmentId))!).toMatchObject({
      status: 'done',
      submission: { mapId, late: false },
    })
    const columns = await assignmentColumns(s.iris, s.groupId)
    expect(columns.progress(s.assignmentId, s.sam.id).status).toBe('done')
    expect(columns.progress(s.assignmentId, s.ann.id).status).toBe('open')

    await reopenMap(s.iris, { mapId })
    expect(await db.assignmentSubmission.count({ where: { mapId } })).toBe(0)
    expect((await progressOf(s.sam, s.assignmentId))!.status).toBe('open')
  })

  it('marks a submission after the due date late when late work is accepted', async () => {
    const s = await withAssignment({ minClaims: 0, minEvidence: 0, requireMap: true, allowLate: true })
    await makeOverdue(s.assignmentId)
    const mapId = await personalMap(s.sam, s.groupId)
    await submitMap(s.sam, { mapId, assignmentId: s.assignmentId })
    expect(await db.assignmentSubmission.findFirstOrThrow({ where: { mapId }, select: { late: true } })).toEqual({
      late: true,
    })
    expect((await progressOf(s.sam, s.assignmentId))!.status).toBe('late')
  })

  it('refuses a late map when late work is not accepted, with a sentence, and leaves the map a draft', async () => {
    const s = await withAssignment({
      title: 'Map of week 3',
      minClaims: 0,
      minEvidence: 0,
      requireMap: true,
      allowLate: false,
      opensAt: '2026-01-08T09:00',
      dueAt: '2026-01-15T17:00',
    })
    const mapId = await personalMap(s.sam, s.groupId)
    const failure = await refusal(submitMap(s.sam, { mapId, assignmentId: s.assignmentId }))
    expect(failure).toMatchObject({
      status: 403,
      error:
        '“Map of week 3” was due on Thu, 15 Jan 2026, 17:00 UTC and does not accept late work, so your map was not submitted.',
    })
    expect(await db.argumentMap.findUniqueOrThrow({ where: { id: mapId }, select: { status: true } })).toEqual({
      status: 'DRAFT',
    })
    expect(await db.assignmentSubmission.count({ where: { assignmentId: s.assignmentId } })).toBe(0)
    expect((await progressOf(s.sam, s.assignmentId))!.status).toBe('missing')
  })

  it('refuses a map for an assignment that asks for none, one not open yet, another group’s, and a second map', async () => {
    const s = await withAssignment({ minClaims: 0, minEvidence: 0, requireMap: true })
    const { id: noMap } = await createAssignment(s.iris, { ...s.input, requireMap: false, minClaims: 1 })
    const { id: later } = await createAssignment(s.iris, { ...s.input, opensAt: utcLocal(24), dueAt: utcLocal(72) })
    const { id: elsewhere } = await createAssignment(s.olga, {
      ...s.input,
      groupId: s.otherGroupId,
      sourceIds: [(await createSource(s.olga, { groupId: s.otherGroupId, title: 'T', text: ESSAY })).id],
    })
    const mapId = await personalMap(s.sam, s.groupId)
    expect(await refusal(submitMap(s.sam, { mapId, assignmentId: noMap }))).toMatchObject({
      status: 400,
      error: '“Week 3: why alliances last” does not ask for a map.',
    })
    expect(await refusal(submitMap(s.sam, { mapId, assignmentId: later }))).toMatchObject({
      status: 403,
      error: expect.stringMatching(/^“Week 3: why alliances last” opens on .+; submit your map from then on\.$/),
    })
    expect(await refusal(submitMap(s.sam, { mapId, assignmentId: elsewhere }))).toMatchObject(NO_ASSIGNMENT)
    await submitMap(s.sam, { mapId, assignmentId: s.assignmentId })
    const second = await personalMap(s.sam, s.groupId, 'Second thoughts')
    expect(await refusal(submitMap(s.sam, { mapId: second, assignmentId: s.assignmentId }))).toMatchObject({
      status: 409,
      error:
        'You already submitted “My argument” for “Week 3: why alliances last”. Ask your instructor to reopen it to hand in another map.',
    })
    expect(await db.argumentMap.findUniqueOrThrow({ where: { id: second }, select: { status: true } })).toEqual({
      status: 'DRAFT',
    })
  })

  it('moves the late mark when the instructor moves the due date', async () => {
    const s = await withAssignment({ minClaims: 0, minEvidence: 0, requireMap: true })
    const mapId = await personalMap(s.sam, s.groupId)
    await submitMap(s.sam, { mapId, assignmentId: s.assignmentId })
    await updateAssignment(s.iris, {
      ...s.input,
      assignmentId: s.assignmentId,
      opensAt: utcLocal(-48),
      dueAt: utcLocal(-24),
    })
    expect(await db.assignmentSubmission.findFirstOrThrow({ where: { mapId }, select: { late: true } })).toEqual({
      late: true,
    })
    expect((await progressOf(s.sam, s.assignmentId))!.status).toBe('late')
  })
})

describe('who may manage assignments', () => {
  it('lets only the group’s instructors create, edit and delete them; others learn nothing', async () => {
    const s = await withAssignment()
    expect(await refusal(createAssignment(s.sam, s.input))).toMatchObject({ status: 403 })
    expect(await refusal(createAssignment(s.olga, s.input))).toMatchObject(NO_GROUP)
    expect(await refusal(updateAssignment(s.sam, { ...s.input, assignmentId: s.assignmentId }))).toMatchObject({
      status: 403,
    })
    const outsider = await refusal(deleteAssignment(s.olga, { assignmentId: s.assignmentId }))
    const missing = await refusal(deleteAssignment(s.olga, { assignmentId: 'cm0000000000000000000000' }))
    expect(outsider).toEqual(missing)
    expect(outsider).toMatchObject(NO_ASSIGNMENT)
    // Another group's source reads like a missing one.
    const { id: foreign } = await createSource(s.olga, { groupId: s.otherGroupId, title: 'Olga’s essay', text: ESSAY })
    expect(await refusal(createAssignment(s.iris, { ...s.input, sourceIds: [foreign] }))).toMatchObject({
      status: 404,
      error: 'One of the chosen sources is not in this group.',
    })
    expect(await refusal(createAssignment(s.iris, { ...s.input, dueAt: s.input.opensAt }))).toMatchObject({
      status: 400,
      error: 'The due date must come after the opening date.',
    })
    await deleteAssignment(s.iris, { assignmentId: s.assignmentId })
    expect(await db.assignment.count({ where: { groupId: s.groupId } })).toBe(0)
  })
})

describe('time zones', () => {
  it('reads dates on the group’s clocks, across a daylight-saving change, and refuses a time the clocks skip', async () => {
    const s = await seminar()
    await setGroupTimeZone(s.iris, { groupId: s.groupId, timeZone: 'america/new_york' })
    expect(await db.group.findUniqueOrThrow({ where: { id: s.groupId }, select: { timeZone: true } })).toEqual({
      timeZone: 'America/New_York',
    })
    const base = { groupId: s.groupId, title: 'DST week', sourceIds: [s.sourceId], minClaims: 1 }
    // 8 March 2026: New York's clocks go from 02:00 to 03:00.
    const skipped = await refusal(
      createAssignment(s.iris, { ...base, opensAt: '2026-03-07T09:00', dueAt: '2026-03-08T02:30' }),
    )
    expect(skipped).toMatchObject({
      status: 400,
      error:
        'The due time 2026-03-08 02:30 does not exist in America/New_York: the clocks skip it that night. Choose another time.',
      fieldErrors: { dueAt: expect.any(String) },
    })
    // Either side of the change: 17:00 EST is 22:00 UTC, 17:00 EDT is 21:00 UTC.
    const { id: before } = await createAssignment(s.iris, {
      ...base,
      opensAt: '2026-03-01T09:00',
      dueAt: '2026-03-07T17:00',
    })
    const { id: after } = await createAssignment(s.iris, {
      ...base,
      opensAt: '2026-03-01T09:00',
      dueAt: '2026-03-09T17:00',
    })
    // 1 November 2026: 01:30 happens twice; it means the first (EDT, 05:30 UTC).
    const { id: twice } = await createAssignment(s.iris, {
      ...base,
      opensAt: '2026-10-30T09:00',
      dueAt: '2026-11-01T01:30',
    })
    const due = async (id: string) => (await db.assignment.findUniqueOrThrow({ where: { id } })).dueAt.toISOString()
    expect([await due(before), await due(after), await due(twice)]).toEqual([
      '2026-03-07T22:00:00.000Z',
      '2026-03-09T21:00:00.000Z',
      '2026-11-01T05:30:00.000Z',
    ])
    expect(
      await refusal(createAssignment(s.iris, { ...base, opensAt: '2026-02-01T09:00', dueAt: '2026-02-30T17:00' })),
    ).toMatchObject({ status: 400, error: 'The due date 2026-02-30 17:00 is not a date on the calendar.' })
    // Lists show the group's clocks, with the zone said.
    const listed = await groupAssignments(s.iris, s.groupId, new Date('2026-03-02T00:00:00Z'))
    expect(listed.timeZone).toBe('America/New_York')
  })

  it('refuses a time zone Intl does not know, and one with markup in it', async () => {
    const s = await seminar()
    for (const timeZone of ['Mars/Olympus_Mons', 'UTC<script>', '', 'Asia/Tokyo\u0000']) {
      expect(await refusal(setGroupTimeZone(s.iris, { groupId: s.groupId, timeZone }))).toMatchObject({
        status: 400,
        error: 'Choose a time zone from the list, such as Europe/London or Asia/Tokyo.',
      })
    }
    expect(await refusal(setGroupTimeZone(s.sam, { groupId: s.groupId, timeZone: 'Asia/Tokyo' }))).toMatchObject({
      status: 403,
    })
    expect(await db.group.findUniqueOrThrow({ where: { id: s.groupId }, select: { timeZone: true } })).toEqual({
      timeZone: 'UTC',
    })
  })
})

describe('the gradebook CSV', () => {
  it('has a row per student with counts, the map, on time, each rubric score and the total, in the columns Canvas and Moodle import', async () => {
    const s = await withAssignment({ title: '=Week 3 (map)', minClaims: 1, minEvidence: 0, requireMap: true })
    // A name a spreadsheet would run as a formula.
    const eve = await person('Eve')
    await db.user.update({ where: { id: eve.id }, data: { name: '@SUM(1+1)*cmd|"/C calc"!A0' } })
    await db.membership.create({ data: { groupId: s.groupId, userId: eve.id, role: 'STUDENT' } })
    await setRubric(s.iris, {
      groupId: s.groupId,
      criteria: [
        { name: 'Uses evidence', points: 5 },
        { name: 'Clear structure', points: 3 },
      ],
    })
    await createHighlight(s.sam, { ...s.at('Alliances last'), tag: 'CLAIM' })
    await createHighlight(s.sam, { ...s.at('burden sharing'), tag: 'BIAS' })
    const mapId = await personalMap(s.sam, s.groupId)
    await submitMap(s.sam, { mapId, assignmentId: s.assignmentId })
    await addFeedback(s.iris, { mapId, body: 'A first reading.', scores: [2, 1] })
    await addFeedback(s.iris, { mapId, body: 'Rescored after our talk.', scores: [4, 3] })

    const { csv } = await exportGradebook(s.iris, s.assignmentId)
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const rows: string[][] = parse(csv, { bom: true, relax_column_count: false })
    const [header, ...students] = rows
    expect(header).toEqual(
      gradebookColumns({
        title: "'=Week 3 (map)",
        timeZone: 'UTC',
        rubric: [
          { name: 'Uses evidence', points: 5 },
          { name: 'Clear structure', points: 3 },
        ],
      }),
    )
    expect(header!.slice(0, 6)).toEqual(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Email address'])
    expect(header!.slice(6)).toEqual([
      'Claims',
      'Evidence',
      'Bias',
      'Map submitted',
      'Submitted at (UTC)',
      'On time',
      'Status',
      'Uses evidence (out of 5)',
      'Clear structure (out of 3)',
      "'=Week 3 (map)",
    ])
    const byName = Object.fromEntries(
      students.map((row) => [row[0], Object.fromEntries(header!.map((name, i) => [name, row[i]]))]),
    )
    const emails = Object.fromEntries(
      (await db.user.findMany({ where: { id: { in: [s.sam.id, s.ann.id] } } })).map((u) => [u.name, u.email]),
    )
    expect(Object.keys(byName).sort()).toEqual(['\'@SUM(1+1)*cmd|"/C calc"!A0', 'Ann', 'Sam'])
    expect(byName.Sam).toMatchObject({
      ID: '',
      'SIS Login ID': emails.Sam,
      'Email address': emails.Sam,
      Section: 'Ethics seminar',
      Claims: '1',
      Evidence: '0',
      Bias: '1',
      'Map submitted': 'yes',
      'On time': 'yes',
      Status: 'Done',
      'Uses evidence (out of 5)': '4',
      'Clear structure (out of 3)': '3',
      "'=Week 3 (map)": '7',
    })
    expect(byName.Sam!['Submitted at (UTC)']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    expect(byName.Ann).toMatchObject({
      Claims: '0',
      'Map submitted': 'no',
      'On time': '',
      Status: 'To do',
      'Uses evidence (out of 5)': '',
      "'=Week 3 (map)": '',
    })
    // No cell a spreadsheet would run.
    for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/)
  })

  it('is for the group’s instructors only', async () => {
    const s = await withAssignment()
    expect(await refusal(exportGradebook(s.sam, s.assignmentId))).toMatchObject({ status: 403 })
    expect(await refusal(exportGradebook(s.olga, s.assignmentId))).toMatchObject(NO_ASSIGNMENT)
    expect(await refusal(exportGradebook(null, s.assignmentId))).toMatchObject({ status: 401 })
  })
})

describe('the reminder a day before', () => {
  it('tells each student who has not finished, once, and never one who has', async () => {
    const s = await withAssignment({ minClaims: 1, minEvidence: 0, dueAt: utcLocal(20) })
    const { id: farOff } = await createAssignment(s.iris, { ...s.input, title: 'Next month', dueAt: utcLocal(24 * 30) })
    await createHighlight(s.ann, { ...s.at('Alliances last'), tag: 'CLAIM' })
    expect(await remindDueSoon()).toEqual({ told: 1 })
    const [entry] = (await listInbox(s.sam)).notifications
    expect(entry).toMatchObject({
      kind: 'ASSIGNMENT_DUE',
      href: `/groups/${s.groupId}#assignment-${s.assignmentId}`,
      sentence: expect.stringMatching(/^“Week 3: why alliances last” is due within a day: .+ UTC$/),
    })
    expect((await listInbox(s.ann)).notifications).toEqual([])
    expect(await remindDueSoon()).toEqual({ told: 0 })
    expect(await db.notification.count({ where: { assignmentId: farOff } })).toBe(0)
  })
})
