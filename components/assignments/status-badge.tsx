// Done / Done late / Missing / To do, in colour and in words (never colour alone).
import { STATUS_LABEL, type Status } from '@/lib/assignments/progress'

const TONE: Record<Status, string> = {
  done: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
  late: 'bg-amber-100 text-amber-900 ring-amber-300',
  missing: 'bg-red-100 text-red-900 ring-red-300',
  open: 'bg-stone-100 text-stone-800 ring-stone-300',
}

const ICON: Record<Status, string> = { done: '✓', late: '✓', missing: '!', open: '○' }

export function StatusBadge({ status }: { status: Status }) {
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${TONE[status]}`}
    >
      <span aria-hidden>{ICON[status]}</span>
      <span>{STATUS_LABEL[status]}</span>
    </span>
  )
}
