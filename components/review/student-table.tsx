'use client'
// One row per student, sortable by any column; names link to their highlights and maps.
import Link from 'next/link'
import { useState } from 'react'
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

export function StudentTable({ groupId, rows, firstSourceId }: { groupId: string; rows: StudentRow[]; firstSourceId: string | null }) {
  const [sort, setSort] = useState<{ key: Key; dir: 1 | -1 }>({ key: 'name', dir: 1 })
  const sorted = [...rows].sort((a, b) => {
    const x = a[sort.key] ?? ''
    const y = b[sort.key] ?? ''
    return (x < y ? -1 : x > y ? 1 : 0) * sort.dir
  })
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Students and their work; select a column heading to sort</caption>
      <thead>
        <tr className="border-b border-stone-200">
          {COLUMNS.map((c) => (
            <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'} className="py-2 pr-3 font-medium">
              <button type="button" className="hover:underline" onClick={() => setSort({ key: c.key, dir: sort.key === c.key ? (-sort.dir as 1 | -1) : c.key === 'name' ? 1 : -1 })}>
                {c.label}
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
                  <Link href={`/groups/${groupId}/sources/${firstSourceId}?author=${r.id}`} className="text-indigo-700 underline">
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
            <td className="pr-3 text-xs text-stone-600">{r.lastActivity ? new Date(r.lastActivity).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
