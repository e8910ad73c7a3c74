// A student's assignments: what is due when (on the group's clocks), what they have done of it,
// what is late or missing. On the dashboard across groups; on a group page, with the map form.
import Link from 'next/link'
import { describeRequirement } from '@/lib/assignments/progress'
import type { TodoItem } from '@/lib/assignments/queries'
import { formatInZone } from '@/lib/assignments/time-zone'
import { StatusBadge } from './status-badge'
import { SubmitForAssignment } from './submit-for-assignment'

interface Props {
  items: TodoItem[]
  /** The student's draft maps, to hand one in from the list (group page only). */
  drafts?: { id: string; title: string }[]
  showGroup?: boolean
}

/** Unfinished first (soonest due first), then finished work. */
const order = (items: TodoItem[]) =>
  [...items].sort(
    (a, b) =>
      Number(a.progress.completedAt !== null) - Number(b.progress.completedAt !== null) ||
      a.assignment.dueAt.getTime() - b.assignment.dueAt.getTime(),
  )

export function TodoList({ items, drafts, showGroup = false }: Props) {
  return (
    <ul aria-label="Assignments to do" className="flex flex-col divide-y divide-stone-100">
      {order(items).map(({ assignment: a, groupName, timeZone, progress }) => {
        const groupPath = `/groups/${a.groupId}`
        const due = formatInZone(a.dueAt, timeZone)
        return (
          <li key={a.id} id={`assignment-${a.id}`} aria-label={a.title} className="flex flex-col gap-1.5 py-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium">
                <bdi>{a.title}</bdi>
                {showGroup && (
                  <Link href={groupPath} className="ml-2 text-xs font-normal text-indigo-700 hover:underline">
                    <bdi>{groupName}</bdi>
                  </Link>
                )}
              </span>
              <StatusBadge status={progress.status} />
            </div>
            <p className="text-sm text-stone-700">
              Due <time dateTime={a.dueAt.toISOString()}>{due}</time>
              {!a.allowLate && <span className="text-stone-500"> · late work not accepted</span>}
              {progress.completedAt && (
                <span className="text-stone-500">
                  {' '}
                  · done{' '}
                  <time dateTime={progress.completedAt.toISOString()}>
                    {formatInZone(progress.completedAt, timeZone)}
                  </time>
                </span>
              )}
            </p>
            {a.instructions && <p className="whitespace-pre-line text-sm text-stone-600">{a.instructions}</p>}
            <p className="text-sm">
              Read:{' '}
              {a.sources.map(({ source }, i) => (
                <span key={source.id}>
                  {i > 0 && ', '}
                  <Link
                    href={`${groupPath}/sources/${source.id}`}
                    className="font-serif text-indigo-800 hover:underline"
                  >
                    <bdi>{source.title}</bdi>
                  </Link>
                </span>
              ))}
            </p>
            <ul aria-label={`Progress on ${a.title}`} className="flex flex-wrap gap-2 text-xs">
              {progress.requirements.map((r) => (
                <li
                  key={r.kind}
                  className={`rounded px-2 py-0.5 ring-1 ${r.met ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-white text-stone-700 ring-stone-200'}`}
                >
                  <span aria-hidden>{r.met ? '✓ ' : ''}</span>
                  {describeRequirement(r)}
                </li>
              ))}
            </ul>
            {drafts && a.requireMap && !progress.submission && progress.status === 'missing' && !a.allowLate ? (
              <p className="text-sm text-red-800">
                The due date has passed and this assignment does not accept late work, so no map can be submitted for
                it.
              </p>
            ) : (
              drafts &&
              a.requireMap &&
              !progress.submission && (
                <SubmitForAssignment
                  assignmentId={a.id}
                  title={a.title}
                  drafts={drafts}
                  late={progress.status === 'missing'}
                />
              )
            )}
          </li>
        )
      })}
    </ul>
  )
}
