// The instructor's assignments on the group page: each with its dates, what it asks, and how
// the class stands (done, late, missing, to do), with edit, delete, review and the gradebook.
import Link from 'next/link'
import type { AssignmentRow } from '@/lib/assignments/queries'
import { STATUS_LABEL, type Status } from '@/lib/assignments/progress'
import { formatInZone, instantToZoned } from '@/lib/assignments/time-zone'
import { AssignmentActions } from './assignment-actions'

interface Props {
  groupId: string
  timeZone: string
  sources: { id: string; title: string }[]
  assignments: AssignmentRow[]
  tallies: Map<string, Record<string, number>>
}

const asks = (a: AssignmentRow) =>
  [
    a.minClaims && `${a.minClaims} claim${a.minClaims === 1 ? '' : 's'}`,
    a.minEvidence && `${a.minEvidence} evidence`,
    a.minBias && `${a.minBias} bias`,
    a.requireMap && 'a map',
  ]
    .filter(Boolean)
    .join(', ') || 'one highlight'

export function AssignmentAdmin({ groupId, timeZone, sources, assignments, tallies }: Props) {
  return (
    <ul aria-label="Assignments" className="flex flex-col divide-y divide-stone-100">
      {assignments.map((a) => {
        const tally = tallies.get(a.id)!
        const draft = {
          title: a.title,
          instructions: a.instructions,
          sourceIds: a.sources.map((s) => s.source.id),
          minClaims: a.minClaims,
          minEvidence: a.minEvidence,
          minBias: a.minBias,
          requireMap: a.requireMap,
          opensAt: instantToZoned(a.opensAt, timeZone),
          dueAt: instantToZoned(a.dueAt, timeZone),
          allowLate: a.allowLate,
        }
        return (
          <li key={a.id} id={`assignment-${a.id}`} aria-label={a.title} className="flex flex-col gap-1 py-3">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <span className="font-medium">
                <bdi>{a.title}</bdi>
              </span>
              <AssignmentActions
                groupId={groupId}
                timeZone={timeZone}
                sources={sources}
                assignment={{ id: a.id, draft }}
              />
            </div>
            <p className="text-sm text-stone-700">
              Opens {formatInZone(a.opensAt, timeZone)} · due {formatInZone(a.dueAt, timeZone)}
              {!a.allowLate && ' · no late work'}
            </p>
            <p className="text-xs text-stone-600">
              Asks for at least {asks(a)} on {a.sources.map((s) => s.source.title).join(', ')}
            </p>
            <p className="flex flex-wrap gap-3 text-xs">
              {(['done', 'late', 'missing', 'open'] as Status[]).map((status) => (
                <Link
                  key={status}
                  href={`/groups/${groupId}/review?assignment=${a.id}&status=${status}`}
                  className="text-indigo-700 hover:underline"
                >
                  {STATUS_LABEL[status]}: {tally[status]}
                </Link>
              ))}
              <a href={`/api/assignments/${a.id}/gradebook`} download className="text-indigo-700 underline">
                Gradebook (CSV)
              </a>
            </p>
          </li>
        )
      })}
    </ul>
  )
}
