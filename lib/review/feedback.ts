// Instructor feedback on maps: comments on a whole map or pinned to a node or relation, an
// optional rubric score, and the student's "new feedback" marker.
import { notifyMapOwner } from '@/lib/notifications/notify'
import { db } from '@/lib/db'
import { Invalid, NotFound } from '@/lib/errors'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { authorizeOnMap } from '@/lib/maps/access'
import { authorize } from '@/lib/permissions'
import { mapChanged } from '@/lib/realtime/events'
import { publishInTransaction, transactionWithEvents } from '@/lib/realtime/publish'
import type { Prisma } from '@/lib/generated/prisma/client'
import { AddFeedback, FeedbackRef, MapRef, SetRubric, type Criterion } from './schema'

export async function setRubric(actor: Actor, input: unknown): Promise<void> {
  const { groupId, criteria } = SetRubric.parse(input)
  const access = await authorizeInGroup(actor, groupId, 'rubric:edit')
  await db.group.update({ where: { id: access.group.id }, data: { rubric: criteria as Prisma.InputJsonValue } })
}

export async function rubricOf(groupId: string): Promise<Criterion[]> {
  const group = await db.group.findUniqueOrThrow({ where: { id: groupId }, select: { rubric: true } })
  return group.rubric as Criterion[]
}

export async function addFeedback(actor: Actor, input: unknown): Promise<{ id: string }> {
  const data = AddFeedback.parse(input)
  const access = await authorizeOnMap(actor, data.mapId, 'read')
  authorize(access.standing, 'feedback:create', { archived: access.archived })
  if (
    data.nodeId &&
    !(await db.mapNode.findFirst({ where: { id: data.nodeId, mapId: access.map.id }, select: { id: true } }))
  ) {
    throw new NotFound('That node is not on this map.')
  }
  if (
    data.relationId &&
    !(await db.mapRelation.findFirst({ where: { id: data.relationId, mapId: access.map.id }, select: { id: true } }))
  ) {
    throw new NotFound('That relation is not on this map.')
  }
  let rubricScores: Prisma.InputJsonValue | undefined
  let score: number | undefined
  if (data.scores && data.scores.length > 0) {
    const rubric = await rubricOf(access.map.groupId)
    if (data.scores.length !== rubric.length) throw new Invalid('Score every criterion of the rubric, or none.')
    data.scores.forEach((points, i) => {
      if (points > rubric[i]!.points)
        throw new Invalid(`“${rubric[i]!.name}” is worth at most ${rubric[i]!.points} points.`)
    })
    rubricScores = rubric.map((c, i) => ({ name: c.name, points: data.scores![i]!, max: c.points }))
    score = data.scores.reduce((sum, p) => sum + p, 0)
  }
  return transactionWithEvents(async (tx) => {
    const feedback = await tx.feedback.create({
      data: {
        mapId: access.map.id,
        authorId: actor!.id,
        body: data.body,
        nodeId: data.nodeId ?? null,
        relationId: data.relationId ?? null,
        score,
        rubricScores,
      },
      select: { id: true },
    })
    await notifyMapOwner(tx, 'FEEDBACK', actor!.id, access.map)
    await publishInTransaction(tx, access.map.groupId, mapChanged(access.map, access.map.seq))
    return feedback
  })
}

export async function deleteFeedback(actor: Actor, input: unknown): Promise<void> {
  const { feedbackId } = FeedbackRef.parse(input)
  const feedback = await db.feedback.findUnique({ where: { id: feedbackId }, select: { id: true, mapId: true } })
  if (!feedback) throw new NotFound('This feedback no longer exists.')
  // Hidden maps hide their feedback, in the same words; an anonymous caller still hears "sign in".
  const access = await authorizeOnMap(actor, feedback.mapId, 'read').catch((error: unknown) => {
    throw error instanceof NotFound ? new NotFound('This feedback no longer exists.') : error
  })
  authorize(access.standing, 'feedback:delete', { archived: access.archived })
  await db.feedback.delete({ where: { id: feedback.id } })
}

export async function listFeedback(actor: Actor, mapId: unknown) {
  const access = await authorizeOnMap(actor, mapId, 'read')
  const rows = await db.feedback.findMany({
    where: { mapId: access.map.id },
    orderBy: { createdAt: 'asc' },
    include: {
      author: { select: { name: true } },
      node: { select: { id: true, label: true } },
      relation: { select: { id: true, kind: true } },
    },
  })
  const map = await db.argumentMap.findUniqueOrThrow({ where: { id: access.map.id }, select: { feedbackSeenAt: true } })
  return {
    access,
    items: rows.map((f) => ({
      id: f.id,
      body: f.body,
      author: f.author.name,
      createdAt: f.createdAt.toISOString(),
      node: f.node ? { id: f.node.id, label: f.node.label.slice(0, 80) } : null,
      relation: f.relation ? { id: f.relation.id, kind: f.relation.kind } : null,
      score: f.score,
      rubricScores: f.rubricScores as { name: string; points: number; max: number }[] | null,
      isNew: access.isOwner && (!map.feedbackSeenAt || f.createdAt > map.feedbackSeenAt),
    })),
  }
}

/** The owner has seen the feedback: the "new feedback" marker goes away. */
export async function markFeedbackSeen(actor: Actor, input: unknown): Promise<void> {
  const { mapId } = MapRef.parse(input)
  const access = await authorizeOnMap(actor, mapId, 'read')
  // Raw, so looking at feedback does not count as editing the map (updatedAt stays).
  if (access.isOwner)
    await db.$executeRaw`UPDATE "ArgumentMap" SET "feedbackSeenAt" = now() WHERE id = ${access.map.id}`
}
