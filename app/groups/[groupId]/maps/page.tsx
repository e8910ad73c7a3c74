import Link from 'next/link'
import { ArchivedNotice } from '@/components/groups/archived-notice'
import { CreateMapForm } from '@/components/map/create-map-form'
import { ImportBackup } from '@/components/map/import-backup'
import { MapRowActions } from '@/components/map/map-row-actions'
import { Card } from '@/components/ui/card'
import { listGroupMaps } from '@/lib/maps/queries'
import { openPage, type PageProps } from '@/lib/page-errors'
import { can } from '@/lib/permissions'
import { Breadcrumb } from '@/components/ui/breadcrumb'

export const metadata = { title: 'Argument maps · Colloquy' }

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })

export default async function MapsPage({ params, searchParams }: PageProps<{ groupId: string }>) {
  const { groupId } = await params
  const { owner } = await searchParams
  const [, { group, maps, standing, archived }] = await openPage(`/groups/${groupId}/maps`, (user) =>
    listGroupMaps(user, groupId),
  )
  // An empty section says what to do next, to whoever is reading it.
  const sections = [
    {
      title: 'Group maps',
      items: maps.filter((m) => m.kind === 'GROUP'),
      empty:
        standing === 'instructor'
          ? 'No group map yet. Start one under “New map”: the whole group builds it together from the passages they highlight.'
          : 'No group map yet. Your instructor starts one; until then, build your own under “New map”.',
    },
    {
      title: standing === 'instructor' ? 'Personal maps' : 'My maps',
      items: maps.filter((m) => m.kind === 'PERSONAL' && (typeof owner !== 'string' || m.owner?.id === owner)),
      empty:
        standing === 'instructor'
          ? 'No student has started a map yet. Their maps appear here as they work, and submitted ones wait for your feedback.'
          : 'No map of yours yet. Start one under “New map”, then add the passages you highlighted in the reader as its nodes.',
    },
  ]
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10">
      <Breadcrumb trail={[{ href: `/groups/${group.id}`, label: group.name }]} />
      <h1 className="text-2xl font-semibold">Argument maps</h1>
      <ArchivedNotice archivedAt={group.archivedAt} />
      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <div className="flex flex-col gap-6">
          {sections.map((section) => (
            <Card key={section.title} title={section.title}>
              {section.items.length === 0 ? (
                <p className="text-sm text-stone-600">{section.empty}</p>
              ) : (
                <ul className="divide-y divide-stone-100">
                  {section.items.map((m) => (
                    <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                      <div>
                        <Link
                          href={`/groups/${group.id}/maps/${m.id}`}
                          className="font-medium text-indigo-800 hover:underline"
                        >
                          {m.title}
                        </Link>
                        {m.status === 'SUBMITTED' && (
                          <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-900">
                            Submitted
                          </span>
                        )}
                        {m.newFeedback && (
                          <span className="ml-2 rounded-full bg-fuchsia-700 px-2 py-0.5 text-xs font-medium text-white">
                            New feedback
                          </span>
                        )}
                        <p className="text-xs text-stone-500">
                          {m.kind === 'PERSONAL' && m.owner && !m.mine && `${m.owner.name} · `}
                          {m.nodeCount} nodes · {m.relationCount} relations ·{' '}
                          {m.lastEdit
                            ? `last edited by ${m.lastEdit.by}, ${when(m.lastEdit.at)}`
                            : `created ${when(m.updatedAt)}`}
                        </p>
                      </div>
                      <MapRowActions groupId={group.id} map={m} />
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          ))}
        </div>
        {can(standing, 'map:create', { archived }) && (
          <Card title="New map">
            <CreateMapForm groupId={group.id} canCreateGroupMap={can(standing, 'groupMap:create', { archived })} />
            <ImportBackup groupId={group.id} />
          </Card>
        )}
      </div>
    </div>
  )
}
