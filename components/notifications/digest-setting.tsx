'use client'
// How often the person is emailed a digest of what they have not read: off, daily or weekly.
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { useAction } from '@/components/ui/use-action'
import { setDigestFrequencyAction } from '@/lib/notifications/actions'

const CHOICES = [
  { value: 'OFF', label: 'Off' },
  { value: 'DAILY', label: 'Daily' },
  { value: 'WEEKLY', label: 'Weekly' },
] as const

type Frequency = (typeof CHOICES)[number]['value']

export function DigestSetting({ initial, email, enabled }: { initial: Frequency; email: string; enabled: boolean }) {
  const [chosen, setChosen] = useState<Frequency>(initial)
  const [kept, setKept] = useState<Frequency>(initial)
  const [saved, setSaved] = useState<Frequency | null>(null)
  const { run, pending, failure } = useAction(setDigestFrequencyAction)
  // The choice shows at once; a refusal puts the setting that is kept back on screen.
  const value = failure && !pending ? kept : chosen
  const choose = (next: Frequency) => {
    setChosen(next)
    setSaved(null)
    run({ digest: next }, (data) => {
      setKept(data.digest)
      setSaved(data.digest)
    })
  }
  return (
    <fieldset id="email-digest" className="flex flex-col gap-2 rounded-lg border border-stone-200 bg-white px-4 py-3">
      <legend className="px-1 text-sm font-semibold">Email digest</legend>
      <p className="text-sm text-stone-600">
        An email to {email} of the notifications you have not read yet, only when there are new ones.
        {!enabled && ' This Colloquy is not set up to send email, so none will be sent for now.'}
      </p>
      <div className="flex flex-wrap gap-4">
        {CHOICES.map((choice) => (
          <label key={choice.value} className="flex items-center gap-1.5 text-sm">
            <input
              type="radio"
              name="digest"
              value={choice.value}
              checked={value === choice.value}
              disabled={pending}
              onChange={() => choose(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </div>
      <p role="status" className="text-xs text-stone-500">
        {saved
          ? saved === 'OFF'
            ? 'Saved: no email digests.'
            : `Saved: a ${saved === 'DAILY' ? 'daily' : 'weekly'} digest.`
          : ''}
      </p>
      {failure && <Alert>{failure.error}</Alert>}
    </fieldset>
  )
}
