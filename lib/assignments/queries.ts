// Reads for the to-do lists (dashboard, group page), the reader's progress line and the review
// columns. Progress itself is computed in progress.ts from the rows loaded here.
import { db } from '@/lib/db'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { can } from '@/lib/permissions'
import { ASSIGNMENT_FIELDS } from './fields'
import { progressOf, type Progress, type Tag } from './progress'

type AssignmentRow = Awaited<ReturnType<typeof loadAssignments>>[number]

function loadAssignments(where: {
  groupId?: string | { in: string[] }
  id?: string
  sources?: { some: { sourceId: string } }
}) {
  return db.assignment.findMany({ where, orderBy: [{ dueAt: 'asc' }, { title: 'asc' }], select: ASSIGNMENT_FIELDS })
}

const sourceIdsOf = (a: AssignmentRow) => a.sources.map((s) => s.source.id)

/** Progress of each student on each assignment: `${assignmentId}:${userId}` → Progress. */
export async function progressTable(
  assignments: AssignmentRow[],
  userIds: string[],
  now = new Date(),
): Promise<Map<string, Progress>> {
  const table = new Map<string, Progress>()
  if (assignments.length === 0 || userIds.length === 0) return table
  const [highlights, submissions] = await Promise.all([
    db.highlight.findMany({
      where: { authorId: { in: userIds }, sourceId: { in: [...new Set(assignments.flatMap(sourceIdsOf))] } },
      select: { authorId: true, sourceId: true, tag: true, createdAt: true },
    }),
    db.assignmentSubmission.findMany({
      where: { assignmentId: { in: assignments.map((a) => a.id) }, userId: { in: userIds } },
      select: { assignmentId: true, userId: true, mapId: true, submittedAt: true, late: true },
    }),
  ])
  for (const a of assignments) {
    const sources = new Set(sourceIdsOf(a))
    for (const userId of userIds) {
      const mine = highlights
        .filter((h) => h.authorId === userId && sources.has(h.sourceId))
        .map((h) => ({ tag: h.tag as Tag, createdAt: h.createdAt }))
      const submission = submissions.find((s) => s.assignmentId === a.id && s.userId === userId) ?? null
      table.set(`${a.id}:${userId}`, progressOf(a, mine, submission, now))
    }
  }
  return table
}

export interface TodoItem {
  assignment: AssignmentRow
  groupName: string
  timeZone: string
  progress: Progress
}

/** A student's assignments in the groups they study in, opened ones only, soonest due first. */
export async function myTodo(
  actor: { id: string },
  options: { groupId?: string } = {},
  now = new Date(),
): Promise<TodoItem[]> {
  const memberships = await db.membership.findMany({
    where: { userId: actor.id, role: 'STUDENT', ...(options.groupId ? { groupId: options.groupId } : {}) },
    select: { group: { select: { id: true, name: true, timeZone: true } } },
  })
  const groups = new Map(memberships.map((m) => [m.group.id, m.group]))
  const assignments = (await loadAssignments({ groupId: { in: [...groups.keys()] } })).filter((a) => a.opensAt <= now)
  const table = await progressTable(assignments, [actor.id], now)
  return assignments.map((assignment) => ({
    assignment,
    groupName: groups.get(assignment.groupId)!.name,
    timeZone: groups.get(assignment.groupId)!.timeZone,
    progress: table.get(`${assignment.id}:${actor.id}`)!,
  }))
}

/** The dashboard's list: unfinished work, and finished work until a week after its due date. */
export async function currentTodo(actor: { id: string }, now = new Date()): Promise<TodoItem[]> {
  const weekAgo = now.getTime() - 7 * 86_400_000
  return (await myTodo(actor, {}, now)).filter(
    (item) => !item.progress.completedAt || item.assignment.dueAt.getTime() > weekAgo,
  )
}

/** The group page's list: a student's to-do, or for instructors every assignment with its class tally. */
export async function groupAssignments(actor: Actor, groupId: unknown, now = new Date()) {
  const access = await authorizeInGroup(actor, groupId, 'assignment:read')
  const group = await db.group.findUniqueOrThrow({ where: { id: access.group.id }, select: { timeZone: true } })
  if (!can(access.standing, 'assignment:manage')) {
    const [todo, drafts] = await Promise.all([
      myTodo(actor!, { groupId: access.group.id }, now),
      db.argumentMap.findMany({
        where: { groupId: access.group.id, ownerId: actor!.id, kind: 'PERSONAL', status: 'DRAFT' },
        orderBy: { updatedAt: 'desc' },
        select: { id: true, title: true },
      }),
    ])
    return {
      ...access,
      timeZone: group.timeZone,
      manage: false as const,
      todo,
      drafts,
      assignments: [],
      tallies: new Map<string, Record<string, number>>(),
    }
  }
  const [assignments, students] = await Promise.all([
    loadAssignments({ groupId: access.group.id }),
    db.membership.findMany({ where: { groupId: access.group.id, role: 'STUDENT' }, select: { userId: true } }),
  ])
  const table = await progressTable(
    assignments,
    students.map((s) => s.userId),
    now,
  )
  const tallies = new Map(
    assignments.map((a) => {
      const tally: Record<string, number> = { done: 0, late: 0, missing: 0, open: 0 }
      for (const s of students) tally[table.get(`${a.id}:${s.userId}`)!.status]!++
      return [a.id, tally]
    }),
  )
  return { ...access, timeZone: group.timeZone, manage: true as const, todo: [], drafts: [], assignments, tallies }
}

/** For the reader: a student's opened assignments that list this source, with their progress. */
export async function readerAssignments(
  actor: { id: string },
  groupId: string,
  sourceId: string,
  now = new Date(),
): Promise<TodoItem[]> {
  const todo = await myTodo(actor, { groupId }, now)
  return todo.filter((item) => item.assignment.sources.some((s) => s.source.id === sourceId))
}

/** The review page's columns: every assignment, each student's progress on it. */
export async function assignmentColumns(actor: Actor, groupId: unknown, now = new Date()) {
  const access = await authorizeInGroup(actor, groupId, 'review:read')
  const [assignments, students, group] = await Promise.all([
    loadAssignments({ groupId: access.group.id }),
    db.membership.findMany({ where: { groupId: access.group.id, role: 'STUDENT' }, select: { userId: true } }),
    db.group.findUniqueOrThrow({ where: { id: access.group.id }, select: { timeZone: true } }),
  ])
  const table = await progressTable(
    assignments,
    students.map((s) => s.userId),
    now,
  )
  return {
    assignments,
    timeZone: group.timeZone,
    progress: (assignmentId: string, userId: string) => table.get(`${assignmentId}:${userId}`)!,
  }
}

export type { AssignmentRow }
