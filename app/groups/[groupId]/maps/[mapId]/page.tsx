import Link from 'next/link'
import { notFound } from 'next/navigation'
import { ArchivedNotice } from '@/components/groups/archived-notice'
import { MapEditor } from '@/components/map/map-editor'
import { ExportMenu } from '@/components/map/export-menu'
import { ImportBackup } from '@/components/map/import-backup'
import { FeedbackPanel } from '@/components/review/feedback-panel'
import { can } from '@/lib/permissions'
import { rubricOf } from '@/lib/review/feedback'
import { packMapState } from '@/lib/maps/packed-state'
import { getMapForEditor } from '@/lib/maps/queries'
import { knownRoutesOf } from '@/lib/maps/route-cache'
import { openPage, type PageProps } from '@/lib/page-errors'

export default async function MapPage({ params, searchParams }: PageProps<{ groupId: string; mapId: string }>) {
  const { groupId, mapId } = await params
  const { node } = await searchParams
  // Every passage the user may cite, which includes those the map's nodes cite.
  const [user, editor] = await openPage(`/groups/${groupId}/maps/${mapId}`, (user) =>
    getMapForEditor(user, mapId, 'citable'),
  )
  if (editor.map.groupId !== groupId) notFound()
  const { map, group, state, cited: passages, editable, ownerName, standing, isOwner, archived } = editor
  const rubric = await rubricOf(group.id)
  const routes = knownRoutesOf(state, user.id)

  return (
    <div className="mx-auto max-w-[100rem] px-4 py-4">
      <header className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <Link href={`/groups/${group.id}/maps`} className="text-sm text-indigo-700 hover:underline">
          {group.name} · Maps
        </Link>
        <h1 className="text-xl font-semibold">{map.title}</h1>
        <span className="text-sm text-stone-500">
          {map.kind === 'GROUP'
            ? 'Group map — everyone in the group edits it'
            : `Personal map of ${ownerName ?? 'a former member'}`}
          {map.status === 'SUBMITTED' && ' · Submitted for review (read-only)'}
          {!editable && map.status !== 'SUBMITTED' && !archived && ' · Read-only for you'}
        </span>
        <ExportMenu mapId={map.id} />
        {can(standing, 'map:create', { archived }) && <ImportBackup groupId={group.id} />}
        <ArchivedNotice archivedAt={group.archivedAt} className="w-full" />
      </header>
      <MapEditor
        groupId={group.id}
        viewerId={user.id}
        mapId={map.id}
        initial={{ state: packMapState(state), seq: map.seq, routes }}
        passages={passages}
        editable={editable}
        focusId={typeof node === 'string' ? node : undefined}
        sidebar={
          <FeedbackPanel
            mapId={map.id}
            canWrite={can(standing, 'feedback:create', { archived })}
            isOwner={isOwner}
            rubric={rubric}
          />
        }
      />
    </div>
  )
}
