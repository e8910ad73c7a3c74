'use client'
// Paste a source or upload its file, check the preview (what readers will see, and what was set
// aside and why), move any block between the two, and add the source. The details the document
// states (title, author, year, address) fill the fields until the person types their own.
import { useRouter } from 'next/navigation'
import { useDeferredValue, useMemo, useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { TextArea } from '@/components/ui/field'
import { useAction } from '@/components/ui/use-action'
import { createSourceAction } from '@/lib/sources/actions'
import { canonicalTextOf, withChoices, type ImportedMetadata, type ImportResult } from '@/lib/sources/import/draft'
import { importText } from '@/lib/sources/importer'
import { MAX_SOURCE_CHARS, SOURCE_TOO_LONG_MESSAGE } from '@/lib/sources/limits'
import { DETAILS, DetailsFields, type Details } from './details-fields'
import { FilePicker, type Upload } from './file-picker'
import { ImportPreview } from './import-preview'

const detailsOf = (metadata: ImportedMetadata): Details => ({
  title: metadata.title ?? '',
  author: metadata.author ?? '',
  year: metadata.year ? String(metadata.year) : '',
  url: metadata.url ?? '',
})

export function NewSourceForm({ groupId }: { groupId: string }) {
  const router = useRouter()
  const { run, refuse, pending, failure, fieldError } = useAction(createSourceAction)
  const [text, setText] = useState('')
  const [upload, setUpload] = useState<Upload>({ state: 'idle' })
  const [toggled, setToggled] = useState<Set<number>>(new Set())
  const [typed, setTyped] = useState<Partial<Details>>({})
  // The importer runs on a deferred copy of the text, so typing never waits for it.
  const deferredText = useDeferredValue(text)
  const pasted = useMemo(() => importText(deferredText), [deferredText])
  const file = upload.state === 'done' ? upload.result : undefined
  const preview: ImportResult = file ?? pasted
  const suggested = detailsOf(preview.metadata)
  const details = Object.fromEntries(DETAILS.map((key) => [key, typed[key] ?? suggested[key]])) as Details

  const toggle = (position: number) => {
    const next = new Set(toggled)
    if (next.has(position)) next.delete(position)
    else next.add(position)
    setToggled(next)
  }

  return (
    <form
      noValidate
      className="flex flex-col gap-5"
      onSubmit={(event) => {
        event.preventDefault()
        const restore = [...toggled].filter((position) => preview.blocks[position]?.junkReason)
        const drop = [...toggled].filter((position) => preview.blocks[position] && !preview.blocks[position].junkReason)
        // Checked here too: a text far over the limit would be refused unread by the server.
        if (
          file
            ? canonicalTextOf(withChoices(file.blocks, restore, drop)).length > MAX_SOURCE_CHARS
            : text.length > MAX_SOURCE_CHARS
        ) {
          return refuse(SOURCE_TOO_LONG_MESSAGE, file ? undefined : 'text')
        }
        const content = file ? { blocks: file.blocks } : { text }
        run({ ...details, groupId, ...content, restore, drop }, (source) =>
          router.push(`/groups/${groupId}/sources/${source.id}`),
        )
      }}
    >
      {failure && <Alert>{failure.error}</Alert>}
      <DetailsFields
        values={details}
        onChange={(name, value) => setTyped({ ...typed, [name]: value })}
        fieldError={fieldError}
        hints={{ author: 'Several authors: separate them with “;”.' }}
      />
      <FilePicker
        groupId={groupId}
        upload={upload}
        onUpload={(next) => {
          setUpload(next)
          // The file's details replace the ones suggested before; what the person typed stays.
          if (next.state === 'done') setToggled(new Set())
        }}
        onDiscard={() => {
          setUpload({ state: 'idle' })
          setToggled(new Set())
        }}
      />
      {!file && (
        <TextArea
          label="Text"
          name="text"
          rows={12}
          value={text}
          onChange={(event) => {
            setText(event.target.value)
            setToggled(new Set())
          }}
          placeholder="Paste the essay here. Page clutter such as menus, adverts and page numbers is detected and set aside, where you can keep it."
          error={fieldError('text')}
        />
      )}
      {(file || deferredText.trim()) && <ImportPreview blocks={preview.blocks} toggled={toggled} onToggle={toggle} />}
      <Button type="submit" disabled={pending || upload.state === 'reading'} className="self-start">
        {pending ? 'Adding…' : 'Add source'}
      </Button>
    </form>
  )
}
