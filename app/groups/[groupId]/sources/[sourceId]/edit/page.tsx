import { EditSourceForm } from '@/components/sources/edit-source-form'
import { Alert } from '@/components/ui/alert'
import { Forbidden } from '@/lib/errors'
import { openPage } from '@/lib/page-errors'
import { getSourceForEditing } from '@/lib/sources/editing/queries'
import { Breadcrumb } from '@/components/ui/breadcrumb'

export const metadata = { title: 'Edit source · Colloquy' }

export default async function EditSourcePage({ params }: { params: Promise<{ groupId: string; sourceId: string }> }) {
  const { groupId, sourceId } = await params
  const readerPath = `/groups/${groupId}/sources/${sourceId}`
  const path = `${readerPath}/edit`
  // A student may read the source but not edit it: a sentence, not an error page.
  const [, loaded] = await openPage(path, (user) =>
    getSourceForEditing(user, groupId, sourceId).catch((error: unknown) =>
      error instanceof Forbidden ? null : Promise.reject(error),
    ),
  )

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-10">
      <Breadcrumb
        trail={[
          ...(loaded ? [{ href: `/groups/${loaded.group.id}`, label: loaded.group.name }] : []),
          { href: readerPath, label: loaded?.source.title ?? 'Back to the source' },
        ]}
      />
      <h1 className="text-2xl font-semibold">Edit source</h1>
      {loaded ? <EditSourceForm source={loaded.source} /> : <Alert>Only instructors can edit sources.</Alert>}
    </div>
  )
}
