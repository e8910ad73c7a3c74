'use client'
// Paste a source, see what the importer will keep, restore any block it took for page junk.
import { useRouter } from 'next/navigation'
import { useMemo, useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field, TextArea } from '@/components/ui/field'
import { useAction } from '@/components/ui/use-action'
import { createSourceAction } from '@/lib/sources/actions'
import { importText } from '@/lib/sources/importer'

export function NewSourceForm({ groupId }: { groupId: string }) {
  const router = useRouter()
  const { run, pending, failure, fieldError } = useAction(createSourceAction)
  const [text, setText] = useState('')
  const [restore, setRestore] = useState<Set<number>>(new Set())
  const preview = useMemo(() => importText(text), [text])
  const flagged = preview.blocks.flatMap((block, position) => (block.junkReason ? [{ ...block, position }] : []))
  const keptCount = preview.blocks.length - flagged.length + flagged.filter((b) => restore.has(b.position)).length

  return (
    <form
      noValidate
      className="flex flex-col gap-5"
      onSubmit={(event) => {
        event.preventDefault()
        const values = Object.fromEntries(new FormData(event.currentTarget))
        run({ ...values, groupId, text, restore: [...restore] }, (source) => router.push(`/groups/${groupId}/sources/${source.id}`))
      }}
    >
      {failure && <Alert>{failure.error}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Title" name="title" required maxLength={300} defaultValue={preview.title} key={preview.title} error={fieldError('title')} />
        <Field label="Author (optional)" name="author" maxLength={200} defaultValue={preview.author} key={preview.author} error={fieldError('author')} />
        <Field label="Year (optional)" name="year" inputMode="numeric" error={fieldError('year')} />
        <Field label="Web address (optional)" name="url" type="url" error={fieldError('url')} />
      </div>
      <TextArea
        label="Text"
        name="text"
        rows={12}
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setRestore(new Set())
        }}
        placeholder="Paste the essay here. Page clutter such as adverts and buttons is detected and listed below."
        error={fieldError('text')}
      />
      {text.trim() && (
        <section aria-labelledby="import-preview" className="rounded-lg border border-stone-200 bg-stone-50 p-4">
          <h2 id="import-preview" className="font-semibold">
            Import preview
          </h2>
          <p className="text-sm text-stone-600">
            {keptCount} blocks kept · {flagged.length - restore.size} taken for page junk
          </p>
          {flagged.length > 0 && (
            <ul className="mt-3 flex max-h-72 flex-col gap-2 overflow-auto" aria-label="Blocks taken for page junk">
              {flagged.map((block) => (
                <li key={block.position} className="rounded border border-stone-200 bg-white p-2 text-sm">
                  <label className="flex items-start gap-2">
                    <input
                      type="checkbox"
                      checked={restore.has(block.position)}
                      onChange={(event) => {
                        const next = new Set(restore)
                        if (event.target.checked) next.add(block.position)
                        else next.delete(block.position)
                        setRestore(next)
                      }}
                    />
                    <span>
                      <span className="block whitespace-pre-line text-stone-800">{block.text}</span>
                      <span className="text-xs text-stone-500">{block.junkReason} · tick to keep</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Adding…' : 'Add source'}
      </Button>
    </form>
  )
}
