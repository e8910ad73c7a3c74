'use client'
// One row per student, sortable by any column, with a column per assignment (done, late, missing,
// to do) and filters by assignment and status; names link to their highlights and maps.
import Link from 'next/link'
import { useState } from 'react'
import { StatusBadge } from '@/components/assignments/status-badge'
import { Select } from '@/components/ui/select'
import { STATUS_LABEL, type Status } from '@/lib/assignments/progress'
import type { StudentRow } from '@/lib/review/queries'
import { TAGS } from '@/lib/tags'

type Key = 'name' | 'claims' | 'evidence' | 'bias' | 'maps' | 'submitted' | 'lastActivity'

const COLUMNS: { key: Key; label: string }[] = [
  { key: 'name', label: 'Student' },
  { key: 'claims', label: `${TAGS.CLAIM.icon} Claims` },
  { key: 'evidence', label: `${TAGS.EVIDENCE.icon} Evidence` },
  { key: 'bias', label: `${TAGS.BIAS.icon} Bias` },
  { key: 'maps', label: 'Maps' },
  { key: 'submitted', label: 'Submitted' },
  { key: 'lastActivity', label: 'Last activity' },
]

const STATUSES: Status[] = ['done', 'late', 'missing', 'open']
/** Sorting an assignment column: missing work first, then what is still open, late, done. */
const STATUS_RANK: Record<Status, number> = { missing: 0, open: 1, late: 2, done: 3 }

interface Props {
  groupId: string
  rows: StudentRow[]
  firstSourceId: string | null
  assignments: { id: string; title: string }[]
  /** Each student's status per assignment: statuses[userId][assignmentId]. */
  statuses: Record<string, Record<string, Status>>
  initialFilter?: { assignment: string; status: Status | '' }
}

export function StudentTable({ groupId, rows, firstSourceId, assignments, statuses, initialFilter }: Props) {
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 }>({ key: 'name', dir: 1 })
  const [filter, setFilter] = useState(initialFilter ?? { assignment: '', status: '' as Status | '' })
  const valueOf = (r: StudentRow, key: string): string | number => {
    const status = statuses[r.id]?.[key]
    if (status) return STATUS_RANK[status]
    return (r[key as Key] as string | number | null) ?? ''
  }
  const shown = rows.filter(
    (r) => !filter.assignment || !filter.status || statuses[r.id]?.[filter.assignment] === filter.status,
  )
  const sorted = [...shown].sort((a, b) => {
    const x = valueOf(a, sort.key)
    const y = valueOf(b, sort.key)
    return (x < y ? -1 : x > y ? 1 : 0) * sort.dir
  })
  const headings = [...COLUMNS, ...assignments.map((a) => ({ key: a.id, label: a.title }))]
  return (
    <div className="flex flex-col gap-3">
      {assignments.length > 0 && (
        <div role="group" aria-label="Filter students" className="flex flex-wrap items-end gap-3 text-sm">
          <Select
            label="Assignment"
            value={filter.assignment}
            choices={[
              { value: '', label: 'All students' },
              ...assignments.map((a) => ({ value: a.id, label: a.title })),
            ]}
            onChoose={(assignment) => setFilter({ ...filter, assignment })}
            stacked
          />
          <Select<Status | ''>
            label="Status"
            value={filter.status}
            disabled={!filter.assignment}
            choices={[{ value: '', label: 'Any' }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))]}
            onChoose={(status) => setFilter({ ...filter, status })}
            stacked
          />
          <span className="pb-1 text-stone-600" aria-live="polite">
            {shown.length} of {rows.length} students
          </span>
        </div>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Students and their work; select a column heading to sort</caption>
          <thead>
            <tr className="border-b border-stone-200">
              {headings.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
                  className="py-2 pr-3 align-bottom font-medium"
                >
                  <button
                    type="button"
                    className="text-left hover:underline"
                    onClick={() =>
                      setSort({
                        key: c.key,
                        dir: sort.key === c.key ? (-sort.dir as 1 | -1) : c.key === 'name' ? 1 : -1,
                      })
                    }
                  >
                    <bdi>{c.label}</bdi>
                    {sort.key === c.key && <span aria-hidden>{sort.dir === 1 ? ' ▲' : ' ▼'}</span>}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id} className="border-b border-stone-100">
                <th scope="row" className="py-2 pr-3 font-medium">
                  {r.name}
                  <span className="block text-xs font-normal text-stone-500">
                    {firstSourceId && (
                      <Link
                        href={`/groups/${groupId}/sources/${firstSourceId}?author=${r.id}`}
                        className="text-indigo-700 underline"
                      >
                        highlights
                      </Link>
                    )}
                    {' · '}
                    <Link href={`/groups/${groupId}/maps?owner=${r.id}`} className="text-indigo-700 underline">
                      maps
                    </Link>
                  </span>
                </th>
                <td className="pr-3">{r.claims}</td>
                <td className="pr-3">{r.evidence}</td>
                <td className="pr-3">{r.bias}</td>
                <td className="pr-3">{r.maps}</td>
                <td className="pr-3">{r.submitted}</td>
                <td className="pr-3 text-xs text-stone-600">
                  {r.lastActivity
                    ? new Date(r.lastActivity).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })
                    : '—'}
                </td>
                {assignments.map((a) => (
                  <td key={a.id} className="pr-3">
                    {statuses[r.id]?.[a.id] && <StatusBadge status={statuses[r.id]![a.id]!} />}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
