import Link from 'next/link'
import { Suspense } from 'react'
import { GroupAssignments, GroupTimeZoneSetting } from '@/components/assignments/group-assignments'
import { ArchiveGroupButton } from '@/components/groups/archive-group-button'
import { ArchivedNotice } from '@/components/groups/archived-notice'
import { DeleteGroupForm } from '@/components/groups/delete-group-form'
import { InvitePanel } from '@/components/groups/invite-panel'
import { LeaveGroupButton } from '@/components/groups/leave-group-button'
import { ReadFirstToggle } from '@/components/groups/read-first-toggle'
import { RemoveMemberButton } from '@/components/groups/remove-member-button'
import { SearchBox } from '@/components/search/search-box'
import { ButtonLink } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { LoadingLines } from '@/components/ui/loading-lines'
import { appOrigin } from '@/lib/app-url'
import { groupAssignments } from '@/lib/assignments/queries'
import { getGroupOverview } from '@/lib/groups/queries'
import { openPage } from '@/lib/page-errors'

const ROLE_LABEL = { INSTRUCTOR: 'Instructor', STUDENT: 'Student' } as const

export default async function GroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const { groupId } = await params
  const path = `/groups/${groupId}`
  const [user, overview] = await openPage(path, (user) => getGroupOverview(user, groupId))
  const { group, members, sources, invite, may, role } = overview
  // Read while the page streams, and awaited inside Suspense boundaries: the access check above
  // has already decided the status (a loading.tsx here would stream before it, and turn an
  // outsider's 404 into a 200).
  const work = groupAssignments(user, group.id)

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-8 px-4 py-10">
      <header>
        <p className="text-sm text-stone-500">{role && ROLE_LABEL[role]} in</p>
        <h1 className="text-3xl font-semibold">{group.name}</h1>
        {group.description && <p className="mt-2 max-w-3xl text-stone-700">{group.description}</p>}
        <ArchivedNotice archivedAt={group.archivedAt} className="mt-4 max-w-3xl" />
        <nav aria-label="Group" className="mt-4 flex flex-wrap gap-3 text-sm">
          <ButtonLink href={`${path}/maps`} variant="secondary">
            Argument maps
          </ButtonLink>
          {may.review && (
            <ButtonLink href={`${path}/review`} variant="secondary">
              Review
            </ButtonLink>
          )}
          {may.downloadArchive && (
            // A download, not a page: Link would prefetch it.
            <ButtonLink href={`/api/groups/${group.id}/archive`} prefetch={false} download variant="secondary">
              Download seminar archive
            </ButtonLink>
          )}
        </nav>
        <SearchBox groupId={group.id} className="mt-4 max-w-2xl" />
      </header>
      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <div className="flex flex-col gap-8">
          <Card title="Assignments">
            <Suspense fallback={<LoadingLines label="Loading assignments" />}>
              <GroupAssignments work={work} sources={sources} archived={group.archivedAt !== null} />
            </Suspense>
          </Card>
          <Card
            title="Sources"
            actions={may.addSource && <ButtonLink href={`${path}/sources/new`}>Add source</ButtonLink>}
          >
            {sources.length === 0 ? (
              <p className="text-stone-600">
                {may.addSource ? (
                  <>
                    No sources yet.{' '}
                    <Link href={`${path}/sources/new`} className="text-indigo-700 underline">
                      Add the first essay
                    </Link>
                    : paste its text, or bring a web page, PDF or Word file.
                  </>
                ) : (
                  'No sources yet. Your instructor adds the essays; they appear here as soon as they do.'
                )}
              </p>
            ) : (
              <ol className="divide-y divide-stone-100">
                {sources.map((source) => (
                  <li key={source.id} className="py-3">
                    <Link
                      href={`${path}/sources/${source.id}`}
                      className="font-serif text-lg font-medium text-indigo-800 hover:underline"
                    >
                      {source.title}
                    </Link>
                    <p className="text-sm text-stone-500">
                      {[source.author, source.year].filter(Boolean).join(', ') || 'Author unknown'} ·{' '}
                      {source.highlightCount} highlight
                      {source.highlightCount === 1 ? '' : 's'}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
        <div className="flex flex-col gap-8">
          {may.changeSettings && (
            <Card title="Settings">
              <div className="flex flex-col gap-4">
                <ReadFirstToggle groupId={group.id} readFirst={group.readFirst} />
                <Suspense fallback={<LoadingLines label="Loading the time zone" lines={1} />}>
                  <GroupTimeZoneSetting work={work} />
                </Suspense>
              </div>
            </Card>
          )}
          {invite && (
            <Card title="Invite students">
              <InvitePanel
                groupId={group.id}
                joinCode={invite.joinCode}
                expiresAt={invite.joinCodeExpiresAt.toISOString()}
                origin={await appOrigin()}
              />
            </Card>
          )}
          <Card title={`Members (${members.length})`}>
            <ul aria-label="Members" className="flex flex-col divide-y divide-stone-100">
              {members.map((member) => (
                <li key={member.user.id} className="flex items-center justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">{member.user.name}</span>
                    {member.user.id === user.id && <span className="text-stone-500"> (you)</span>}
                    <span className="ml-2 rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-700">
                      {ROLE_LABEL[member.role]}
                    </span>
                  </span>
                  {may.removeMember && member.user.id !== user.id && (
                    <RemoveMemberButton groupId={group.id} userId={member.user.id} name={member.user.name} />
                  )}
                </li>
              ))}
            </ul>
          </Card>
          {/* The last instructor cannot leave (the server says why); they may delete the group instead. */}
          <Card title="Leave this group">
            <LeaveGroupButton groupId={group.id} groupName={group.name} />
          </Card>
          {may.setArchived && (
            <Card title={group.archivedAt ? 'Unarchive this group' : 'Archive this group'}>
              <ArchiveGroupButton groupId={group.id} groupName={group.name} archived={group.archivedAt !== null} />
            </Card>
          )}
          {may.delete && (
            <Card title="Delete this group">
              <DeleteGroupForm groupId={group.id} groupName={group.name} />
            </Card>
          )}
        </div>
      </div>
    </div>
  )
}
