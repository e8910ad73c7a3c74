'use client'
// One highlight in full: quote, tag, visibility, note, anchor status and its reply thread.
import dynamic from 'next/dynamic'
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Select } from '@/components/ui/select'
import { useAction } from '@/components/ui/use-action'
import {
  confirmAnchorAction,
  createReplyAction,
  deleteHighlightAction,
  deleteReplyAction,
  updateHighlightAction,
  updateReplyAction,
} from '@/lib/annotations/actions'
import { isEmptyNote } from '@/lib/annotations/note-text'
import type { HighlightView, ReplyView } from '@/lib/annotations/views'
import { TAG_NAMES, TAGS } from '@/lib/tags'
import { AnchorBadge, TagBadge } from './legend'
import { NoteView } from './note-view'

// The editor (Tiptap and ProseMirror) is most of the reader's script: it loads when a highlight
// is opened, not with the essay.
const NoteEditor = dynamic(() => import('./note-editor').then((m) => m.NoteEditor), {
  ssr: false,
  loading: () => <p className="text-xs text-stone-500">Loading the editor…</p>,
})

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })

function Reply({ reply, onChanged }: { reply: ReplyView; onChanged: () => void }) {
  const [editing, setEditing] = useState(false)
  const update = useAction(updateReplyAction)
  const remove = useAction(deleteReplyAction)
  return (
    <li className="rounded-md bg-stone-50 p-2">
      <p className="mb-1 text-xs text-stone-500">
        <span className="font-medium text-stone-800">{reply.author.name}</span> · {when(reply.createdAt)}
        {reply.updatedAt !== reply.createdAt && ' (edited)'}
      </p>
      {(update.failure || remove.failure) && <Alert>{(update.failure ?? remove.failure)!.error}</Alert>}
      {editing ? (
        <NoteEditor
          label="Edit reply"
          initial={reply.body}
          submitLabel="Save reply"
          pending={update.pending}
          autoFocus
          onCancel={() => setEditing(false)}
          onSubmit={(body) => update.run({ replyId: reply.id, body }, () => (setEditing(false), onChanged()))}
        />
      ) : (
        <NoteView doc={reply.body} />
      )}
      {!editing && (reply.canEdit || reply.canDelete) && (
        <div className="mt-1 flex gap-2 text-xs">
          {reply.canEdit && (
            <button type="button" className="text-indigo-700 hover:underline" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {reply.canDelete && (
            <button
              type="button"
              className="text-red-700 hover:underline"
              onClick={() => window.confirm('Delete this reply?') && remove.run({ replyId: reply.id }, onChanged)}
            >
              Delete
            </button>
          )}
        </div>
      )}
    </li>
  )
}

interface DetailProps {
  groupId: string
  highlight: HighlightView
  /** Replies are open (not in an archived group). */
  canReply: boolean
  onChanged: () => void
  onDeleted: () => void
  onReselect: () => void
  reselecting: boolean
}

export function HighlightDetail({
  groupId,
  highlight,
  canReply,
  onChanged,
  onDeleted,
  onReselect,
  reselecting,
}: DetailProps) {
  const [editingNote, setEditingNote] = useState(false)
  const update = useAction(updateHighlightAction)
  const remove = useAction(deleteHighlightAction)
  const confirm = useAction(confirmAnchorAction)
  const reply = useAction(createReplyAction)
  const [replyKey, setReplyKey] = useState(0)
  const failure = update.failure ?? remove.failure ?? confirm.failure ?? reply.failure

  return (
    <article aria-label={`${TAGS[highlight.tag].label} by ${highlight.author.name}`} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <TagBadge tag={highlight.tag} />
        <AnchorBadge status={highlight.anchorStatus} />
        {highlight.visibility === 'PRIVATE' && <span className="text-xs text-stone-500">🔒 Private</span>}
      </div>
      <blockquote
        dir="auto"
        className={`border-l-4 pl-3 font-serif text-sm ${highlight.anchorStatus === 'ORPHANED' ? 'border-stone-400 text-stone-500 line-through decoration-stone-300' : 'border-indigo-300'}`}
      >
        {highlight.exact}
      </blockquote>
      <p className="text-xs text-stone-500">
        <bdi>{highlight.author.name}</bdi>
        {highlight.author.role === 'INSTRUCTOR' && ' (instructor)'} · {when(highlight.createdAt)}
      </p>
      {failure && <Alert>{failure.error}</Alert>}

      {highlight.maps.length > 0 && (
        <p className="text-xs text-stone-600">
          Cited in{' '}
          {highlight.maps.map((map, i) => (
            <span key={map.id}>
              {i > 0 && ', '}
              <a href={`/groups/${groupId}/maps/${map.id}`} className="text-indigo-700 underline">
                {map.title}
              </a>
            </span>
          ))}
        </p>
      )}

      {highlight.anchorStatus !== 'EXACT' && highlight.canConfirm && (
        <div className="rounded-md border border-orange-200 bg-orange-50 p-2 text-xs text-orange-950">
          {highlight.anchorStatus === 'MOVED'
            ? 'The text was edited and this highlight was placed on the closest match. Check it is still the right passage.'
            : 'The text was edited and this passage could not be found. Select its new place, or delete it.'}
          <div className="mt-2 flex flex-wrap gap-2">
            {highlight.anchorStatus === 'MOVED' && (
              <button
                type="button"
                className="rounded bg-white px-2 py-1 ring-1 ring-orange-300"
                onClick={() => confirm.run({ highlightId: highlight.id }, onChanged)}
              >
                Confirm position
              </button>
            )}
            <button
              type="button"
              aria-pressed={reselecting}
              className="rounded bg-white px-2 py-1 ring-1 ring-orange-300"
              onClick={onReselect}
            >
              {reselecting ? 'Now select the passage in the text…' : 'Re-select passage'}
            </button>
          </div>
        </div>
      )}

      {highlight.canEdit && (
        <div className="flex flex-wrap items-center gap-3 text-xs">
          <Select
            label="Tag"
            value={highlight.tag}
            choices={TAG_NAMES.map((tag) => ({ value: tag, label: TAGS[tag].label }))}
            onChoose={(tag) => update.run({ highlightId: highlight.id, tag }, onChanged)}
            compact
          />
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={highlight.visibility === 'PRIVATE'}
              onChange={(event) =>
                update.run(
                  { highlightId: highlight.id, visibility: event.target.checked ? 'PRIVATE' : 'GROUP' },
                  onChanged,
                )
              }
            />
            Private (only you and instructors)
          </label>
        </div>
      )}

      <section aria-label="Note">
        {editingNote ? (
          <NoteEditor
            label="Note"
            initial={highlight.note}
            submitLabel="Save note"
            pending={update.pending}
            autoFocus
            onCancel={() => setEditingNote(false)}
            onSubmit={(note) =>
              update.run(
                { highlightId: highlight.id, note: isEmptyNote(note) ? null : note },
                () => (setEditingNote(false), onChanged()),
              )
            }
          />
        ) : highlight.note ? (
          <NoteView doc={highlight.note} />
        ) : (
          highlight.canEdit && <p className="text-xs text-stone-500">No note yet.</p>
        )}
        {highlight.canEdit && !editingNote && (
          <button
            type="button"
            className="mt-1 text-xs font-medium text-indigo-700 hover:underline"
            onClick={() => setEditingNote(true)}
          >
            {highlight.note ? 'Edit note' : 'Add a note'}
          </button>
        )}
      </section>

      <section aria-label="Replies" className="flex flex-col gap-2 border-t border-stone-100 pt-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-stone-500">
          Replies ({highlight.replies.length})
        </h3>
        {highlight.replies.length > 0 && (
          <ul className="flex flex-col gap-2">
            {highlight.replies.map((r) => (
              <Reply key={r.id} reply={r} onChanged={onChanged} />
            ))}
          </ul>
        )}
        {canReply && (
          <NoteEditor
            key={replyKey}
            label="Write a reply"
            submitLabel="Reply"
            pending={reply.pending}
            onSubmit={(body) =>
              reply.run({ highlightId: highlight.id, body }, () => (setReplyKey((k) => k + 1), onChanged()))
            }
          />
        )}
      </section>

      {highlight.canDelete && (
        <button
          type="button"
          className="self-start text-xs text-red-700 hover:underline"
          onClick={() =>
            window.confirm('Delete this highlight and its replies?') &&
            remove.run({ highlightId: highlight.id }, onDeleted)
          }
        >
          Delete highlight
        </button>
      )}
    </article>
  )
}
