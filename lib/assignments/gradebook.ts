// One assignment's gradebook as a CSV that Canvas and Moodle import: one row per student, with
// the identity columns Canvas requires (Student, ID, SIS User ID, SIS Login ID, Section) and an
// email column Moodle maps students by, then the work (highlight counts, the map, on time), the
// rubric scores and the total, in a column named after the assignment. README: "Gradebook export".
import { db } from '@/lib/db'
import { csvDocument, type CsvValue } from '@/lib/export/csv'
import type { Actor } from '@/lib/groups/access'
import type { Criterion } from '@/lib/review/schema'
import { authorizeOnAssignment } from './access'
import { STATUS_LABEL, type Progress } from './progress'
import { ASSIGNMENT_FIELDS } from './fields'
import { progressTable } from './queries'
import { instantToZoned } from './time-zone'

interface GradebookStudent {
  name: string
  email: string
  progress: Progress
  /** Points per criterion name, from the latest rubric scoring of the submitted map. */
  scores: Record<string, number> | null
}

interface GradebookInput {
  title: string
  groupName: string
  timeZone: string
  rubric: Criterion[]
  students: GradebookStudent[]
}

export function gradebookColumns(input: Pick<GradebookInput, 'title' | 'timeZone' | 'rubric'>): string[] {
  return [
    'Student',
    'ID',
    'SIS User ID',
    'SIS Login ID',
    'Section',
    'Email address',
    'Claims',
    'Evidence',
    'Bias',
    'Map submitted',
    `Submitted at (${input.timeZone})`,
    'On time',
    'Status',
    ...input.rubric.map((c) => `${c.name} (out of ${c.points})`),
    // The grade itself: Canvas creates or matches an assignment by this name.
    input.title,
  ]
}

export function gradebookCsv(input: GradebookInput): string {
  const rows = input.students.map(({ name, email, progress, scores }): CsvValue[] => {
    const { counts, submission, status } = progress
    const criterionPoints = input.rubric.map((c) => scores?.[c.name] ?? null)
    const total = scores ? criterionPoints.reduce<number>((sum, p) => sum + (p ?? 0), 0) : null
    return [
      name,
      null,
      null,
      email,
      input.groupName,
      email,
      counts.CLAIM,
      counts.EVIDENCE,
      counts.BIAS,
      submission ? 'yes' : 'no',
      submission ? instantToZoned(submission.submittedAt, input.timeZone).replace('T', ' ') : null,
      status === 'done' ? 'yes' : status === 'open' ? null : 'no',
      STATUS_LABEL[status],
      ...criterionPoints,
      total,
    ]
  })
  return csvDocument(gradebookColumns(input), rows)
}

/** The CSV and its file name, for an instructor of the assignment's group. */
export async function exportGradebook(
  actor: Actor,
  assignmentId: unknown,
  now = new Date(),
): Promise<{ csv: string; title: string }> {
  const access = await authorizeOnAssignment(actor, assignmentId, 'gradebook:export')
  const [assignment, group, members] = await Promise.all([
    db.assignment.findUniqueOrThrow({
      where: { id: access.assignment.id },
      select: ASSIGNMENT_FIELDS,
    }),
    db.group.findUniqueOrThrow({
      where: { id: access.assignment.groupId },
      select: { name: true, timeZone: true, rubric: true },
    }),
    db.membership.findMany({
      where: { groupId: access.assignment.groupId, role: 'STUDENT' },
      select: { user: { select: { id: true, name: true, email: true } } },
      orderBy: { user: { name: 'asc' } },
    }),
  ])
  const table = await progressTable(
    [assignment],
    members.map((m) => m.user.id),
    now,
  )
  const submittedMaps = [...table.values()].flatMap((p) => (p.submission ? [p.submission.mapId] : []))
  const scorings = await db.feedback.findMany({
    where: { mapId: { in: submittedMaps }, rubricScores: { not: { equals: null } } },
    orderBy: { createdAt: 'asc' },
    select: { mapId: true, rubricScores: true },
  })
  // The latest scoring of each map wins.
  const scoresOf = new Map(
    scorings.map((f) => [
      f.mapId,
      Object.fromEntries((f.rubricScores as { name: string; points: number }[]).map((s) => [s.name, s.points])),
    ]),
  )
  const students = members.map(({ user }) => {
    const progress = table.get(`${assignment.id}:${user.id}`)!
    return {
      name: user.name,
      email: user.email,
      progress,
      scores: progress.submission ? (scoresOf.get(progress.submission.mapId) ?? null) : null,
    }
  })
  return {
    csv: gradebookCsv({
      title: assignment.title,
      groupName: group.name,
      timeZone: group.timeZone,
      rubric: group.rubric as Criterion[],
      students,
    }),
    title: assignment.title,
  }
}
