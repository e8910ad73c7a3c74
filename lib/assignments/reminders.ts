// "Due within a day": once per assignment and student, an inbox entry for each student who has
// not finished an opened assignment due in the next 24 hours. Run by a schedule that claims each
// period on one app instance only (lib/retention/schedule.ts), and by the tests directly.
import { db } from '@/lib/db'
import { notifyAssignmentDue } from '@/lib/notifications/notify'
import { startPeriodic } from '@/lib/retention/periodic'
import { ASSIGNMENT_FIELDS } from './fields'
import { progressTable } from './queries'
import { transactionWithEvents } from '@/lib/realtime/publish'

const DUE_SOON_MS = 24 * 60 * 60_000
const PERIOD_MS = 5 * 60_000

export async function remindDueSoon(now = new Date()): Promise<{ told: number }> {
  const assignments = await db.assignment.findMany({
    where: { opensAt: { lte: now }, dueAt: { gt: now, lte: new Date(now.getTime() + DUE_SOON_MS) } },
    select: ASSIGNMENT_FIELDS,
  })
  let told = 0
  for (const assignment of assignments) {
    const [students, already] = await Promise.all([
      db.membership.findMany({ where: { groupId: assignment.groupId, role: 'STUDENT' }, select: { userId: true } }),
      db.notification.findMany({
        where: { assignmentId: assignment.id, kind: 'ASSIGNMENT_DUE' },
        select: { userId: true },
      }),
    ])
    const toldBefore = new Set(already.map((n) => n.userId))
    const candidates = students.map((s) => s.userId).filter((id) => !toldBefore.has(id))
    const table = await progressTable([assignment], candidates, now)
    const unfinished = candidates.filter((id) => table.get(`${assignment.id}:${id}`)!.status === 'open')
    if (unfinished.length === 0) continue
    await transactionWithEvents((tx) => notifyAssignmentDue(tx, assignment, unfinished))
    told += unfinished.length
  }
  return { told }
}

export function startDueReminders(): void {
  startPeriodic({
    task: 'assignment-reminders',
    intervalMs: PERIOD_MS,
    run: () => remindDueSoon(),
    failing: 'Assignment reminders',
  })
}
