import Link from 'next/link'
import { ReaderProgress } from '@/components/assignments/reader-progress'
import { ArchivedNotice } from '@/components/groups/archived-notice'
import { Reader } from '@/components/reader/reader'
import { TagLegend } from '@/components/reader/legend'
import { SearchBox } from '@/components/search/search-box'
import { packHighlights } from '@/lib/annotations/packed-highlights'
import { listSourceHighlights } from '@/lib/annotations/queries'
import { readerAssignments } from '@/lib/assignments/queries'
import { db } from '@/lib/db'
import { openPage, type PageProps } from '@/lib/page-errors'
import { can } from '@/lib/permissions'
import { eventPosition } from '@/lib/realtime/position'
import { getSourceForReader } from '@/lib/sources/queries'
import { Breadcrumb } from '@/components/ui/breadcrumb'

export default async function SourcePage({ params, searchParams }: PageProps<{ groupId: string; sourceId: string }>) {
  const { groupId, sourceId } = await params
  const { highlight, author } = await searchParams
  const path = `/groups/${groupId}/sources/${sourceId}`
  const [user, { group, source, blocks, standing, archived }] = await openPage(path, (user) =>
    getSourceForReader(user, groupId, sourceId),
  )
  // Read before the highlights: the live stream replays from here, so nothing falls in between.
  const liveSince = await eventPosition(group.id)
  const [initial, studentCount, assignments] = await Promise.all([
    listSourceHighlights(user, source.id),
    db.membership.count({ where: { groupId: group.id, role: 'STUDENT' } }),
    readerAssignments(user, group.id, source.id),
  ])
  const paragraphs = blocks.filter((block) => block.number !== null).length
  const exportLink = (format: string, label: string) => (
    <a href={`/api/sources/${source.id}/export?format=${format}`} className="text-indigo-700 underline" download>
      {label}
    </a>
  )

  return (
    <div className="mx-auto max-w-7xl px-4 py-8">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <Breadcrumb trail={[{ href: `/groups/${group.id}`, label: group.name }]} />
        <SearchBox groupId={group.id} className="w-full max-w-md" />
      </div>
      <header className="mb-6 flex flex-col gap-3 border-b border-stone-200 pb-5">
        <h1 className="max-w-4xl font-serif text-3xl font-semibold leading-tight">{source.title}</h1>
        <p className="text-stone-600">
          {[source.author ?? 'Author unknown', source.year].filter(Boolean).join(', ')}
          {source.url && (
            <>
              {' · '}
              <a
                href={source.url}
                rel="noopener noreferrer nofollow"
                target="_blank"
                className="text-indigo-700 underline"
              >
                Original
              </a>
            </>
          )}
          <span className="text-sm text-stone-500"> · {paragraphs} paragraphs</span>
        </p>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <TagLegend canTag={can(standing, 'highlight:create', { archived })} />
          <p className="flex gap-3 text-xs">
            <span className="text-stone-500">Export highlights:</span>
            {exportLink('jsonld', 'Web Annotation (JSON-LD)')}
            {exportLink('csv', 'CSV')}
            {can(standing, 'source:edit', { archived }) && (
              <Link href={`${path}/edit`} className="text-indigo-700 underline">
                Edit source
              </Link>
            )}
          </p>
        </div>
        <ReaderProgress items={assignments} />
        <ArchivedNotice archivedAt={group.archivedAt} />
      </header>
      <Reader
        groupId={group.id}
        sourceId={source.id}
        text={source.text}
        layout={source.layout}
        initial={packHighlights(initial, source.text)}
        liveSince={liveSince}
        viewer={{ id: user.id, isInstructor: can(standing, 'group:classView') }}
        studentCount={studentCount}
        flashId={typeof highlight === 'string' ? highlight : undefined}
        initialAuthor={typeof author === 'string' ? author : undefined}
        showsProgress={assignments.length > 0}
      />
    </div>
  )
}
