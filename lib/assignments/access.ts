// Loads an assignment with how the asking user stands towards its group; decides nothing itself.
import { db } from '@/lib/db'
import { NotFound } from '@/lib/errors'
import { groupAccess, type Actor, type GroupAccess } from '@/lib/groups/access'
import { Id } from '@/lib/ids'
import { authorize, type Action } from '@/lib/permissions'

export const ASSIGNMENT_NOT_FOUND = 'This assignment does not exist.'

const COLUMNS = {
  id: true,
  groupId: true,
  title: true,
  opensAt: true,
  dueAt: true,
  allowLate: true,
  requireMap: true,
  group: { select: { timeZone: true } },
} as const

interface AssignmentAccess extends GroupAccess {
  assignment: {
    id: string
    groupId: string
    title: string
    opensAt: Date
    dueAt: Date
    allowLate: boolean
    requireMap: boolean
  }
  timeZone: string
}

export async function authorizeOnAssignment(
  actor: Actor,
  assignmentId: unknown,
  action: Action,
): Promise<AssignmentAccess> {
  const id = Id.safeParse(assignmentId)
  const row = id.success ? await db.assignment.findUnique({ where: { id: id.data }, select: COLUMNS }) : null
  if (!row) throw new NotFound(ASSIGNMENT_NOT_FOUND)
  const access = await groupAccess(actor, row.groupId)
  authorize(access.standing, action, { notFound: ASSIGNMENT_NOT_FOUND })
  const { group, ...assignment } = row
  return { ...access, assignment, timeZone: group.timeZone }
}

/** The group's time zone (the one its dates are entered and shown in). */
export async function timeZoneOf(groupId: string): Promise<string> {
  return (await db.group.findUniqueOrThrow({ where: { id: groupId }, select: { timeZone: true } })).timeZone
}
