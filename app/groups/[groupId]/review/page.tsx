import Link from 'next/link'
import { RubricEditor } from '@/components/review/rubric-editor'
import { can } from '@/lib/permissions'
import { StudentTable } from '@/components/review/student-table'
import { Card } from '@/components/ui/card'
import { STATUS_LABEL, type Status } from '@/lib/assignments/progress'
import { assignmentColumns } from '@/lib/assignments/queries'
import { formatInZone } from '@/lib/assignments/time-zone'
import { db } from '@/lib/db'
import { openPage, type PageProps } from '@/lib/page-errors'
import { rubricOf } from '@/lib/review/feedback'
import { mostCitedPassages, reviewDashboard } from '@/lib/review/queries'
import { paragraphCitation } from '@/lib/sources/blocks'
import { TAGS } from '@/lib/tags'
import { Breadcrumb } from '@/components/ui/breadcrumb'

export const metadata = { title: 'Review · Colloquy' }

const STATUSES: Status[] = ['done', 'late', 'missing', 'open']

export default async function ReviewPage({ params, searchParams }: PageProps<{ groupId: string }>) {
  const { groupId } = await params
  const query = await searchParams
  const [user, dashboard] = await openPage(`/groups/${groupId}/review`, (user) => reviewDashboard(user, groupId))
  const [rubric, cited, firstSource, work] = await Promise.all([
    rubricOf(dashboard.group.id),
    mostCitedPassages(user, dashboard.group.id),
    db.source.findFirst({
      where: { groupId: dashboard.group.id },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
    }),
    assignmentColumns(user, dashboard.group.id),
  ])
  const statuses = Object.fromEntries(
    dashboard.rows.map((r) => [
      r.id,
      Object.fromEntries(work.assignments.map((a) => [a.id, work.progress(a.id, r.id).status])),
    ]),
  )
  // Links from the group page open the table filtered: ?assignment=…&status=missing.
  const wanted =
    typeof query.assignment === 'string' && work.assignments.some((a) => a.id === query.assignment)
      ? query.assignment
      : ''
  const wantedStatus = wanted && STATUSES.includes(query.status as Status) ? (query.status as Status) : ''
  const mapLabel = (m: (typeof dashboard.maps)[number]) =>
    `${m.title} — ${m.kind === 'GROUP' ? 'group map' : (m.owner?.name ?? 'personal')}${m.status === 'SUBMITTED' ? ' (submitted)' : ''}`

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10">
      <Breadcrumb trail={[{ href: `/groups/${dashboard.group.id}`, label: dashboard.group.name }]} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Review</h1>
        <a
          href={`/api/groups/${dashboard.group.id}/maps/export`}
          download
          className="text-sm text-indigo-700 underline"
        >
          Download every submitted map (PDFs, zipped)
        </a>
      </div>
      {work.assignments.length > 0 && (
        <Card title="Assignments">
          <ul aria-label="Assignments to review" className="flex flex-col divide-y divide-stone-100 text-sm">
            {work.assignments.map((a) => {
              const tally = Object.fromEntries(
                STATUSES.map((s) => [s, dashboard.rows.filter((r) => statuses[r.id]![a.id] === s).length]),
              )
              return (
                <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">
                      <bdi>{a.title}</bdi>
                    </span>
                    <span className="text-stone-600"> · due {formatInZone(a.dueAt, work.timeZone)}</span>
                    <span className="block text-xs text-stone-600">
                      {STATUSES.map((s) => `${STATUS_LABEL[s]}: ${tally[s]}`).join(' · ')}
                    </span>
                  </span>
                  <a href={`/api/assignments/${a.id}/gradebook`} download className="text-indigo-700 underline">
                    Download gradebook (CSV)
                  </a>
                </li>
              )
            })}
          </ul>
        </Card>
      )}
      <Card title="Students">
        {dashboard.rows.length === 0 ? (
          <p className="text-sm text-stone-600">
            No students yet. Share the join code or invite link on the group page.
          </p>
        ) : (
          <StudentTable
            groupId={dashboard.group.id}
            rows={dashboard.rows}
            firstSourceId={firstSource?.id ?? null}
            assignments={work.assignments.map((a) => ({ id: a.id, title: a.title }))}
            statuses={statuses}
            initialFilter={{ assignment: wanted, status: wantedStatus }}
          />
        )}
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Compare two maps">
          <form
            action={`/groups/${dashboard.group.id}/review/compare`}
            method="get"
            className="flex flex-col gap-2 text-sm"
          >
            {(['a', 'b'] as const).map((side) => (
              <label key={side} className="flex flex-col gap-1">
                {side === 'a' ? 'First map' : 'Second map'}
                <select name={side} required className="rounded border border-stone-300 bg-white px-2 py-1">
                  {dashboard.maps.map((m) => (
                    <option key={m.id} value={m.id}>
                      {mapLabel(m)}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <button type="submit" className="self-start rounded bg-indigo-700 px-3 py-1.5 text-white">
              Compare
            </button>
          </form>
        </Card>
        {can(dashboard.standing, 'rubric:edit', { archived: dashboard.archived }) && (
          <Card title="Rubric for scoring maps">
            <RubricEditor groupId={dashboard.group.id} initial={rubric} />
          </Card>
        )}
      </div>
      <Card title="Most cited passages">
        {cited.length === 0 ? (
          <p className="text-sm text-stone-600">
            No map cites a passage yet. Passages appear here once students add their highlights to their maps.
          </p>
        ) : (
          <div className="flex flex-col gap-4">
            {cited.map((essay) => (
              <section key={essay.title} aria-label={essay.title}>
                <h3 className="font-serif font-semibold">{essay.title}</h3>
                <ol className="mt-1 flex flex-col gap-1 text-sm">
                  {essay.items.map(({ passage, maps }) => (
                    <li key={passage.highlightId} className="flex gap-2">
                      <span className="w-16 shrink-0 text-xs text-stone-500">
                        {maps} map{maps === 1 ? '' : 's'}
                      </span>
                      <span aria-hidden style={{ color: TAGS[passage.tag].stroke }}>
                        {TAGS[passage.tag].icon}
                      </span>
                      <Link
                        href={`/groups/${dashboard.group.id}/sources/${passage.sourceId}?highlight=${passage.highlightId}`}
                        className="font-serif hover:underline"
                      >
                        {/* Isolated, so a right-to-left quote cannot pull the paragraph number into it. */}“
                        <bdi>{passage.exact.slice(0, 160)}</bdi>”
                        {paragraphCitation(passage) && (
                          <span className="text-xs text-stone-500"> {paragraphCitation(passage)}</span>
                        )}
                      </Link>
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </div>
        )}
      </Card>
    </div>
  )
}
