// The group page's assignments, drawn once they are read: the page streams them in after its
// access check, so a slow class tally never holds up the rest of the page (or its 404).
import { AssignmentAdmin } from '@/components/assignments/assignment-admin'
import { AssignmentForm } from '@/components/assignments/assignment-form'
import { TodoList } from '@/components/assignments/todo-list'
import { TimeZoneSetting } from '@/components/groups/time-zone-setting'
import type { groupAssignments } from '@/lib/assignments/queries'
import { instantToZoned, timeZoneNames } from '@/lib/assignments/time-zone'

type GroupWork = Awaited<ReturnType<typeof groupAssignments>>

/** A new assignment opens this hour and is due a week later at 17:00, on the group's clocks. */
function defaultDates(timeZone: string) {
  const now = new Date()
  return {
    opensAt: `${instantToZoned(now, timeZone).slice(0, 13)}:00`,
    dueAt: `${instantToZoned(new Date(now.getTime() + 7 * 86_400_000), timeZone).slice(0, 10)}T17:00`,
  }
}

export async function GroupAssignments({
  work: reading,
  sources,
  archived,
}: {
  work: Promise<GroupWork>
  sources: { id: string; title: string }[]
  archived: boolean
}) {
  const work = await reading
  if (!work.manage) {
    return work.todo.length === 0 ? (
      <p className="text-sm text-stone-600">
        Nothing to do yet. Your instructor’s assignments appear here when they open, with their due dates.
      </p>
    ) : (
      <TodoList items={work.todo} drafts={work.drafts} />
    )
  }
  return (
    <div className="flex flex-col gap-4">
      {work.assignments.length === 0 ? (
        <p className="text-sm text-stone-600">
          {archived
            ? 'No assignments.'
            : 'No assignments yet. Say what to read by when, how many passages to tag and whether to hand in a map; students see it in their to-do list.'}
        </p>
      ) : (
        <AssignmentAdmin
          groupId={work.group.id}
          timeZone={work.timeZone}
          sources={sources}
          assignments={work.assignments}
          tallies={work.tallies}
        />
      )}
      {!archived && (
        <details
          className="rounded border border-stone-200 p-3"
          open={work.assignments.length === 0 && sources.length > 0}
        >
          <summary className="cursor-pointer text-sm font-medium text-indigo-800">New assignment</summary>
          <div className="mt-3">
            <AssignmentForm
              groupId={work.group.id}
              timeZone={work.timeZone}
              sources={sources}
              defaults={defaultDates(work.timeZone)}
            />
          </div>
        </details>
      )}
    </div>
  )
}

/** The group's time zone setting, which is read with the assignments. */
export async function GroupTimeZoneSetting({ work }: { work: Promise<GroupWork> }) {
  const { group, timeZone } = await work
  return <TimeZoneSetting groupId={group.id} timeZone={timeZone} zones={timeZoneNames()} />
}
