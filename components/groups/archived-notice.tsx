// The label every page of an archived group carries: what it means, and since when.
export function ArchivedNotice({
  archivedAt,
  className = '',
}: {
  archivedAt: Date | string | null
  className?: string
}) {
  if (!archivedAt) return null
  const date = new Date(archivedAt).toLocaleDateString('en', { dateStyle: 'long', timeZone: 'UTC' })
  return (
    <p
      role="note"
      className={`flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ${className}`}
    >
      <span className="rounded-full bg-amber-200 px-2 py-0.5 text-xs font-semibold tracking-wide uppercase">
        Archived
      </span>
      This group was archived on {date}. It is read-only: everything can be read and exported, nothing can be added or
      changed.
    </p>
  )
}
