'use client'
// The group's rubric: criteria and their points, used to score maps.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { useAction } from '@/components/ui/use-action'
import { setRubricAction } from '@/lib/review/actions'
import type { Criterion } from '@/lib/review/schema'

export function RubricEditor({ groupId, initial }: { groupId: string; initial: Criterion[] }) {
  const router = useRouter()
  const [criteria, setCriteria] = useState(initial)
  const { run, pending, failure } = useAction(setRubricAction)
  const [saved, setSaved] = useState(false)
  const update = (i: number, change: Partial<Criterion>) =>
    setCriteria(criteria.map((c, j) => (j === i ? { ...c, ...change } : c)))
  return (
    <div className="flex flex-col gap-2 text-sm">
      {failure && <Alert>{failure.error}</Alert>}
      {saved && !failure && <Alert tone="success">Rubric saved.</Alert>}
      <ul className="flex flex-col gap-2">
        {criteria.map((c, i) => (
          <li key={i} className="flex items-center gap-2">
            <input
              aria-label={`Criterion ${i + 1} name`}
              value={c.name}
              onChange={(e) => update(i, { name: e.target.value })}
              className="min-w-0 flex-1 rounded border border-stone-300 px-2 py-1"
            />
            <input
              aria-label={`Criterion ${i + 1} points`}
              type="number"
              min={1}
              max={100}
              value={c.points}
              onChange={(e) => update(i, { points: Number(e.target.value) })}
              className="w-16 rounded border border-stone-300 px-2 py-1"
            />
            <button
              type="button"
              aria-label={`Remove criterion ${i + 1}`}
              onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}
              className="text-red-700"
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      <div className="flex gap-2">
        <button
          type="button"
          className="rounded px-2 py-1 text-indigo-700 ring-1 ring-indigo-200"
          onClick={() => setCriteria([...criteria, { name: '', points: 5 }])}
        >
          Add criterion
        </button>
        <button
          type="button"
          disabled={pending}
          className="rounded bg-indigo-700 px-3 py-1 text-white disabled:bg-indigo-300"
          onClick={() => run({ groupId, criteria }, () => (setSaved(true), router.refresh()))}
        >
          {pending ? 'Saving…' : 'Save rubric'}
        </button>
      </div>
    </div>
  )
}
