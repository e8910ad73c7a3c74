import Link from 'next/link'
import { TodoList } from '@/components/assignments/todo-list'
import { CreateGroupForm } from '@/components/groups/create-group-form'
import { ImportArchiveForm } from '@/components/groups/import-archive-form'
import { JoinGroupForm } from '@/components/groups/join-group-form'
import { Card } from '@/components/ui/card'
import { currentTodo } from '@/lib/assignments/queries'
import { requirePageUser } from '@/lib/auth/session'
import { listMyGroups } from '@/lib/groups/queries'

export const metadata = { title: 'My groups · Colloquy' }

const ROLE_LABEL = { INSTRUCTOR: 'Instructor', STUDENT: 'Student' } as const

export default async function DashboardPage() {
  const user = await requirePageUser('/dashboard')
  const [groups, todo] = await Promise.all([listMyGroups(user.id), currentTodo(user)])
  const current = groups.filter((group) => group.archivedAt === null)
  const archived = groups.filter((group) => group.archivedAt !== null)
  return (
    <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 lg:grid-cols-[2fr_1fr]">
      <div className="flex flex-col gap-8">
        {todo.length > 0 && (
          <section aria-labelledby="to-do" className="rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
            <h2 id="to-do" className="text-lg font-semibold">
              To do
            </h2>
            <TodoList items={todo} showGroup />
          </section>
        )}
        <section aria-labelledby="my-groups">
          <h1 id="my-groups" className="mb-4 text-2xl font-semibold">
            My groups
          </h1>
          {groups.length === 0 ? (
            <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-600">
              You are not in a seminar group yet. Join one with the code your instructor gave you, or create your own.
            </p>
          ) : current.length === 0 ? (
            <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-600">
              All your groups are archived. Join a new one with a code, or create one for the next term.
            </p>
          ) : (
            <GroupList groups={current} label="Current groups" />
          )}
          {archived.length > 0 && (
            <section aria-labelledby="archived-groups" className="mt-8">
              <h2 id="archived-groups" className="mb-3 text-lg font-semibold text-stone-700">
                Archived groups
              </h2>
              <p className="mb-3 text-sm text-stone-600">
                Read-only: open them to read and export what the seminar made.
              </p>
              <GroupList groups={archived} label="Archived groups" />
            </section>
          )}
        </section>
      </div>
      <div className="flex flex-col gap-6">
        <Card title="Join a group">
          <JoinGroupForm />
        </Card>
        <Card title="Create a group">
          <CreateGroupForm />
        </Card>
        <Card title="Import a seminar">
          <ImportArchiveForm />
        </Card>
      </div>
    </div>
  )
}

function GroupList({ groups, label }: { groups: Awaited<ReturnType<typeof listMyGroups>>; label: string }) {
  return (
    <ul aria-label={label} className="flex flex-col gap-3">
      {groups.map((group) => (
        <li key={group.id}>
          <Link
            href={`/groups/${group.id}`}
            className={`block rounded-lg border p-4 shadow-sm hover:border-indigo-300 ${group.archivedAt ? 'border-stone-200 bg-stone-50' : 'border-stone-200 bg-white'}`}
          >
            <div className="flex items-center justify-between gap-3">
              <span className="font-semibold text-stone-900">{group.name}</span>
              <span className="flex gap-1.5">
                {group.archivedAt && (
                  <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">Archived</span>
                )}
                <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-700">
                  {ROLE_LABEL[group.role]}
                </span>
              </span>
            </div>
            {group.description && <p className="mt-1 text-sm text-stone-600">{group.description}</p>}
            <p className="mt-2 text-xs text-stone-500">
              {group.sourceCount} source{group.sourceCount === 1 ? '' : 's'} · {group.memberCount} member
              {group.memberCount === 1 ? '' : 's'}
            </p>
          </Link>
        </li>
      ))}
    </ul>
  )
}
