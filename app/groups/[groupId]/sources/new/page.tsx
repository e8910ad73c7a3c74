import { NewSourceForm } from '@/components/sources/new-source-form'
import { Alert } from '@/components/ui/alert'
import { authorizeInGroup } from '@/lib/groups/access'
import { openPage } from '@/lib/page-errors'
import { can, GROUP_ARCHIVED } from '@/lib/permissions'
import { Breadcrumb } from '@/components/ui/breadcrumb'

export const metadata = { title: 'Add a source · Colloquy' }

export default async function NewSourcePage({ params }: { params: Promise<{ groupId: string }> }) {
  const { groupId } = await params
  const [, { group, standing, archived }] = await openPage(`/groups/${groupId}/sources/new`, (user) =>
    authorizeInGroup(user, groupId, 'group:read'),
  )

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-10">
      <Breadcrumb trail={[{ href: `/groups/${group.id}`, label: group.name }]} />
      <h1 className="text-2xl font-semibold">Add a source</h1>
      {can(standing, 'source:create', { archived }) ? (
        <NewSourceForm groupId={group.id} />
      ) : (
        <Alert>{archived ? GROUP_ARCHIVED : 'Only the group’s instructors can add sources.'}</Alert>
      )}
    </div>
  )
}
