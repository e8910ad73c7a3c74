// The authorization matrix: every server action and every route handler of the production build,
// called over HTTP by six people with real next-auth sessions, with the outcome each must get
// written out. A new action or route without an entry here fails the inventory test.
import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync, gzipSync } from 'node:zlib'
import { expect, test, type APIResponse } from '@playwright/test'
import { routeHandlers, serverActions } from './support/authz-inventory'
import { action, assertions, checkEntry, OK, route, titleOf, type Entry, type HttpReply } from './support/authz-matrix'
import { ESSAY, note, passwordOf, PERSONAS, World, clientId, type Persona } from './support/authz-world'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

const GROUP_GONE = 'This group does not exist.'
const SOURCE_GONE = 'This source does not exist.'
const HIGHLIGHT_GONE = 'This highlight no longer exists.'
const REPLY_GONE = 'This reply no longer exists.'
const MAP_GONE = 'This map does not exist.'
const FEEDBACK_GONE = 'This feedback no longer exists.'
const ASSIGNMENT_GONE = 'This assignment does not exist.'
const CITATION_GONE = 'That highlight does not exist in this group.'

const A = {
  signUp: 'lib/auth/actions.ts#signUp',
  changePassword: 'lib/auth/actions.ts#changePasswordAction',
  deleteAccount: 'lib/account/actions.ts#deleteAccountAction',
  createGroup: 'lib/groups/actions.ts#createGroupAction',
  joinGroup: 'lib/groups/actions.ts#joinGroupAction',
  rotateJoinCode: 'lib/groups/actions.ts#rotateJoinCodeAction',
  removeMember: 'lib/groups/actions.ts#removeMemberAction',
  updateGroupSettings: 'lib/groups/actions.ts#updateGroupSettingsAction',
  leaveGroup: 'lib/groups/actions.ts#leaveGroupAction',
  deleteGroup: 'lib/groups/actions.ts#deleteGroupAction',
  setGroupArchived: 'lib/groups/actions.ts#setGroupArchivedAction',
  createSource: 'lib/sources/actions.ts#createSourceAction',
  updateSourceMetadata: 'lib/sources/editing/actions.ts#updateSourceMetadataAction',
  editSourceText: 'lib/sources/editing/actions.ts#editSourceTextAction',
  restoreDroppedBlock: 'lib/sources/editing/actions.ts#restoreDroppedBlockAction',
  listHighlights: 'lib/annotations/actions.ts#listHighlightsAction',
  readHighlightChanges: 'lib/annotations/actions.ts#readHighlightChangesAction',
  createHighlight: 'lib/annotations/actions.ts#createHighlightAction',
  updateHighlight: 'lib/annotations/actions.ts#updateHighlightAction',
  deleteHighlight: 'lib/annotations/actions.ts#deleteHighlightAction',
  confirmAnchor: 'lib/annotations/actions.ts#confirmAnchorAction',
  createReply: 'lib/annotations/actions.ts#createReplyAction',
  updateReply: 'lib/annotations/actions.ts#updateReplyAction',
  deleteReply: 'lib/annotations/actions.ts#deleteReplyAction',
  listReaders: 'lib/realtime/actions.ts#listReadersAction',
  createMap: 'lib/maps/actions.ts#createMapAction',
  renameMap: 'lib/maps/actions.ts#renameMapAction',
  duplicateMap: 'lib/maps/actions.ts#duplicateMapAction',
  deleteMap: 'lib/maps/actions.ts#deleteMapAction',
  submitMap: 'lib/maps/actions.ts#submitMapAction',
  reopenMap: 'lib/maps/actions.ts#reopenMapAction',
  applyOperation: 'lib/maps/actions.ts#applyOperationAction',
  operationsSince: 'lib/maps/actions.ts#operationsSinceAction',
  mapHistory: 'lib/maps/actions.ts#mapHistoryAction',
  mapAtRevision: 'lib/maps/actions.ts#mapAtRevisionAction',
  restoreRevision: 'lib/maps/actions.ts#restoreRevisionAction',
  announceMapPresence: 'lib/maps/actions.ts#announceMapPresenceAction',
  setRubric: 'lib/review/actions.ts#setRubricAction',
  addFeedback: 'lib/review/actions.ts#addFeedbackAction',
  deleteFeedback: 'lib/review/actions.ts#deleteFeedbackAction',
  listFeedback: 'lib/review/actions.ts#listFeedbackAction',
  markFeedbackSeen: 'lib/review/actions.ts#markFeedbackSeenAction',
  searchGroup: 'lib/search/actions.ts#searchGroupAction',
  unreadCount: 'lib/notifications/actions.ts#unreadCountAction',
  markNotificationsRead: 'lib/notifications/actions.ts#markNotificationsReadAction',
  setGroupTimeZone: 'lib/groups/actions.ts#setGroupTimeZoneAction',
  createAssignment: 'lib/assignments/actions.ts#createAssignmentAction',
  updateAssignment: 'lib/assignments/actions.ts#updateAssignmentAction',
  deleteAssignment: 'lib/assignments/actions.ts#deleteAssignmentAction',
  setDigestFrequency: 'lib/notifications/actions.ts#setDigestFrequencyAction',
  unsubscribe: 'lib/notifications/actions.ts#unsubscribeAction',
}

// Database reads that show whether a call changed something.
const highlightRow = (w: World, id: string) =>
  w.row<{ tag: string; visibility: string; start: number; end: number; authorId: string }>(
    'SELECT tag, visibility, start, "end", "authorId" FROM "Highlight" WHERE id = $1',
    [id],
  )
const mapRow = (w: World, id: string) =>
  w.row<{
    title: string
    status: string
    seq: number
    ownerId: string | null
    kind: string
    feedbackSeenAt: Date | null
  }>(
    'SELECT title, status::text AS status, seq, "ownerId", kind::text AS kind, "feedbackSeenAt" FROM "ArgumentMap" WHERE id = $1',
    [id],
  )
const nodeCount = (w: World, mapId: string) =>
  w.count('SELECT count(*) AS n FROM "MapNode" WHERE "mapId" = $1', [mapId])
const sourceRow = (w: World, id: string) =>
  w.row<{ title: string; version: number; text: string; dropped: number }>(
    'SELECT title, version, text, jsonb_array_length("droppedBlocks") AS dropped FROM "Source" WHERE id = $1',
    [id],
  )
const roleIn = async (w: World, groupId: string, userId: string | null) =>
  (
    await w.row<{ role: string }>(
      'SELECT role::text AS role FROM "Membership" WHERE "groupId" = $1 AND "userId" = $2',
      [groupId, userId],
    )
  )?.role ?? null

/** A group of the instructor's with both students, an essay, and the spare as a second instructor. */
async function leavableGroup(w: World, name: string): Promise<{ groupId: string; name: string }> {
  const title = `${name} ${clientId().slice(0, 8)}`
  const { id } = await w.must<{ id: string }>(w.personas.instructor, A.createGroup, { name: title })
  await Promise.all([w.join(w.personas.student, id), w.join(w.personas.otherStudent, id), w.newSource({ groupId: id })])
  await w.db.query(`INSERT INTO "Membership" (id, "groupId", "userId", role) VALUES ($1, $2, $3, 'INSTRUCTOR')`, [
    clientId(),
    id,
    w.spare.userId,
  ])
  return { groupId: id, name: title }
}

/** A group of `leavableGroup`'s, archived, with the id of its essay. */
async function archivedGroup(w: World, name: string): Promise<{ groupId: string; sourceId: string }> {
  const { groupId } = await leavableGroup(w, name)
  await w.db.query(`UPDATE "Group" SET "archivedAt" = now() WHERE id = $1`, [groupId])
  const source = await w.row<{ id: string }>('SELECT id FROM "Source" WHERE "groupId" = $1', [groupId])
  return { groupId, sourceId: source!.id }
}

/** The link a digest email carries to stop digests: the account id and its HMAC under the app's secret. */
function unsubscribeToken(userId: string): string {
  const secret = readFileSync(resolve(ROOT, process.env.E2E_DATA_DIR ?? '.data/e2e', 'auth-secret'), 'utf8').trim()
  return `${userId}.${createHmac('sha256', secret).update(`digest-unsubscribe:${userId}`).digest('base64url')}`
}
const digestOf = async (w: World, userId: string | null) =>
  userId
    ? ((await w.row<{ digest: string }>('SELECT digest::text AS digest FROM "User" WHERE id = $1', [userId]))?.digest ??
      null)
    : null
/** A reader of daily digests of their own (one per call: the calls run side by side); the token is theirs, or forged from another account's. */
async function digestReader(w: World, forged = false) {
  const userId = `c${clientId().slice(0, 24)}`
  await w.db.query(
    `INSERT INTO "User" (id, name, email, "passwordHash", digest) VALUES ($1, 'Digest reader', $2, 'unused', 'DAILY')`,
    [userId, `${userId}@authz.test`],
  )
  const token = forged
    ? `${userId}.${unsubscribeToken(w.personas.otherStudent.userId!).split('.')[1]}`
    : unsubscribeToken(userId)
  return { userId, token }
}

async function replyOf(response: APIResponse): Promise<HttpReply> {
  return { status: response.status(), headers: response.headers(), body: await response.body() }
}
const get = async (p: Persona, path: string) => replyOf(await p.api.get(path, { maxRedirects: 0 }))
const json = <T>(reply: HttpReply) => JSON.parse(reply.body.toString('utf8')) as T

/** An endless event stream: read the status and headers, then hang up. */
async function openStream(w: World, p: Persona, path: string): Promise<HttpReply> {
  const hangUp = new AbortController()
  const response = await fetch(`${w.origin}${path}`, {
    headers: { Accept: 'text/event-stream', Cookie: await w.cookieHeader(p) },
    signal: hangUp.signal,
  })
  const headers = Object.fromEntries(response.headers)
  const body = headers['content-type']?.startsWith('text/event-stream')
    ? Buffer.alloc(0)
    : Buffer.from(await response.arrayBuffer())
  hangUp.abort()
  return { status: response.status, headers, body }
}

/** Wall-clock times on the main group's clocks (UTC), `hours` from now. */
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 16)

/** The fields of an open assignment on the main essay that asks for a claim and a map. */
const assignmentFields = (w: World, title = `Week 3 ${clientId().slice(0, 6)}`) => ({
  title,
  sourceIds: [w.sourceId],
  minClaims: 1,
  requireMap: true,
  opensAt: hoursFromNow(-24),
  dueAt: hoursFromNow(24 * 7),
  allowLate: true,
})

async function assignment(w: World): Promise<string> {
  return (
    await w.must<{ id: string }>(w.personas.instructor, A.createAssignment, {
      groupId: w.groups.main,
      ...assignmentFields(w),
    })
  ).id
}

/** A student's map with one node, the usual target of the map entries. */
async function studentMap(w: World) {
  const mapId = await w.map(w.personas.student)
  await w.node(w.personas.student, mapId)
  return { mapId }
}

const MATRIX: Entry[] = [
  // Accounts and groups
  action({
    action: A.signUp,
    on: 'a new account',
    expect: { anonymous: OK, outsider: OK, otherInstructor: OK, student: OK, otherStudent: OK, instructor: OK },
    input: (_t, p, w) => ({
      name: 'Matrix newcomer',
      email: `newcomer-${p.name.toLowerCase()}.${w.runId}@authz.test`,
      password: 'matrix-password-1',
    }),
    observe: (w, _t, p) =>
      w.count('SELECT count(*) AS n FROM "User" WHERE email = $1', [
        `newcomer-${p.name.toLowerCase()}.${w.runId}@authz.test`,
      ]),
    verify: ({ before, after, is }) => {
      is([before, after], 'accounts with that email before and after').toEqual([0, 1])
    },
  }),
  action({
    action: A.changePassword,
    on: 'the signed-in person’s own password (changed back afterwards)',
    expect: { anonymous: 401, outsider: OK, otherInstructor: OK, student: OK, otherStudent: OK, instructor: OK },
    input: (_t, p) => ({ currentPassword: passwordOf(p), newPassword: `${passwordOf(p)} changed` }),
    observe: async (w, _t, p) =>
      p.userId
        ? (await w.row<{ passwordHash: string }>('SELECT "passwordHash" FROM "User" WHERE id = $1', [p.userId]))
            ?.passwordHash
        : null,
    verify: async ({ w, p, before, after, is }) => {
      is(after, 'password hash after').not.toBe(before)
      // Back to the password every other journey signs in with.
      const back = await w.act(p, A.changePassword, {
        currentPassword: `${passwordOf(p)} changed`,
        newPassword: passwordOf(p),
      })
      is(back.result, 'the change back').toMatchObject({ ok: true })
    },
  }),
  action({
    action: A.deleteAccount,
    // The personas must outlive the matrix, so the call is one that must be refused before the
    // password is even checked; deletion itself is proven in tests/integration/account.test.ts.
    on: 'the signed-in person’s own account, not confirmed',
    expect: { anonymous: 401, outsider: 400, otherInstructor: 400, student: 400, otherStudent: 400, instructor: 400 },
    input: (_t, p) => ({ password: passwordOf(p), confirmed: false }),
    observe: async (w, _t, p) =>
      p.userId ? await w.row('SELECT name, email, "passwordHash" FROM "User" WHERE id = $1', [p.userId]) : null,
  }),
  action({
    action: A.createGroup,
    on: 'a new group',
    expect: { anonymous: 401, outsider: OK, otherInstructor: OK, student: OK, otherStudent: OK, instructor: OK },
    input: (_t, p, w) => ({ name: `Made by ${p.name} ${w.runId}` }),
    observe: (w, _t, p) =>
      w.count('SELECT count(*) AS n FROM "Group" WHERE name = $1', [`Made by ${p.name} ${w.runId}`]),
    verify: async ({ w, p, data, after, is }) => {
      is(after, 'groups with that name').toBe(1)
      is(await roleIn(w, (data as { id: string }).id, p.userId), 'the maker is its instructor').toBe('INSTRUCTOR')
    },
  }),
  action({
    action: A.joinGroup,
    on: 'a group by its join code',
    expect: { anonymous: 401, outsider: OK, otherInstructor: OK, student: OK, otherStudent: OK, instructor: OK },
    arrange: async (w) =>
      (await w.row<{ joinCode: string }>('SELECT "joinCode" FROM "Group" WHERE id = $1', [w.groups.joinable]))!,
    input: (t) => ({ code: t.joinCode }),
    observe: (w, _t, p) => roleIn(w, w.groups.joinable, p.userId),
    verify: ({ p, data, after, is }) => {
      // Its instructor stays its instructor; everyone else joins as a student.
      is(after, 'role after joining').toBe(p.name === 'instructor' ? 'INSTRUCTOR' : 'STUDENT')
      is(data, 'join result').toMatchObject({ alreadyMember: p.name === 'instructor' })
    },
  }),
  action({
    action: A.rotateJoinCode,
    on: 'the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: GROUP_GONE,
    input: (_t, _p, w) => ({ groupId: w.groups.main }),
    observe: async (w) =>
      (await w.row<{ joinCode: string }>('SELECT "joinCode" FROM "Group" WHERE id = $1', [w.groups.main]))!.joinCode,
    verify: ({ data, before, after, is }) => {
      is(after, 'join code after').not.toBe(before)
      is(data, 'the new code').toEqual({ joinCode: after })
    },
  }),
  action({
    action: A.removeMember,
    on: 'a student of the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: GROUP_GONE,
    arrange: async (w) => {
      if (!(await roleIn(w, w.groups.main, w.spare.userId))) await w.join(w.spare, w.groups.main)
    },
    input: (_t, _p, w) => ({ groupId: w.groups.main, userId: w.spare.userId }),
    observe: (w) => roleIn(w, w.groups.main, w.spare.userId),
    verify: ({ before, after, is }) => {
      is([before, after], 'membership before and after').toEqual(['STUDENT', null])
    },
  }),
  action({
    action: A.leaveGroup,
    on: 'a group one is a member of (with a second instructor, so the first may leave too)',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: OK, instructor: OK },
    notFound: GROUP_GONE,
    arrange: (w) => leavableGroup(w, 'Leavers'),
    input: (t) => ({ groupId: t.groupId }),
    observe: (w, t, p) => roleIn(w, t.groupId, p.userId),
    verify: ({ p, before, after, is }) => {
      is([before, after], 'membership before and after').toEqual([
        p.name === 'instructor' ? 'INSTRUCTOR' : 'STUDENT',
        null,
      ])
    },
  }),
  action({
    action: A.deleteGroup,
    on: 'a whole group, its name typed to confirm',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: GROUP_GONE,
    arrange: (w) => leavableGroup(w, 'Doomed'),
    input: (t) => ({ groupId: t.groupId, confirmName: t.name }),
    observe: async (w, t) => ({
      group: await w.count('SELECT count(*) AS n FROM "Group" WHERE id = $1', [t.groupId]),
      members: await w.count('SELECT count(*) AS n FROM "Membership" WHERE "groupId" = $1', [t.groupId]),
      sources: await w.count('SELECT count(*) AS n FROM "Source" WHERE "groupId" = $1', [t.groupId]),
    }),
    verify: ({ t, before, after, data, is }) => {
      is(before, 'the group before').toEqual({ group: 1, members: 4, sources: 1 })
      is(after, 'nothing of it after').toEqual({ group: 0, members: 0, sources: 0 })
      is(data, 'the answer').toEqual({ name: t.name })
    },
  }),
  action({
    action: A.setGroupArchived,
    on: 'a group, archived (read-only for everyone)',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: GROUP_GONE,
    arrange: (w) => leavableGroup(w, 'Shelved'),
    input: (t) => ({ groupId: t.groupId, archived: true }),
    observe: async (w, t) =>
      (await w.row<{ archived: boolean }>('SELECT "archivedAt" IS NOT NULL AS archived FROM "Group" WHERE id = $1', [
        t.groupId,
      ]))!.archived,
    verify: ({ before, after, is }) => {
      is([before, after], 'archived before and after').toEqual([false, true])
    },
  }),
  action({
    action: A.setGroupArchived,
    on: 'an archived group, unarchived',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: GROUP_GONE,
    arrange: (w) => archivedGroup(w, 'Reopened'),
    input: (t) => ({ groupId: t.groupId, archived: false }),
    observe: async (w, t) =>
      (await w.row<{ archived: boolean }>('SELECT "archivedAt" IS NOT NULL AS archived FROM "Group" WHERE id = $1', [
        t.groupId,
      ]))!.archived,
    verify: ({ before, after, is }) => {
      is([before, after], 'archived before and after').toEqual([true, false])
    },
  }),
  action({
    action: A.createHighlight,
    on: 'an essay of an archived group (read-only for its members too)',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: 403 },
    notFound: SOURCE_GONE,
    arrange: (w) => archivedGroup(w, 'Archived essay'),
    input: (t) => ({ sourceId: t.sourceId, start: 0, end: 9, tag: 'CLAIM' }),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "Highlight" WHERE "sourceId" = $1', [t.sourceId]),
  }),
  action({
    action: A.updateGroupSettings,
    on: '"read first" of the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: GROUP_GONE,
    arrange: async (w) =>
      (await w.row<{ readFirst: boolean }>('SELECT "readFirst" FROM "Group" WHERE id = $1', [w.groups.settings]))!,
    input: (t, _p, w) => ({ groupId: w.groups.settings, readFirst: !t.readFirst }),
    observe: async (w) =>
      (await w.row<{ readFirst: boolean }>('SELECT "readFirst" FROM "Group" WHERE id = $1', [w.groups.settings]))!
        .readFirst,
    verify: ({ before, after, is }) => {
      is(after, 'read first after').toBe(!before)
    },
  }),

  action({
    action: A.setGroupTimeZone,
    on: "the group's time zone",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: GROUP_GONE,
    arrange: async (w) =>
      (await w.row<{ timeZone: string }>('SELECT "timeZone" FROM "Group" WHERE id = $1', [w.groups.settings]))!,
    input: (t, _p, w) => ({
      groupId: w.groups.settings,
      timeZone: t.timeZone === 'Asia/Tokyo' ? 'Europe/London' : 'Asia/Tokyo',
    }),
    observe: async (w) =>
      (await w.row<{ timeZone: string }>('SELECT "timeZone" FROM "Group" WHERE id = $1', [w.groups.settings]))!
        .timeZone,
    verify: ({ before, after, is }) => {
      is(after, 'time zone after').toBe(before === 'Asia/Tokyo' ? 'Europe/London' : 'Asia/Tokyo')
    },
  }),

  // Assignments
  action({
    action: A.createAssignment,
    on: 'the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: GROUP_GONE,
    arrange: async (_w, p) => ({ title: `Assigned by ${p.name} ${clientId().slice(0, 6)}` }),
    input: (t, _p, w) => ({ groupId: w.groups.main, ...assignmentFields(w, t.title) }),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "Assignment" WHERE title = $1', [t.title]),
    verify: ({ after, is }) => {
      is(after, 'assignments with that title').toBe(1)
    },
  }),
  action({
    action: A.updateAssignment,
    on: 'an assignment of the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: ASSIGNMENT_GONE,
    arrange: async (w) => ({ id: await assignment(w) }),
    input: (t, _p, w) => ({ assignmentId: t.id, ...assignmentFields(w, 'Week 3, renamed') }),
    observe: async (w, t) =>
      (await w.row<{ title: string }>('SELECT title FROM "Assignment" WHERE id = $1', [t.id]))!.title,
    verify: ({ after, is }) => {
      is(after, 'title after').toBe('Week 3, renamed')
    },
  }),
  action({
    action: A.deleteAssignment,
    on: 'an assignment of the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: ASSIGNMENT_GONE,
    arrange: async (w) => ({ id: await assignment(w) }),
    input: (t) => ({ assignmentId: t.id }),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "Assignment" WHERE id = $1', [t.id]),
    verify: ({ after, is }) => {
      is(after, 'assignments with that id after').toBe(0)
    },
  }),

  // Sources
  action({
    action: A.createSource,
    on: 'a new source in the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: GROUP_GONE,
    arrange: async () => ({ title: `New essay ${clientId()}` }),
    input: (t, _p, w) => ({ groupId: w.groups.main, title: t.title, text: ESSAY }),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "Source" WHERE title = $1', [t.title]),
    verify: async ({ w, p, data, after, is }) => {
      is(after, 'sources with that title').toBe(1)
      const made = await w.row<{ createdById: string; groupId: string }>(
        'SELECT "createdById", "groupId" FROM "Source" WHERE id = $1',
        [(data as { id: string }).id],
      )
      is(made, 'the new source').toEqual({ createdById: p.userId, groupId: w.groups.main })
    },
  }),
  action({
    action: A.updateSourceMetadata,
    on: "a source's details",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: SOURCE_GONE,
    arrange: async (w) => ({ sourceId: await w.newSource(), title: `Renamed essay ${clientId()}` }),
    input: (t) => ({ sourceId: t.sourceId, title: t.title, author: 'A. Author', year: 2010 }),
    observe: async (w, t) => (await sourceRow(w, t.sourceId))!.title,
    verify: ({ t, after, is }) => {
      is(after, 'title after').toBe(t.title)
    },
  }),
  action({
    action: A.editSourceText,
    on: "a source's text",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: SOURCE_GONE,
    arrange: async (w) => ({ sourceId: await w.newSource() }),
    input: (t) => ({
      sourceId: t.sourceId,
      expectedVersion: 1,
      text: `${ESSAY}\n\nA closing paragraph added by the instructor.`,
    }),
    observe: async (w, t) => {
      const { version, text } = (await sourceRow(w, t.sourceId))!
      return { version, added: text.includes('A closing paragraph added by the instructor.') }
    },
    verify: ({ after, is }) => {
      is(after, 'text after').toEqual({ version: 2, added: true })
    },
  }),
  action({
    action: A.restoreDroppedBlock,
    on: 'a block the importer dropped',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: SOURCE_GONE,
    arrange: async (w) => {
      const sourceId = await w.newSource()
      const { position } = (await w.row<{ position: number }>(
        `SELECT ("droppedBlocks"->0->>'position')::int AS position FROM "Source" WHERE id = $1`,
        [sourceId],
      ))!
      return { sourceId, position }
    },
    input: (t) => ({ sourceId: t.sourceId, position: t.position, expectedVersion: 1 }),
    observe: async (w, t) => {
      const { version, text, dropped } = (await sourceRow(w, t.sourceId))!
      return { version, dropped, restored: text.includes('Order now') }
    },
    verify: ({ after, is }) => {
      is(after, 'source after').toEqual({ version: 2, dropped: 0, restored: true })
    },
  }),

  // Highlights and replies
  action({
    action: A.listHighlights,
    on: "a source with the student's private and shared highlights",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: OK, instructor: OK },
    notFound: SOURCE_GONE,
    arrange: async (w) => ({
      private: await w.highlight(w.personas.student, { visibility: 'PRIVATE' }),
      shared: await w.highlight(w.personas.student),
    }),
    input: (_t, _p, w) => ({ sourceId: w.sourceId }),
    verify: ({ t, p, data, is }) => {
      const ids = (data as { highlights: { id: string }[] }).highlights.map((h) => h.id)
      is({ private: ids.includes(t.private), shared: ids.includes(t.shared) }, 'which of the two are listed').toEqual({
        private: p.name !== 'otherStudent',
        shared: true,
      })
    },
  }),
  action({
    action: A.readHighlightChanges,
    on: "the student's private and shared highlights, named after a live event",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: OK, instructor: OK },
    notFound: SOURCE_GONE,
    arrange: async (w) => ({
      private: await w.highlight(w.personas.student, { visibility: 'PRIVATE' }),
      shared: await w.highlight(w.personas.student),
    }),
    input: (t, _p, w) => ({ sourceId: w.sourceId, highlightIds: [t.private, t.shared] }),
    verify: ({ t, p, data, is }) => {
      const { changed, gone } = data as { changed: { id: string }[]; gone: string[] }
      const ids = changed.map((h) => h.id)
      is({ private: ids.includes(t.private), shared: ids.includes(t.shared) }, 'which of the two are read').toEqual({
        private: p.name !== 'otherStudent',
        shared: true,
      })
      is(gone, 'the rest is gone to this viewer').toEqual(p.name === 'otherStudent' ? [t.private] : [])
    },
  }),
  action({
    action: A.createHighlight,
    on: 'a source of the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: OK, instructor: OK },
    notFound: SOURCE_GONE,
    arrange: async (w) => w.nextRange(),
    input: (t, _p, w) => ({ sourceId: w.sourceId, start: t.start, end: t.end, tag: 'EVIDENCE', visibility: 'GROUP' }),
    observe: (w, t) =>
      w.count('SELECT count(*) AS n FROM "Highlight" WHERE "sourceId" = $1 AND start = $2 AND "end" = $3', [
        w.sourceId,
        t.start,
        t.end,
      ]),
    verify: async ({ w, p, data, after, is }) => {
      is(after, 'highlights on that passage').toBe(1)
      is((await highlightRow(w, (data as { id: string }).id))?.authorId, 'author').toBe(p.userId)
    },
  }),
  action({
    action: A.updateHighlight,
    on: "the student's shared highlight",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 403, instructor: 403 },
    notFound: HIGHLIGHT_GONE,
    arrange: async (w) => ({ id: await w.highlight(w.personas.student) }),
    input: (t) => ({ highlightId: t.id, tag: 'BIAS', note: note('Changed my mind.') }),
    observe: async (w, t) => (await highlightRow(w, t.id))!.tag,
    verify: ({ after, is }) => {
      is(after, 'tag after').toBe('BIAS')
    },
  }),
  action({
    action: A.updateHighlight,
    on: "the student's private highlight",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: 403 },
    notFound: HIGHLIGHT_GONE,
    arrange: async (w) => ({ id: await w.highlight(w.personas.student, { visibility: 'PRIVATE' }) }),
    input: (t) => ({ highlightId: t.id, visibility: 'GROUP' }),
    observe: async (w, t) => (await highlightRow(w, t.id))!.visibility,
    verify: ({ after, is }) => {
      is(after, 'visibility after').toBe('GROUP')
    },
  }),
  action({
    action: A.deleteHighlight,
    on: "the student's shared highlight",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 403, instructor: OK },
    notFound: HIGHLIGHT_GONE,
    arrange: async (w) => ({ id: await w.highlight(w.personas.student) }),
    input: (t) => ({ highlightId: t.id }),
    observe: async (w, t) => (await highlightRow(w, t.id)) !== undefined,
    verify: ({ after, is }) => {
      is(after, 'highlight still there').toBe(false)
    },
  }),
  action({
    action: A.deleteHighlight,
    on: "the student's private highlight",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: OK },
    notFound: HIGHLIGHT_GONE,
    arrange: async (w) => ({ id: await w.highlight(w.personas.student, { visibility: 'PRIVATE' }) }),
    input: (t) => ({ highlightId: t.id }),
    observe: async (w, t) => (await highlightRow(w, t.id)) !== undefined,
    verify: ({ after, is }) => {
      is(after, 'highlight still there').toBe(false)
    },
  }),
  action({
    action: A.confirmAnchor,
    on: "the student's shared highlight, re-selected",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 403, instructor: OK },
    notFound: HIGHLIGHT_GONE,
    arrange: async (w) => {
      const id = await w.highlight(w.personas.student)
      return { id, ...(await highlightRow(w, id))! }
    },
    input: (t) => ({ highlightId: t.id, start: t.start + 1, end: t.end + 1 }),
    observe: async (w, t) => {
      const { start, end } = (await highlightRow(w, t.id))!
      return { start, end }
    },
    verify: ({ t, after, is }) => {
      is(after, 'offsets after').toEqual({ start: t.start + 1, end: t.end + 1 })
    },
  }),
  action({
    action: A.createReply,
    on: "the student's shared highlight",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: OK, instructor: OK },
    notFound: HIGHLIGHT_GONE,
    arrange: async (w) => ({ id: await w.highlight(w.personas.student) }),
    input: (t) => ({ highlightId: t.id, body: note('I read this differently.') }),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "Reply" WHERE "highlightId" = $1', [t.id]),
    verify: async ({ w, t, p, data, after, is }) => {
      is(after, 'replies after').toBe(1)
      const made = await w.row<{ authorId: string; highlightId: string }>(
        'SELECT "authorId", "highlightId" FROM "Reply" WHERE id = $1',
        [(data as { id: string }).id],
      )
      is(made, 'the reply').toEqual({ authorId: p.userId, highlightId: t.id })
    },
  }),
  action({
    action: A.createReply,
    on: "the student's private highlight",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: OK },
    notFound: HIGHLIGHT_GONE,
    arrange: async (w) => ({ id: await w.highlight(w.personas.student, { visibility: 'PRIVATE' }) }),
    input: (t) => ({ highlightId: t.id, body: note('Only for my instructor.') }),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "Reply" WHERE "highlightId" = $1', [t.id]),
    verify: ({ after, is }) => {
      is(after, 'replies after').toBe(1)
    },
  }),
  action({
    action: A.updateReply,
    on: "the student's reply",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 403, instructor: 403 },
    notFound: REPLY_GONE,
    arrange: async (w) => ({ id: await w.reply(w.personas.student, await w.highlight(w.personas.student)) }),
    input: (t) => ({ replyId: t.id, body: note('Edited reply.') }),
    observe: async (w, t) => (await w.row<{ body: unknown }>('SELECT body FROM "Reply" WHERE id = $1', [t.id]))!.body,
    verify: ({ after, is }) => {
      is(after, 'body after').toEqual(note('Edited reply.'))
    },
  }),
  action({
    action: A.deleteReply,
    on: "the student's reply",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 403, instructor: OK },
    notFound: REPLY_GONE,
    arrange: async (w) => ({ id: await w.reply(w.personas.student, await w.highlight(w.personas.student)) }),
    input: (t) => ({ replyId: t.id }),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "Reply" WHERE id = $1', [t.id]),
    verify: ({ after, is }) => {
      is(after, 'replies with that id after').toBe(0)
    },
  }),
  action({
    action: A.listReaders,
    on: 'a source of the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: OK, instructor: OK },
    notFound: SOURCE_GONE,
    input: (_t, _p, w) => ({ sourceId: w.sourceId }),
    verify: ({ data, is }) => {
      is(Array.isArray(data), 'a list of readers').toBe(true)
    },
  }),

  // Search
  action({
    action: A.searchGroup,
    on: 'the group, where the student replied on a private and a shared highlight',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: OK, instructor: OK },
    notFound: GROUP_GONE,
    arrange: async (w) => {
      const word = `quokka${clientId().slice(0, 8)}`
      const [privateId, sharedId] = [
        await w.highlight(w.personas.student, { visibility: 'PRIVATE' }),
        await w.highlight(w.personas.student),
      ]
      await w.reply(w.personas.student, privateId, `Private thought ${word}`)
      await w.reply(w.personas.student, sharedId, `Shared thought ${word}`)
      return { word, privateId, sharedId }
    },
    input: (t, _p, w) => ({ groupId: w.groups.main, q: t.word }),
    verify: ({ t, p, data, is }) => {
      const hrefs = (data as { results: { href: string }[] }).results.map((r) => r.href)
      const found = (id: string) => hrefs.some((href) => href.endsWith(`?highlight=${id}`))
      is({ private: found(t.privateId), shared: found(t.sharedId) }, 'which replies are found').toEqual({
        private: p.name !== 'otherStudent',
        shared: true,
      })
    },
  }),

  // The inbox: each person's own
  action({
    action: A.unreadCount,
    on: 'the signed-in person’s own inbox',
    expect: { anonymous: 401, outsider: OK, otherInstructor: OK, student: OK, otherStudent: OK, instructor: OK },
    input: () => undefined,
    verify: ({ data, is }) => {
      is(Number.isInteger(data) && (data as number) >= 0, 'a count').toBe(true)
    },
  }),
  action({
    action: A.markNotificationsRead,
    on: "the student's notification of the instructor's reply",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: 404 },
    notFound: 'This notification does not exist.',
    arrange: async (w) => {
      const replyId = await w.reply(w.personas.instructor, await w.highlight(w.personas.student), 'Tell the student')
      return (await w.row<{ id: string }>('SELECT id FROM "Notification" WHERE "replyId" = $1 AND "userId" = $2', [
        replyId,
        w.personas.student.userId,
      ]))!
    },
    input: (t) => ({ notificationId: t.id }),
    observe: async (w, t) =>
      (await w.row<{ readAt: Date | null }>('SELECT "readAt" FROM "Notification" WHERE id = $1', [t.id]))?.readAt ??
      null,
    verify: ({ before, after, is }) => {
      is([before === null, after === null], 'unread before, read after').toEqual([true, false])
    },
  }),

  action({
    action: A.setDigestFrequency,
    on: 'the signed-in person’s own email digest setting',
    expect: { anonymous: 401, outsider: OK, otherInstructor: OK, student: OK, otherStudent: OK, instructor: OK },
    arrange: async (w, p) => {
      if (p.userId) await w.db.query(`UPDATE "User" SET digest = 'OFF' WHERE id = $1`, [p.userId])
      return {}
    },
    input: () => ({ digest: 'WEEKLY' }),
    observe: (w, _t, p) => digestOf(w, p.userId),
    verify: ({ before, after, is }) => {
      is([before, after], 'setting before and after').toEqual(['OFF', 'WEEKLY'])
    },
  }),
  action({
    action: A.unsubscribe,
    on: "someone's email digests, by the link in their digest (the link is the credential)",
    expect: { anonymous: OK, outsider: OK, otherInstructor: OK, student: OK, otherStudent: OK, instructor: OK },
    arrange: (w) => digestReader(w),
    input: (t) => ({ token: t.token }),
    observe: (w, t) => digestOf(w, t.userId),
    verify: ({ before, after, is }) => {
      is([before, after], 'the reader’s setting before and after').toEqual(['DAILY', 'OFF'])
    },
  }),
  action({
    action: A.unsubscribe,
    on: "someone's email digests, by a link forged from another account's",
    expect: { anonymous: 400, outsider: 400, otherInstructor: 400, student: 400, otherStudent: 400, instructor: 400 },
    arrange: (w) => digestReader(w, true),
    input: (t) => ({ token: t.token }),
    observe: (w, t) => digestOf(w, t.userId),
  }),

  // Argument maps
  action({
    action: A.createMap,
    on: 'a personal map in the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: OK, instructor: OK },
    notFound: GROUP_GONE,
    arrange: async () => ({ title: `Personal ${clientId()}` }),
    input: (t, _p, w) => ({ groupId: w.groups.main, title: t.title, kind: 'PERSONAL' }),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "ArgumentMap" WHERE title = $1', [t.title]),
    verify: async ({ w, p, data, after, is }) => {
      is(after, 'maps with that title').toBe(1)
      is(await mapRow(w, (data as { id: string }).id), 'the new map').toMatchObject({
        ownerId: p.userId,
        kind: 'PERSONAL',
      })
    },
  }),
  action({
    action: A.createMap,
    on: 'a group map in the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: GROUP_GONE,
    arrange: async () => ({ title: `Shared ${clientId()}` }),
    input: (t, _p, w) => ({ groupId: w.groups.main, title: t.title, kind: 'GROUP' }),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "ArgumentMap" WHERE title = $1', [t.title]),
    verify: async ({ w, data, after, is }) => {
      is(after, 'maps with that title').toBe(1)
      is(await mapRow(w, (data as { id: string }).id), 'the new map').toMatchObject({ ownerId: null, kind: 'GROUP' })
    },
  }),
  action({
    action: A.renameMap,
    on: "the student's personal map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: 403 },
    notFound: MAP_GONE,
    arrange: async (w) => ({ mapId: await w.map(w.personas.student) }),
    input: (t) => ({ mapId: t.mapId, title: 'Renamed personal map' }),
    observe: async (w, t) => (await mapRow(w, t.mapId))!.title,
    verify: ({ after, is }) => {
      is(after, 'title after').toBe('Renamed personal map')
    },
  }),
  action({
    action: A.renameMap,
    on: 'a group map',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: OK, instructor: OK },
    notFound: MAP_GONE,
    arrange: async (w) => ({ mapId: await w.map(w.personas.instructor, 'GROUP') }),
    input: (t) => ({ mapId: t.mapId, title: 'Renamed group map' }),
    observe: async (w, t) => (await mapRow(w, t.mapId))!.title,
    verify: ({ after, is }) => {
      is(after, 'title after').toBe('Renamed group map')
    },
  }),
  action({
    action: A.duplicateMap,
    on: "the student's personal map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: OK },
    notFound: MAP_GONE,
    arrange: studentMap,
    input: (t) => ({ mapId: t.mapId }),
    observe: async (w, t) => {
      const { title } = (await mapRow(w, t.mapId))!
      return w.count('SELECT count(*) AS n FROM "ArgumentMap" WHERE title = $1', [`Copy of ${title}`])
    },
    verify: async ({ w, p, data, after, is }) => {
      is(after, 'copies after').toBe(1)
      const copy = (data as { id: string }).id
      is(await mapRow(w, copy), 'the copy').toMatchObject({ ownerId: p.userId, kind: 'PERSONAL' })
      is(await nodeCount(w, copy), 'nodes of the copy').toBe(1)
    },
  }),
  action({
    action: A.deleteMap,
    on: "the student's personal map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: 403 },
    notFound: MAP_GONE,
    arrange: async (w) => ({ mapId: await w.map(w.personas.student) }),
    input: (t) => ({ mapId: t.mapId }),
    observe: async (w, t) => (await mapRow(w, t.mapId)) !== undefined,
    verify: ({ after, is }) => {
      is(after, 'map still there').toBe(false)
    },
  }),
  action({
    action: A.deleteMap,
    on: 'a group map',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: MAP_GONE,
    arrange: async (w) => ({ mapId: await w.map(w.personas.instructor, 'GROUP') }),
    input: (t) => ({ mapId: t.mapId }),
    observe: async (w, t) => (await mapRow(w, t.mapId)) !== undefined,
    verify: ({ after, is }) => {
      is(after, 'map still there').toBe(false)
    },
  }),
  action({
    action: A.submitMap,
    on: "the student's personal map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: 403 },
    notFound: MAP_GONE,
    arrange: studentMap,
    input: (t) => ({ mapId: t.mapId }),
    observe: async (w, t) => (await mapRow(w, t.mapId))!.status,
    verify: ({ after, is }) => {
      is(after, 'status after').toBe('SUBMITTED')
    },
  }),
  action({
    action: A.submitMap,
    on: "the student's personal map, for an assignment",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: 403 },
    notFound: MAP_GONE,
    arrange: async (w) => ({ ...(await studentMap(w)), assignmentId: await assignment(w) }),
    input: (t) => ({ mapId: t.mapId, assignmentId: t.assignmentId }),
    observe: async (w, t) => ({
      status: (await mapRow(w, t.mapId))!.status,
      submissions: await w.count(
        'SELECT count(*) AS n FROM "AssignmentSubmission" WHERE "mapId" = $1 AND "assignmentId" = $2 AND NOT late',
        [t.mapId, t.assignmentId],
      ),
    }),
    verify: ({ after, is }) => {
      is(after, 'map and submission after').toEqual({ status: 'SUBMITTED', submissions: 1 })
    },
  }),
  action({
    action: A.reopenMap,
    on: "the student's submitted map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 404, instructor: OK },
    notFound: MAP_GONE,
    arrange: async (w) => ({ mapId: await w.submitted(w.personas.student) }),
    input: (t) => ({ mapId: t.mapId }),
    observe: async (w, t) => (await mapRow(w, t.mapId))!.status,
    verify: ({ after, is }) => {
      is(after, 'status after').toBe('DRAFT')
    },
  }),
  action({
    action: A.applyOperation,
    on: "the student's personal map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: 403 },
    notFound: MAP_GONE,
    arrange: async (w) => ({ mapId: await w.map(w.personas.student) }),
    input: (t) => ({
      mapId: t.mapId,
      op: {
        type: 'node.add',
        node: { id: clientId(), kind: 'NOTE', label: 'Added here', highlightId: null, x: 10, y: 20 },
      },
    }),
    observe: (w, t) => nodeCount(w, t.mapId),
    verify: ({ data, after, is }) => {
      is(after, 'nodes after').toBe(1)
      is(data, 'sequence number').toEqual({ seq: 1 })
    },
  }),
  action({
    action: A.applyOperation,
    on: 'a group map',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: OK, instructor: OK },
    notFound: MAP_GONE,
    arrange: async (w) => ({ mapId: await w.map(w.personas.instructor, 'GROUP') }),
    input: (t) => ({
      mapId: t.mapId,
      op: {
        type: 'node.add',
        node: { id: clientId(), kind: 'NOTE', label: 'Added here', highlightId: null, x: 10, y: 20 },
      },
    }),
    observe: (w, t) => nodeCount(w, t.mapId),
    verify: ({ after, is }) => {
      is(after, 'nodes after').toBe(1)
    },
  }),
  action({
    action: A.applyOperation,
    on: "the student's submitted map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 404, instructor: 403 },
    notFound: MAP_GONE,
    arrange: async (w) => ({ mapId: await w.submitted(w.personas.student) }),
    input: (t) => ({
      mapId: t.mapId,
      op: {
        type: 'node.add',
        node: { id: clientId(), kind: 'NOTE', label: 'Too late', highlightId: null, x: 0, y: 0 },
      },
    }),
    observe: (w, t) => nodeCount(w, t.mapId),
  }),
  action({
    action: A.applyOperation,
    on: "a group map, citing the student's private highlight",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: OK },
    notFound: { outsider: MAP_GONE, otherInstructor: MAP_GONE, otherStudent: CITATION_GONE },
    arrange: async (w) => ({
      mapId: await w.map(w.personas.instructor, 'GROUP'),
      highlightId: await w.highlight(w.personas.student, { visibility: 'PRIVATE' }),
    }),
    input: (t) => ({
      mapId: t.mapId,
      op: {
        type: 'node.add',
        node: { id: clientId(), kind: 'CLAIM', label: 'Cited', highlightId: t.highlightId, x: 0, y: 0 },
      },
    }),
    observe: (w, t) =>
      w.count('SELECT count(*) AS n FROM "MapNode" WHERE "mapId" = $1 AND "highlightId" = $2', [
        t.mapId,
        t.highlightId,
      ]),
    verify: ({ after, is }) => {
      is(after, 'nodes citing it after').toBe(1)
    },
  }),
  action({
    action: A.applyOperation,
    on: 'a group map, citing a highlight of another group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 404, otherStudent: 404, instructor: 404 },
    notFound: {
      outsider: MAP_GONE,
      otherInstructor: MAP_GONE,
      student: CITATION_GONE,
      otherStudent: CITATION_GONE,
      instructor: CITATION_GONE,
    },
    arrange: async (w) => {
      const { otherInstructor } = w.personas
      const sourceId = await w.newSource({ groupId: w.groups.other, by: otherInstructor })
      return {
        mapId: await w.map(w.personas.instructor, 'GROUP'),
        highlightId: await w.highlight(otherInstructor, { sourceId }),
      }
    },
    input: (t) => ({
      mapId: t.mapId,
      op: {
        type: 'node.add',
        node: { id: clientId(), kind: 'CLAIM', label: 'Cited', highlightId: t.highlightId, x: 0, y: 0 },
      },
    }),
    observe: (w, t) => nodeCount(w, t.mapId),
  }),
  action({
    action: A.operationsSince,
    on: "the student's personal map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: OK },
    notFound: MAP_GONE,
    arrange: studentMap,
    input: (t) => ({ mapId: t.mapId, seq: 0 }),
    verify: ({ data, is }) => {
      is(
        (data as { seq: number; op: { type: string } }[]).map((o) => [o.seq, o.op.type]),
        'operations',
      ).toEqual([[1, 'node.add']])
    },
  }),
  action({
    action: A.mapHistory,
    on: "the student's personal map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: OK },
    notFound: MAP_GONE,
    arrange: studentMap,
    input: (t) => ({ mapId: t.mapId }),
    verify: ({ data, is }) => {
      is(
        (data as { seq: number; type: string; by: string }[]).map((h) => [h.seq, h.type, h.by]),
        'history',
      ).toEqual([[1, 'node.add', 'Alex Rivera']])
    },
  }),
  action({
    action: A.mapAtRevision,
    on: "the student's personal map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: OK },
    notFound: MAP_GONE,
    arrange: studentMap,
    input: (t) => ({ mapId: t.mapId, seq: 1 }),
    verify: ({ data, is }) => {
      is(
        (data as { nodes: { label: string }[] }).nodes.map((n) => n.label),
        'nodes at revision 1',
      ).toEqual(['Alliances outlast their threats'])
    },
  }),
  action({
    action: A.restoreRevision,
    on: "the student's personal map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: 403 },
    notFound: MAP_GONE,
    arrange: studentMap,
    input: (t) => ({ mapId: t.mapId, seq: 0 }),
    observe: async (w, t) => ({ nodes: await nodeCount(w, t.mapId), seq: (await mapRow(w, t.mapId))!.seq }),
    verify: ({ after, is }) => {
      is(after, 'map after restoring the empty revision').toEqual({ nodes: 0, seq: 2 })
    },
  }),
  action({
    action: A.announceMapPresence,
    on: "the student's personal map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: OK },
    notFound: MAP_GONE,
    arrange: studentMap,
    input: (t) => ({ mapId: t.mapId, selected: [] }),
  }),

  // Review
  action({
    action: A.setRubric,
    on: 'the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: GROUP_GONE,
    input: (_t, p, w) => ({ groupId: w.groups.main, criteria: [{ name: `Evidence (${p.name})`, points: 5 }] }),
    observe: async (w) =>
      (await w.row<{ rubric: unknown }>('SELECT rubric FROM "Group" WHERE id = $1', [w.groups.main]))!.rubric,
    verify: ({ p, after, is }) => {
      is(after, 'rubric after').toEqual([{ name: `Evidence (${p.name})`, points: 5 }])
    },
  }),
  action({
    action: A.addFeedback,
    on: "the student's personal map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 404, instructor: OK },
    notFound: MAP_GONE,
    arrange: studentMap,
    input: (t) => ({ mapId: t.mapId, body: 'Good start; cite the essay.' }),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "Feedback" WHERE "mapId" = $1', [t.mapId]),
    verify: ({ after, is }) => {
      is(after, 'feedback after').toBe(1)
    },
  }),
  action({
    action: A.addFeedback,
    on: 'a group map',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: OK },
    notFound: MAP_GONE,
    arrange: async (w) => ({ mapId: await w.map(w.personas.instructor, 'GROUP') }),
    input: (t) => ({ mapId: t.mapId, body: 'The group argues well.' }),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "Feedback" WHERE "mapId" = $1', [t.mapId]),
    verify: ({ after, is }) => {
      is(after, 'feedback after').toBe(1)
    },
  }),
  action({
    action: A.deleteFeedback,
    on: "feedback on the student's map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 404, instructor: OK },
    notFound: FEEDBACK_GONE,
    arrange: async (w) => {
      const { mapId } = await studentMap(w)
      return { id: await w.feedback(mapId) }
    },
    input: (t) => ({ feedbackId: t.id }),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "Feedback" WHERE id = $1', [t.id]),
    verify: ({ after, is }) => {
      is(after, 'feedback with that id after').toBe(0)
    },
  }),
  action({
    action: A.listFeedback,
    on: "the student's map with feedback",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: OK },
    notFound: MAP_GONE,
    arrange: async (w) => {
      const { mapId } = await studentMap(w)
      return { mapId, id: await w.feedback(mapId) }
    },
    input: (t) => ({ mapId: t.mapId }),
    verify: ({ t, p, data, is }) => {
      // "New" is the owner's marker only.
      is(
        (data as { id: string; isNew: boolean }[]).map((f) => [f.id, f.isNew]),
        'feedback listed',
      ).toEqual([[t.id, p.name === 'student']])
    },
  }),
  action({
    action: A.markFeedbackSeen,
    on: "the student's map with feedback",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: OK, otherStudent: 404, instructor: OK },
    notFound: MAP_GONE,
    arrange: async (w) => {
      const { mapId } = await studentMap(w)
      await w.feedback(mapId)
      return { mapId }
    },
    input: (t) => ({ mapId: t.mapId }),
    observe: async (w, t) => (await mapRow(w, t.mapId))!.feedbackSeenAt !== null,
    verify: ({ p, after, is }) => {
      // Only the owner's look clears the marker; the instructor's changes nothing.
      is(after, 'feedback marked seen').toBe(p.name === 'student')
    },
  }),

  // Route handlers
  route({
    route: 'GET /api/health',
    on: 'the health check (public)',
    expect: { anonymous: 200, outsider: 200, otherInstructor: 200, student: 200, otherStudent: 200, instructor: 200 },
    send: (_w, _t, p) => get(p, '/api/health'),
    verify: ({ reply, is }) => {
      is(json(reply), 'health').toEqual({ ok: true })
    },
  }),
  route({
    route: 'GET /api/auth/[...nextauth]',
    on: 'the session (next-auth)',
    expect: { anonymous: 200, outsider: 200, otherInstructor: 200, student: 200, otherStudent: 200, instructor: 200 },
    send: (_w, _t, p) => get(p, '/api/auth/session'),
    verify: ({ p, reply, is }) => {
      const session = json<{ user?: { id: string; email: string } }>(reply)
      is(
        session.user ? { id: session.user.id, email: session.user.email } : null,
        'who the session says this is',
      ).toEqual(p.userId ? { id: p.userId, email: p.email } : null)
    },
  }),
  route({
    route: 'POST /api/auth/[...nextauth]',
    on: "the instructor's credentials without a CSRF token (next-auth)",
    expect: { anonymous: 302, outsider: 302, otherInstructor: 302, student: 302, otherStudent: 302, instructor: 302 },
    ownErrors: true,
    send: async (_w, _t, p) =>
      replyOf(
        await p.api.post('/api/auth/callback/credentials', {
          form: { email: 'instructor@colloquy.test', password: 'seminar-demo' },
          maxRedirects: 0,
        }),
      ),
    observe: async (_w, _t, p) =>
      (await get(p, '/api/auth/session')).body.toString('utf8').replace(/"expires":"[^"]*"/, ''),
    verify: ({ reply, before, after, is }) => {
      is(reply.headers['location'], 'redirect to the CSRF error').toMatch(/\/api\/auth\/signin\?csrf=true/)
      is(reply.headers['set-cookie'] ?? '', 'cookies set').not.toMatch(/session-token=/)
      is(after, 'session after').toEqual(before)
    },
  }),
  route({
    route: 'POST /api/unsubscribe',
    on: "someone's email digests, one click from a mail client (the link is the credential)",
    expect: { anonymous: 200, outsider: 200, otherInstructor: 200, student: 200, otherStudent: 200, instructor: 200 },
    arrange: (w) => digestReader(w),
    send: async (_w, t, p) =>
      replyOf(
        await p.api.post(`/api/unsubscribe?token=${encodeURIComponent(t.token)}`, {
          form: { 'List-Unsubscribe': 'One-Click' },
          maxRedirects: 0,
        }),
      ),
    observe: (w, t) => digestOf(w, t.userId),
    verify: ({ before, after, is }) => {
      is([before, after], 'the reader’s setting before and after').toEqual(['DAILY', 'OFF'])
    },
  }),
  route({
    route: 'GET /api/account/data',
    on: "one's own data, with the student's private and shared highlights",
    expect: { anonymous: 401, outsider: 200, otherInstructor: 200, student: 200, otherStudent: 200, instructor: 200 },
    arrange: async (w) => ({
      private: await w.highlight(w.personas.student, { visibility: 'PRIVATE' }),
      shared: await w.highlight(w.personas.student),
    }),
    send: (_w, _t, p) => get(p, '/api/account/data'),
    verify: async ({ w, t, p, reply, is }) => {
      const data = json<{ person: { email: string }; highlights: { quote: string }[] }>(reply)
      is(data.person.email, 'whose data').toBe(p.email)
      const quotes = new Set(data.highlights.map((h) => h.quote))
      const quoteOf = async (id: string) =>
        (await w.row<{ exact: string }>('SELECT exact FROM "Highlight" WHERE id = $1', [id]))!.exact
      const mine = p.name === 'student'
      is(
        { private: quotes.has(await quoteOf(t.private)), shared: quotes.has(await quoteOf(t.shared)) },
        'the student’s highlights in it',
      ).toEqual({ private: mine, shared: mine })
    },
  }),
  route({
    route: 'GET /api/sources/[sourceId]/export',
    on: "CSV of a source with the student's private and shared highlights",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 200, otherStudent: 200, instructor: 200 },
    notFound: SOURCE_GONE,
    arrange: async (w) => ({
      private: await w.highlight(w.personas.student, { visibility: 'PRIVATE' }),
      shared: await w.highlight(w.personas.student),
    }),
    send: (w, _t, p) => get(p, `/api/sources/${w.sourceId}/export?format=csv`),
    verify: ({ t, p, reply, is }) => {
      const csv = reply.body.toString('utf8')
      is({ private: csv.includes(t.private), shared: csv.includes(t.shared) }, 'which of the two are exported').toEqual(
        { private: p.name !== 'otherStudent', shared: true },
      )
    },
  }),
  route({
    route: 'GET /api/sources/[sourceId]/highlights',
    on: "a source with the student's private and shared highlights",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 200, otherStudent: 200, instructor: 200 },
    notFound: SOURCE_GONE,
    arrange: async (w) => ({
      private: await w.highlight(w.personas.student, { visibility: 'PRIVATE' }),
      shared: await w.highlight(w.personas.student),
    }),
    send: (w, _t, p) => get(p, `/api/sources/${w.sourceId}/highlights`),
    verify: ({ t, p, reply, is }) => {
      const ids = json<{ highlights: { id: string }[] }>(reply).highlights.map((h) => h.id)
      is({ private: ids.includes(t.private), shared: ids.includes(t.shared) }, 'which of the two are listed').toEqual({
        private: p.name !== 'otherStudent',
        shared: true,
      })
    },
  }),
  route({
    route: 'POST /api/sources/[sourceId]/highlights',
    on: 'a source of the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 201, otherStudent: 201, instructor: 201 },
    notFound: SOURCE_GONE,
    arrange: async (w) => w.nextRange(),
    send: async (w, t, p) =>
      replyOf(
        await p.api.post(`/api/sources/${w.sourceId}/highlights`, {
          data: { start: t.start, end: t.end, tag: 'BIAS' },
        }),
      ),
    observe: (w, t) =>
      w.count('SELECT count(*) AS n FROM "Highlight" WHERE "sourceId" = $1 AND start = $2 AND "end" = $3', [
        w.sourceId,
        t.start,
        t.end,
      ]),
    verify: async ({ w, p, reply, after, is }) => {
      is(after, 'highlights on that passage').toBe(1)
      is((await highlightRow(w, json<{ id: string }>(reply).id))?.authorId, 'author').toBe(p.userId)
    },
  }),
  route({
    route: 'GET /api/maps/[mapId]/export',
    on: "SVG of the student's personal map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 200, otherStudent: 404, instructor: 200 },
    notFound: MAP_GONE,
    arrange: studentMap,
    send: (_w, t, p) => get(p, `/api/maps/${t.mapId}/export?format=svg`),
    verify: ({ reply, is }) => {
      is(reply.headers['content-type'], 'content type').toMatch(/^image\/svg\+xml/)
      is(reply.body.toString('utf8'), 'the drawing').toContain('Alliances outlast')
    },
  }),
  route({
    route: 'GET /api/maps/[mapId]/formats',
    on: "AIF of the student's personal map",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 200, otherStudent: 404, instructor: 200 },
    notFound: MAP_GONE,
    arrange: studentMap,
    send: (_w, t, p) => get(p, `/api/maps/${t.mapId}/formats?format=aif`),
    verify: ({ reply, is }) => {
      is(reply.body.toString('utf8'), 'the AIF document').toContain('Alliances outlast their threats')
    },
  }),
  route({
    route: 'GET /api/groups/[groupId]/events',
    on: "the group's live event stream",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 200, otherStudent: 200, instructor: 200 },
    notFound: GROUP_GONE,
    send: (w, _t, p) => openStream(w, p, `/api/groups/${w.groups.main}/events`),
    verify: ({ reply, is }) => {
      is(reply.headers['content-type'], 'content type').toMatch(/^text\/event-stream/)
    },
  }),
  route({
    route: 'GET /api/groups/[groupId]/events',
    on: "the group's stream, naming a source of another group the reader belongs to",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 404, otherStudent: 404, instructor: 404 },
    notFound: {
      outsider: GROUP_GONE,
      otherInstructor: GROUP_GONE,
      student: SOURCE_GONE,
      otherStudent: SOURCE_GONE,
      instructor: SOURCE_GONE,
    },
    arrange: async (w) => ({ sourceId: await w.newSource({ groupId: w.groups.settings }) }),
    send: (w, t, p) => openStream(w, p, `/api/groups/${w.groups.main}/events?sourceId=${t.sourceId}`),
  }),
  route({
    route: 'POST /api/groups/[groupId]/sources/extract',
    on: 'a text file uploaded to the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: 200 },
    notFound: GROUP_GONE,
    send: async (w, _t, p) =>
      replyOf(
        await p.api.post(`/api/groups/${w.groups.main}/sources/extract`, {
          multipart: { file: { name: 'essay.txt', mimeType: 'text/plain', buffer: Buffer.from(ESSAY) } },
        }),
      ),
    verify: ({ reply, is }) => {
      const blocks = json<{ blocks: { text: string; junkReason?: string }[] }>(reply).blocks
      is(
        blocks
          .filter((b) => !b.junkReason)
          .map((b) => b.text)
          .join('\n\n'),
        'the text read from the file',
      ).toContain('Alliances are usually founded')
    },
  }),
  route({
    route: 'GET /api/groups/[groupId]/maps/export',
    on: "the group's submitted maps as a zip",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: 200 },
    notFound: GROUP_GONE,
    arrange: async (w) => {
      if (
        !(await w.count(`SELECT count(*) AS n FROM "ArgumentMap" WHERE "groupId" = $1 AND status = 'SUBMITTED'`, [
          w.groups.main,
        ]))
      )
        await w.submitted(w.personas.student)
    },
    send: (w, _t, p) => get(p, `/api/groups/${w.groups.main}/maps/export`),
    verify: ({ reply, is }) => {
      is(reply.headers['content-type'], 'content type').toBe('application/zip')
      is(reply.body.subarray(0, 2).toString('latin1'), 'zip signature').toBe('PK')
    },
  }),
  route({
    route: 'GET /api/assignments/[assignmentId]/gradebook',
    on: "an assignment's gradebook CSV",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: 200 },
    notFound: ASSIGNMENT_GONE,
    arrange: async (w) => ({ id: await assignment(w) }),
    send: (_w, t, p) => get(p, `/api/assignments/${t.id}/gradebook`),
    verify: ({ reply, is }) => {
      is(reply.headers['content-type'], 'content type').toBe('text/csv; charset=utf-8')
      is(reply.body.toString('utf8').split('\r\n')[0], 'header row').toMatch(
        /^\uFEFFStudent,ID,SIS User ID,SIS Login ID,Section,Email address,Claims,/,
      )
    },
  }),
  route({
    route: 'POST /api/groups/[groupId]/maps/import',
    on: 'a map backup imported into the group',
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 201, otherStudent: 201, instructor: 201 },
    notFound: GROUP_GONE,
    arrange: async (w) => {
      const { mapId } = await studentMap(w)
      const backup = json<{ title: string }>(await get(w.personas.student, `/api/maps/${mapId}/formats?format=backup`))
      return { backup: { ...backup, title: `Imported ${clientId()}` } }
    },
    send: async (w, t, p) => replyOf(await p.api.post(`/api/groups/${w.groups.main}/maps/import`, { data: t.backup })),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "ArgumentMap" WHERE title = $1', [t.backup.title]),
    verify: async ({ w, p, reply, after, is }) => {
      is(after, 'maps with that title').toBe(1)
      const id = json<{ id: string }>(reply).id
      is(await mapRow(w, id), 'the imported map').toMatchObject({ ownerId: p.userId, kind: 'PERSONAL' })
      is(await nodeCount(w, id), 'nodes imported').toBe(1)
    },
  }),
  route({
    route: 'GET /api/groups/[groupId]/archive',
    on: "the whole seminar as an archive file (every student's work)",
    expect: { anonymous: 401, outsider: 404, otherInstructor: 404, student: 403, otherStudent: 403, instructor: 200 },
    notFound: GROUP_GONE,
    send: (w, _t, p) => get(p, `/api/groups/${w.groups.main}/archive`),
    verify: async ({ w, reply, is }) => {
      is(reply.headers['content-type'], 'content type').toBe('application/gzip')
      is(reply.headers['content-disposition'], 'a download').toMatch(/^attachment; filename=".+\.colloquy\.json\.gz"$/)
      const archive = JSON.parse(gunzipSync(reply.body).toString('utf8')) as { format: string; group: { name: string } }
      const name = (await w.row<{ name: string }>('SELECT name FROM "Group" WHERE id = $1', [w.groups.main]))!.name
      is([archive.format, archive.group.name], 'the archive of this group').toEqual(['colloquy-seminar', name])
    },
  }),
  route({
    route: 'POST /api/archives',
    on: 'a seminar archive imported as a new group',
    expect: { anonymous: 401, outsider: 201, otherInstructor: 201, student: 201, otherStudent: 201, instructor: 201 },
    arrange: async (w) => {
      const file = await get(w.personas.instructor, `/api/groups/${w.groups.main}/archive`)
      const archive = JSON.parse(gunzipSync(file.body).toString('utf8')) as { group: { name: string } }
      archive.group.name = `Imported seminar ${clientId()}`
      return { name: archive.group.name, file: gzipSync(JSON.stringify(archive)) }
    },
    send: async (_w, t, p) =>
      replyOf(await p.api.post('/api/archives', { data: t.file, headers: { 'Content-Type': 'application/gzip' } })),
    observe: (w, t) => w.count('SELECT count(*) AS n FROM "Group" WHERE name = $1', [t.name]),
    verify: async ({ w, p, reply, after, is }) => {
      is(after, 'groups with that name').toBe(1)
      is(await roleIn(w, json<{ id: string }>(reply).id, p.userId), 'the importer is its instructor').toBe('INSTRUCTOR')
    },
  }),
]

test('every server action and route handler of the build has a matrix entry', () => {
  const exposed = [...serverActions(ROOT).map((a) => a.key), ...routeHandlers(ROOT)]
  const covered = new Set(MATRIX.map((entry) => entry.action ?? entry.route))
  const missing = exposed.filter((key) => !covered.has(key))
  const stale = [...covered].filter((key) => !exposed.includes(key))
  expect.soft(missing, `No matrix entry for: ${missing.join(', ')}`).toEqual([])
  expect.soft(stale, `Matrix entries for what the build no longer has: ${stale.join(', ')}`).toEqual([])
})

test.describe('authorization matrix', () => {
  let world: World

  test.beforeAll(async ({ playwright }, testInfo) => {
    testInfo.setTimeout(120_000)
    world = await World.create(playwright.request, testInfo.project.use.baseURL!, ROOT)
  })

  test.afterAll(async () => {
    await world?.dispose()
    console.log(
      `authorization matrix: ${MATRIX.length} entries × ${PERSONAS.length} personas, ${assertions} assertions in this worker`,
    )
  })

  for (const entry of MATRIX) {
    test(titleOf(entry), async () => {
      await checkEntry(entry, world)
    })
  }
})
