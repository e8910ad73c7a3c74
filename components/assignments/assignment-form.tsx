'use client'
// An instructor's form for a new assignment, or for editing one: what to read, the minimums, the
// map, the dates (on the group's clocks) and whether late work counts.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field, TextArea } from '@/components/ui/field'
import { useAction } from '@/components/ui/use-action'
import { createAssignmentAction, updateAssignmentAction } from '@/lib/assignments/actions'
import { TAGS } from '@/lib/tags'

export interface AssignmentDraft {
  title: string
  instructions: string
  sourceIds: string[]
  minClaims: number
  minEvidence: number
  minBias: number
  requireMap: boolean
  opensAt: string
  dueAt: string
  allowLate: boolean
}

interface Props {
  groupId: string
  timeZone: string
  sources: { id: string; title: string }[]
  /** Editing this assignment; a new one otherwise. */
  editing?: { id: string; draft: AssignmentDraft }
  defaults: { opensAt: string; dueAt: string }
  onDone?: () => void
}

const MINIMUMS = [
  { key: 'minClaims', tag: 'CLAIM', label: 'Claims' },
  { key: 'minEvidence', tag: 'EVIDENCE', label: 'Evidence' },
  { key: 'minBias', tag: 'BIAS', label: 'Bias' },
] as const

const DATES = [
  { key: 'opensAt', id: 'opens', label: 'Opens' },
  { key: 'dueAt', id: 'due', label: 'Due' },
] as const

export function AssignmentForm({ groupId, timeZone, sources, editing, defaults, onDone }: Props) {
  const router = useRouter()
  const create = useAction(createAssignmentAction)
  const update = useAction(updateAssignmentAction)
  const { pending, failure } = editing ? update : create
  const fieldError = (name: string) => failure?.fieldErrors[name]
  const initial: AssignmentDraft = editing?.draft ?? {
    title: '',
    instructions: '',
    sourceIds: [],
    minClaims: 0,
    minEvidence: 0,
    minBias: 0,
    requireMap: false,
    ...defaults,
    allowLate: true,
  }
  const [draft, setDraft] = useState(initial)
  const set = (change: Partial<AssignmentDraft>) => setDraft({ ...draft, ...change })
  const prefix = editing ? `edit-${editing.id}` : 'new-assignment'
  const submit = () => {
    const done = () => {
      if (!editing) setDraft(initial)
      router.refresh()
      onDone?.()
    }
    if (editing) update.run({ assignmentId: editing.id, ...draft }, done)
    else create.run({ groupId, ...draft }, done)
  }
  return (
    <form
      noValidate
      aria-label={editing ? `Edit ${editing.draft.title}` : 'New assignment'}
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      {failure && <Alert>{failure.error}</Alert>}
      <Field
        id={`${prefix}-title`}
        label="Title"
        name="title"
        value={draft.title}
        maxLength={200}
        onChange={(e) => set({ title: e.target.value })}
        placeholder="e.g. Week 3: the bases debate"
        error={fieldError('title')}
      />
      <TextArea
        id={`${prefix}-instructions`}
        label="Instructions (optional)"
        name="instructions"
        rows={3}
        value={draft.instructions}
        onChange={(e) => set({ instructions: e.target.value })}
        error={fieldError('instructions')}
      />
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="mb-1 font-medium text-stone-800">Sources to read</legend>
        {sources.length === 0 && <p className="text-stone-600">Add a source to the group first.</p>}
        {sources.map((source) => (
          <label key={source.id} className="flex items-start gap-2">
            <input
              type="checkbox"
              className="mt-1"
              checked={draft.sourceIds.includes(source.id)}
              onChange={(e) =>
                set({
                  sourceIds: e.target.checked
                    ? [...draft.sourceIds, source.id]
                    : draft.sourceIds.filter((id) => id !== source.id),
                })
              }
            />
            <span className="font-serif">
              <bdi>{source.title}</bdi>
            </span>
          </label>
        ))}
        {fieldError('sourceIds') && <p className="text-red-700">{fieldError('sourceIds')}</p>}
      </fieldset>
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="mb-1 font-medium text-stone-800">At least, on those sources (0 for none)</legend>
        <div className="flex flex-wrap gap-3">
          {MINIMUMS.map(({ key, tag, label }) => (
            <label key={key} className="flex items-center gap-1">
              <span aria-hidden style={{ color: TAGS[tag].stroke }}>
                {TAGS[tag].icon}
              </span>
              {label}
              <input
                type="number"
                min={0}
                max={200}
                value={draft[key]}
                onChange={(e) => set({ [key]: e.target.valueAsNumber || 0 })}
                className="w-16 rounded border border-stone-300 px-2 py-1"
              />
            </label>
          ))}
        </div>
        <label className="mt-1 flex items-center gap-2">
          <input type="checkbox" checked={draft.requireMap} onChange={(e) => set({ requireMap: e.target.checked })} />
          Submit a personal map
        </label>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        {DATES.map(({ key, id, label }) => (
          <Field
            key={key}
            id={`${prefix}-${id}`}
            label={label}
            name={key}
            type="datetime-local"
            value={draft[key]}
            onChange={(e) => set({ [key]: e.target.value })}
            error={fieldError(key)}
          />
        ))}
      </div>
      <p className="text-xs text-stone-500">Times are on the group’s clocks: {timeZone}.</p>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={draft.allowLate} onChange={(e) => set({ allowLate: e.target.checked })} />
        Accept late work (marked late)
      </label>
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Saving…' : editing ? 'Save assignment' : 'Create assignment'}
      </Button>
    </form>
  )
}
