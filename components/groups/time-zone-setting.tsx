'use client'
// The instructor's choice of the group's time zone, in which its dates are set and shown.
import { useRouter } from 'next/navigation'
import { InlineAlert } from '@/components/ui/alert'
import { useAction } from '@/components/ui/use-action'
import { setGroupTimeZoneAction } from '@/lib/groups/actions'

export function TimeZoneSetting({ groupId, timeZone, zones }: { groupId: string; timeZone: string; zones: string[] }) {
  const router = useRouter()
  const { run, pending, failure } = useAction(setGroupTimeZoneAction)
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label className="flex flex-col gap-1">
        Time zone
        <select
          value={timeZone}
          disabled={pending}
          onChange={(event) => run({ groupId, timeZone: event.target.value }, () => router.refresh())}
          className="rounded border border-stone-300 bg-white px-2 py-1"
        >
          {(zones.includes(timeZone) ? zones : [timeZone, ...zones]).map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </label>
      <span className="text-xs text-stone-500">Assignment dates are set and shown on these clocks.</span>
      <InlineAlert message={failure?.error} />
    </div>
  )
}
