// Above the essay: the student's assignments that list it, with how far along they are.
import Link from 'next/link'
import { describeRequirement } from '@/lib/assignments/progress'
import type { TodoItem } from '@/lib/assignments/queries'
import { formatInZone } from '@/lib/assignments/time-zone'
import { StatusBadge } from './status-badge'

export function ReaderProgress({ items }: { items: TodoItem[] }) {
  if (items.length === 0) return null
  return (
    <section
      aria-label="Assignment progress"
      className="flex flex-col gap-1 rounded-md border border-indigo-100 bg-indigo-50/60 px-3 py-2 text-sm"
    >
      {items.map(({ assignment: a, timeZone, progress }) => (
        <p key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Link
            href={`/groups/${a.groupId}#assignment-${a.id}`}
            className="font-medium text-indigo-900 hover:underline"
          >
            <bdi>{a.title}</bdi>
          </Link>
          <span className="text-stone-600">due {formatInZone(a.dueAt, timeZone)}</span>
          {progress.requirements.map((r) => (
            <span key={r.kind} className={r.met ? 'text-emerald-800' : 'text-stone-800'}>
              <span aria-hidden>{r.met ? '✓ ' : '○ '}</span>
              {describeRequirement(r)}
            </span>
          ))}
          <StatusBadge status={progress.status} />
        </p>
      ))}
    </section>
  )
}
