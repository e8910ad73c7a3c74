// Assignment writes: an instructor creates, edits and deletes them; a student's map is handed in
// for one (called from lib/maps/mutations.ts, inside the submission's transaction).
import { db } from '@/lib/db'
import { Conflict, Forbidden, Invalid, NotFound } from '@/lib/errors'
import type { Prisma } from '@/lib/generated/prisma/client'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { ASSIGNMENT_NOT_FOUND, authorizeOnAssignment, timeZoneOf } from './access'
import { AssignmentRef, CreateAssignment, UpdateAssignment, type AssignmentFields } from './schema'
import { formatInZone, zonedToInstant } from './time-zone'
import type { z } from 'zod'

type Fields = z.infer<typeof AssignmentFields>

const SOURCE_NOT_IN_GROUP = 'One of the chosen sources is not in this group.'

function instant(local: string, timeZone: string, field: 'opensAt' | 'dueAt'): Date {
  const label = field === 'opensAt' ? 'opening' : 'due'
  const zoned = zonedToInstant(local, timeZone)
  if (zoned.ok) return zoned.instant
  const message =
    zoned.reason === 'skipped'
      ? `The ${label} time ${local.replace('T', ' ')} does not exist in ${timeZone}: the clocks skip it that night. Choose another time.`
      : `The ${label} date ${local.replace('T', ' ')} is not a date on the calendar.`
  throw new Invalid(message, { [field]: message })
}

/** The stored columns of an assignment, its dates read in the group's zone, its sources checked to be the group's. */
async function columnsOf(data: Fields, groupId: string) {
  const timeZone = await timeZoneOf(groupId)
  const opensAt = instant(data.opensAt, timeZone, 'opensAt')
  const dueAt = instant(data.dueAt, timeZone, 'dueAt')
  if (dueAt <= opensAt)
    throw new Invalid('The due date must come after the opening date.', {
      dueAt: 'The due date must come after the opening date.',
    })
  const found = await db.source.count({ where: { id: { in: data.sourceIds }, groupId } })
  // Another group's source reads exactly like one that does not exist.
  if (found !== data.sourceIds.length) throw new NotFound(SOURCE_NOT_IN_GROUP)
  return {
    title: data.title,
    instructions: data.instructions,
    minClaims: data.minClaims,
    minEvidence: data.minEvidence,
    minBias: data.minBias,
    requireMap: data.requireMap,
    allowLate: data.allowLate,
    opensAt,
    dueAt,
  }
}

const sourceRows = (sourceIds: string[]) => sourceIds.map((sourceId, position) => ({ sourceId, position }))

export async function createAssignment(actor: Actor, input: unknown): Promise<{ id: string }> {
  const data = CreateAssignment.parse(input)
  const access = await authorizeInGroup(actor, data.groupId, 'assignment:manage')
  const columns = await columnsOf(data, access.group.id)
  return db.assignment.create({
    data: { ...columns, groupId: access.group.id, sources: { createMany: { data: sourceRows(data.sourceIds) } } },
    select: { id: true },
  })
}

export async function updateAssignment(actor: Actor, input: unknown): Promise<void> {
  const data = UpdateAssignment.parse(input)
  const access = await authorizeOnAssignment(actor, data.assignmentId, 'assignment:manage')
  const columns = await columnsOf(data, access.assignment.groupId)
  await db.$transaction(async (tx) => {
    await tx.assignment.update({ where: { id: access.assignment.id }, data: columns })
    await tx.assignmentSource.deleteMany({ where: { assignmentId: access.assignment.id } })
    await tx.assignmentSource.createMany({
      data: sourceRows(data.sourceIds).map((row) => ({ ...row, assignmentId: access.assignment.id })),
    })
    // A moved due date moves what counts as late.
    await tx.$executeRaw`UPDATE "AssignmentSubmission" SET late = "submittedAt" > ${columns.dueAt} WHERE "assignmentId" = ${access.assignment.id}`
  })
}

export async function deleteAssignment(actor: Actor, input: unknown): Promise<void> {
  const { assignmentId } = AssignmentRef.parse(input)
  const access = await authorizeOnAssignment(actor, assignmentId, 'assignment:manage')
  await db.assignment.delete({ where: { id: access.assignment.id } })
}

/**
 * Records a personal map as the student's submission for an assignment of its group, in the
 * transaction that marks the map submitted. Refused, with nothing changed, when the assignment
 * asks for no map, has not opened, is past due without late work allowed, or already has another
 * map of theirs.
 */
export async function recordSubmission(
  tx: Prisma.TransactionClient,
  actor: { id: string },
  map: { id: string; groupId: string },
  assignmentId: string,
  now = new Date(),
): Promise<void> {
  const assignment = await tx.assignment.findFirst({
    where: { id: assignmentId, groupId: map.groupId },
    select: {
      id: true,
      title: true,
      requireMap: true,
      opensAt: true,
      dueAt: true,
      allowLate: true,
      group: { select: { timeZone: true } },
    },
  })
  if (!assignment) throw new NotFound(ASSIGNMENT_NOT_FOUND)
  const when = (date: Date) => formatInZone(date, assignment.group.timeZone)
  if (!assignment.requireMap) throw new Invalid(`“${assignment.title}” does not ask for a map.`)
  if (now < assignment.opensAt)
    throw new Forbidden(`“${assignment.title}” opens on ${when(assignment.opensAt)}; submit your map from then on.`)
  const late = now > assignment.dueAt
  if (late && !assignment.allowLate) {
    throw new Forbidden(
      `“${assignment.title}” was due on ${when(assignment.dueAt)} and does not accept late work, so your map was not submitted.`,
    )
  }
  const existing = await tx.assignmentSubmission.findUnique({
    where: { assignmentId_userId: { assignmentId, userId: actor.id } },
    select: { map: { select: { title: true } } },
  })
  if (existing)
    throw new Conflict(
      `You already submitted “${existing.map.title}” for “${assignment.title}”. Ask your instructor to reopen it to hand in another map.`,
    )
  await tx.assignmentSubmission.create({
    data: { assignmentId, userId: actor.id, mapId: map.id, submittedAt: now, late },
  })
}

/** A reopened map is a draft again: it no longer counts as handed in. */
export async function withdrawSubmissions(tx: Prisma.TransactionClient, mapId: string): Promise<void> {
  await tx.assignmentSubmission.deleteMany({ where: { mapId } })
}
