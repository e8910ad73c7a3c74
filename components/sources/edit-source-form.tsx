'use client'
// An instructor corrects a source: its details, its text, and blocks the importer set aside.
// Saving the text re-anchors every highlight; the summary says how many stayed in place.
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { TextArea } from '@/components/ui/field'
import { formFields, useAction } from '@/components/ui/use-action'
import type { TextSaved } from '@/lib/sources/editing/mutations'
import {
  editSourceTextAction,
  restoreDroppedBlockAction,
  updateSourceMetadataAction,
} from '@/lib/sources/editing/actions'
import type { getSourceForEditing } from '@/lib/sources/editing/queries'
import { MAX_SOURCE_CHARS, SOURCE_TOO_LONG_MESSAGE } from '@/lib/sources/limits'
import { DETAILS, DetailsFields } from './details-fields'

type EditableSource = Awaited<ReturnType<typeof getSourceForEditing>>['source']

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

function summaryOf(done: string, { exact, moved, orphaned }: TextSaved): string {
  if (exact + moved + orphaned === 0) return `${done} This source has no highlights yet.`
  return (
    `${done} ${plural(exact, 'highlight')} kept in place, ${moved} moved (authors will be asked to confirm), ${orphaned} orphaned` +
    (orphaned > 0 ? ' (their quotes are kept so they can be placed again).' : '.')
  )
}

export function EditSourceForm({ source }: { source: EditableSource }) {
  // Held here so it survives the text section remounting on the new version.
  const [summary, setSummary] = useState<string | null>(null)
  return (
    <div className="flex flex-col gap-10">
      <DetailsForm source={source} />
      <TextForm key={source.version} source={source} summary={summary} onSaved={setSummary} />
    </div>
  )
}

function DetailsForm({ source }: { source: EditableSource }) {
  const { run, pending, failure, fieldError } = useAction(updateSourceMetadataAction)
  const [saved, setSaved] = useState(false)
  return (
    <form
      noValidate
      aria-labelledby="details-heading"
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault()
        setSaved(false)
        run({ ...formFields(event.currentTarget, DETAILS), sourceId: source.id }, () => setSaved(true))
      }}
    >
      <h2 id="details-heading" className="text-lg font-semibold">
        Details
      </h2>
      {failure && <Alert>{failure.error}</Alert>}
      {saved && <Alert tone="success">Details saved.</Alert>}
      <DetailsFields
        values={{
          title: source.title,
          author: source.author ?? '',
          year: source.year === null ? '' : String(source.year),
          url: source.url ?? '',
        }}
        fieldError={fieldError}
      />
      <Button type="submit" variant="secondary" disabled={pending} className="self-start">
        {pending ? 'Saving…' : 'Save details'}
      </Button>
    </form>
  )
}

function TextForm({
  source,
  summary,
  onSaved,
}: {
  source: EditableSource
  summary: string | null
  onSaved: (summary: string) => void
}) {
  const save = useAction(editSourceTextAction)
  const restore = useAction(restoreDroppedBlockAction)
  const [text, setText] = useState(source.text)
  const dirty = text !== source.text
  const pending = save.pending || restore.pending
  const failure = save.failure ?? restore.failure

  return (
    <section aria-labelledby="text-heading" className="flex flex-col gap-4">
      <h2 id="text-heading" className="text-lg font-semibold">
        Text
      </h2>
      {failure && <Alert>{failure.error}</Alert>}
      {summary && !failure && <Alert tone="success">{summary}</Alert>}
      <form
        noValidate
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault()
          // Checked here too: a text far over the limit would be refused unread by the server.
          if (text.length > MAX_SOURCE_CHARS) return save.refuse(SOURCE_TOO_LONG_MESSAGE, 'text')
          save.run({ sourceId: source.id, expectedVersion: source.version, text }, (saved) =>
            onSaved(summaryOf('Saved.', saved)),
          )
        }}
      >
        <p id="text-hint" className="text-sm text-stone-600">
          Separate paragraphs with one blank line. When you save, the {plural(source.highlightCount, 'highlight')} on
          this source are placed again in the new text; any that cannot be kept exactly in place are flagged for their
          authors.
        </p>
        <TextArea
          label="Text"
          name="text"
          rows={24}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={save.fieldError('text') ? 'text-hint field-text-error' : 'text-hint'}
          error={save.fieldError('text')}
          className="font-serif leading-relaxed"
        />
        <div className="flex gap-3">
          <Button type="submit" disabled={pending || !dirty}>
            {save.pending ? 'Saving…' : 'Save text'}
          </Button>
          {dirty && (
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setText(source.text)}>
              Discard changes
            </Button>
          )}
        </div>
      </form>
      {source.droppedBlocks.length > 0 && (
        <section aria-labelledby="dropped-heading" className="rounded-lg border border-stone-200 bg-stone-50 p-4">
          <h3 id="dropped-heading" className="font-semibold">
            Blocks set aside at import
          </h3>
          <p className="text-sm text-stone-600">
            {dirty
              ? 'Save or discard your changes to the text before restoring a block.'
              : 'Restoring a block puts it back where it stood in the pasted text.'}
          </p>
          <ul className="mt-3 flex max-h-96 flex-col gap-2 overflow-auto" aria-label="Blocks set aside at import">
            {source.droppedBlocks.map((block) => (
              <li
                key={block.position}
                className="flex items-start justify-between gap-3 rounded border border-stone-200 bg-white p-2 text-sm"
              >
                <span>
                  <span className="block whitespace-pre-line text-stone-800">{block.text}</span>
                  <span className="text-xs text-stone-500">{block.reason}</span>
                </span>
                <Button
                  type="button"
                  variant="secondary"
                  disabled={pending || dirty}
                  aria-label={`Restore “${block.text.slice(0, 60)}”`}
                  onClick={() =>
                    restore.run(
                      { sourceId: source.id, position: block.position, expectedVersion: source.version },
                      (saved) => onSaved(summaryOf('Block restored.', saved)),
                    )
                  }
                >
                  Restore
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  )
}
