'use client'
// Paste a source or upload its file, see what the importer will keep, restore any block it took
// for page junk.
import { useRouter } from 'next/navigation'
import { useMemo, useRef, useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field, TextArea } from '@/components/ui/field'
import { useAction } from '@/components/ui/use-action'
import { createSourceAction } from '@/lib/sources/actions'
import { importText } from '@/lib/sources/importer'
import { MAX_SOURCE_CHARS, SOURCE_TOO_LONG_MESSAGE } from '@/lib/sources/limits'
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL, TOO_LARGE_MESSAGE, UPLOAD_ACCEPT } from '@/lib/sources/upload'

type Upload = { state: 'idle' } | { state: 'reading'; name: string } | { state: 'done'; name: string } | { state: 'failed'; error: string }

/** Asks the server for the text of a file; nothing is stored until the form is submitted. */
async function extractFromFile(groupId: string, file: File): Promise<{ text: string; title: string | null }> {
  if (file.size > MAX_UPLOAD_BYTES) throw new Error(TOO_LARGE_MESSAGE)
  const body = new FormData()
  body.append('file', file)
  const response = await fetch(`/api/groups/${encodeURIComponent(groupId)}/sources/extract`, { method: 'POST', body }).catch(() => {
    throw new Error('The file could not be sent. Check your connection and try again.')
  })
  const result = await response.json().catch(() => null)
  if (!response.ok || typeof result?.text !== 'string') {
    throw new Error(typeof result?.error === 'string' ? result.error : 'The file could not be read. Try again, or paste the text instead.')
  }
  return { text: result.text, title: typeof result.title === 'string' ? result.title : null }
}

export function NewSourceForm({ groupId }: { groupId: string }) {
  const router = useRouter()
  const { run, refuse, pending, failure, fieldError } = useAction(createSourceAction)
  const [text, setText] = useState('')
  const [restore, setRestore] = useState<Set<number>>(new Set())
  const [upload, setUpload] = useState<Upload>({ state: 'idle' })
  // A title the uploaded file states; it wins over the importer's guess until the text is edited.
  const [fileTitle, setFileTitle] = useState<string>()
  const titleInput = useRef<HTMLInputElement>(null)
  const preview = useMemo(() => importText(text), [text])
  const suggestedTitle = fileTitle ?? preview.title
  const flagged = preview.blocks.flatMap((block, position) => (block.junkReason ? [{ ...block, position }] : []))
  const keptCount = preview.blocks.length - flagged.length + flagged.filter((b) => restore.has(b.position)).length

  return (
    <form
      noValidate
      className="flex flex-col gap-5"
      onSubmit={(event) => {
        event.preventDefault()
        // Checked here too: a text far over the limit would be refused unread by the server.
        if (text.length > MAX_SOURCE_CHARS) return refuse(SOURCE_TOO_LONG_MESSAGE, 'text')
        const values = Object.fromEntries(new FormData(event.currentTarget))
        run({ ...values, groupId, text, restore: [...restore] }, (source) => router.push(`/groups/${groupId}/sources/${source.id}`))
      }}
    >
      {failure && <Alert>{failure.error}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          ref={titleInput}
          label="Title"
          name="title"
          required
          maxLength={300}
          defaultValue={suggestedTitle}
          key={suggestedTitle}
          error={fieldError('title')}
        />
        <Field label="Author (optional)" name="author" maxLength={200} defaultValue={preview.author} key={preview.author} error={fieldError('author')} />
        <Field label="Year (optional)" name="year" inputMode="numeric" error={fieldError('year')} />
        <Field label="Web address (optional)" name="url" type="url" error={fieldError('url')} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="source-file" className="text-sm font-medium text-stone-800">
          Upload a file (.txt, .md, .html, .docx, .pdf)
        </label>
        <input
          id="source-file"
          type="file"
          accept={UPLOAD_ACCEPT}
          disabled={upload.state === 'reading'}
          aria-describedby={upload.state === 'failed' ? 'source-file-hint source-file-error' : 'source-file-hint'}
          aria-invalid={upload.state === 'failed' ? true : undefined}
          className="text-sm file:mr-3 file:rounded-md file:border-0 file:bg-stone-100 file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-stone-200"
          onChange={async (event) => {
            const input = event.currentTarget
            const file = input.files?.[0]
            if (!file) return
            // Kept only when the person typed it; a title the form suggested gives way to the file's.
            const typedTitle = titleInput.current?.value.trim() !== suggestedTitle ? titleInput.current?.value.trim() : ''
            setUpload({ state: 'reading', name: file.name })
            try {
              const extracted = await extractFromFile(groupId, file)
              setText(extracted.text)
              setRestore(new Set())
              setFileTitle(typedTitle || extracted.title || undefined)
              setUpload({ state: 'done', name: file.name })
            } catch (error) {
              setUpload({ state: 'failed', error: error instanceof Error ? error.message : String(error) })
            } finally {
              // Choosing the same file again reads it again.
              input.value = ''
            }
          }}
        />
        <p id="source-file-hint" role="status" className="text-xs text-stone-500">
          {upload.state === 'reading'
            ? `Reading ${upload.name}…`
            : upload.state === 'done'
              ? `The text of ${upload.name} is in the box below. Check the preview before adding the source.`
              : `At most ${MAX_UPLOAD_LABEL}. Its text is put in the box below for you to check; the file itself is not kept.`}
        </p>
        {upload.state === 'failed' && (
          <p id="source-file-error" role="alert" className="text-sm text-red-700">
            {upload.error}
          </p>
        )}
      </div>
      <TextArea
        label="Text"
        name="text"
        rows={12}
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setRestore(new Set())
          setFileTitle(undefined)
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
      <Button type="submit" disabled={pending || upload.state === 'reading'} className="self-start">
        {pending ? 'Adding…' : 'Add source'}
      </Button>
    </form>
  )
}
