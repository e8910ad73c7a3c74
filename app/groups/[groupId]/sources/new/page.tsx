import { NewSourceForm } from '@/components/sources/new-source-form'
import { Alert } from '@/components/ui/alert'
import { requirePageUser } from '@/lib/auth/session'
import { groupAccess } from '@/lib/groups/access'
import { loadOrRespond } from '@/lib/page-errors'
import { authorize, can, GROUP_ARCHIVED } from '@/lib/permissions'
import { Breadcrumb } from '@/components/ui/breadcrumb'

export const metadata = { title: 'Add a source · Colloquy' }

export default async function NewSourcePage({ params }: { params: Promise<{ groupId: string }> }) {
  const { groupId } = await params
  const path = `/groups/${groupId}/sources/new`
  const user = await requirePageUser(path)
  const { group, standing, archived } = await loadOrRespond(async () => {
    const access = await groupAccess(user, groupId)
    authorize(access.standing, 'group:read')
    return access
  }, path)

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
