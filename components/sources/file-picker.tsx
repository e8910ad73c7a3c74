'use client'
// Choosing a file to import: the server reads it (nothing is stored until the form is sent) and
// hands back its blocks and details. The control says which file was read, never "No file chosen"
// after a successful upload, and lets the person go back to pasting.
import { useId } from 'react'
import type { ImportResult } from '@/lib/sources/import/draft'
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL, TOO_LARGE_MESSAGE, UPLOAD_ACCEPT } from '@/lib/sources/upload'

export type Upload =
  | { state: 'idle' }
  | { state: 'reading'; name: string }
  | { state: 'done'; name: string; result: ImportResult }
  | { state: 'failed'; name: string; error: string }

/** Asks the server to read a file; nothing is stored until the form is submitted. */
async function importFromFile(groupId: string, file: File): Promise<ImportResult> {
  if (file.size > MAX_UPLOAD_BYTES) throw new Error(TOO_LARGE_MESSAGE)
  const body = new FormData()
  body.append('file', file)
  const response = await fetch(`/api/groups/${encodeURIComponent(groupId)}/sources/extract`, {
    method: 'POST',
    body,
  }).catch(() => {
    throw new Error('The file could not be sent. Check your connection and try again.')
  })
  const result = await response.json().catch(() => null)
  if (!response.ok || !Array.isArray(result?.blocks)) {
    throw new Error(
      typeof result?.error === 'string'
        ? result.error
        : 'The file could not be read. Try again, or paste the text instead.',
    )
  }
  return result as ImportResult
}

interface FilePickerProps {
  groupId: string
  upload: Upload
  onUpload: (upload: Upload) => void
  onDiscard: () => void
}

export function FilePicker({ groupId, upload, onUpload, onDiscard }: FilePickerProps) {
  const id = useId()
  const status =
    upload.state === 'reading'
      ? `Reading ${upload.name}…`
      : upload.state === 'done'
        ? `Imported ${upload.name}: check the preview below before adding the source. The file itself is not kept.`
        : `A .txt, .md, .html, .docx or .pdf file of at most ${MAX_UPLOAD_LABEL}. Its text is shown below for you to check; the file itself is not kept.`
  return (
    <div className="flex flex-col gap-1">
      <span id={`${id}-label`} className="text-sm font-medium text-stone-800">
        Import a file
      </span>
      <div className="flex flex-wrap items-center gap-3">
        <input
          id={`${id}-input`}
          type="file"
          accept={UPLOAD_ACCEPT}
          className="peer sr-only"
          disabled={upload.state === 'reading'}
          aria-labelledby={`${id}-label ${id}-button`}
          aria-describedby={upload.state === 'failed' ? `${id}-status ${id}-error` : `${id}-status`}
          aria-invalid={upload.state === 'failed' ? true : undefined}
          onChange={async (event) => {
            const input = event.currentTarget
            const file = input.files?.[0]
            if (!file) return
            onUpload({ state: 'reading', name: file.name })
            try {
              onUpload({ state: 'done', name: file.name, result: await importFromFile(groupId, file) })
            } catch (error) {
              onUpload({
                state: 'failed',
                name: file.name,
                error: error instanceof Error ? error.message : String(error),
              })
            } finally {
              // Choosing the same file again reads it again.
              input.value = ''
            }
          }}
        />
        <label
          id={`${id}-button`}
          htmlFor={`${id}-input`}
          className="cursor-pointer rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium shadow-sm hover:bg-stone-50 peer-focus-visible:outline-2 peer-focus-visible:outline-indigo-500 peer-disabled:cursor-wait peer-disabled:opacity-60"
        >
          {upload.state === 'done' ? 'Choose another file…' : 'Choose a file…'}
        </label>
        {upload.state === 'done' && (
          <>
            <span className="text-sm font-medium text-stone-800" data-testid="imported-file">
              {upload.name}
            </span>
            <button
              type="button"
              onClick={onDiscard}
              className="text-sm text-indigo-700 underline hover:text-indigo-900"
            >
              Paste text instead
            </button>
          </>
        )}
      </div>
      <p id={`${id}-status`} role="status" className="text-xs text-stone-500">
        {status}
      </p>
      {upload.state === 'failed' && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {upload.name}: {upload.error}
        </p>
      )}
    </div>
  )
}
