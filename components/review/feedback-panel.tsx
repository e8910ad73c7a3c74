'use client'
// Feedback on a map: instructors write it (whole map, or pinned to a node or relation, with an
// optional rubric score); the map's owner reads it, with new items marked until seen.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useMapView } from '@/components/map/map-view-context'
import { Alert } from '@/components/ui/alert'
import { useAction } from '@/components/ui/use-action'
import {
  addFeedbackAction,
  deleteFeedbackAction,
  listFeedbackAction,
  markFeedbackSeenAction,
} from '@/lib/review/actions'
import type { Criterion } from '@/lib/review/schema'
import { RELATION_STYLES } from '@/lib/tags'

type Item = Extract<Awaited<ReturnType<typeof listFeedbackAction>>, { ok: true }>['data'][number]

interface FeedbackPanelProps {
  mapId: string
  canWrite: boolean
  isOwner: boolean
  rubric: Criterion[]
}

const short = (text: string, max: number) => text.slice(0, max) || 'Untitled note'

/** What feedback can be pinned to: the nodes and relations the editor shows now. */
function usePinTargets() {
  const view = useMapView()
  return useMemo(() => {
    if (!view) return { nodes: [], relations: [] }
    const labels = new Map(view.nodes.map((n) => [n.id, n.label]))
    const quoted = (id: string) => `“${short(labels.get(id) ?? '…', 30)}”`
    return {
      nodes: view.nodes.map((n) => ({ id: n.id, label: short(n.label, 60) })),
      relations: view.relations.map((r) => ({
        id: r.id,
        label: `${quoted(r.fromId)} ${RELATION_STYLES[r.kind].word} ${quoted(r.toId)}`,
      })),
    }
  }, [view])
}

export function FeedbackPanel({ mapId, canWrite, isOwner, rubric }: FeedbackPanelProps) {
  const targets = usePinTargets()
  const [items, setItems] = useState<Item[]>([])
  const [body, setBody] = useState('')
  const [pin, setPin] = useState('')
  const [scores, setScores] = useState<string[]>(rubric.map(() => ''))
  const add = useAction(addFeedbackAction)
  const remove = useAction(deleteFeedbackAction)
  const [loadError, setLoadError] = useState<string | null>(null)

  const load = useCallback(async () => {
    const result = await listFeedbackAction({ mapId })
    if (result.ok) setItems(result.data)
    else setLoadError(result.error)
  }, [mapId])

  useEffect(() => {
    // Loading feedback from the server on open, and marking it seen once it has been shown.
    void (async () => {
      await load()
      if (isOwner) await markFeedbackSeenAction({ mapId })
    })()
  }, [load, isOwner, mapId])

  const newCount = items.filter((i) => i.isNew).length
  const submit = () => {
    const [kind, id] = pin.split(':')
    const scored = scores.some((s) => s !== '')
    add.run(
      {
        mapId,
        body,
        nodeId: kind === 'node' ? id : null,
        relationId: kind === 'relation' ? id : null,
        scores: scored ? scores.map((s) => Number(s || 0)) : null,
      },
      () => {
        setBody('')
        setScores(rubric.map(() => ''))
        void load()
      },
    )
  }

  return (
    <section aria-labelledby="feedback-heading" className="flex flex-col gap-2">
      <h2 id="feedback-heading" className="text-sm font-semibold">
        Feedback ({items.length})
        {newCount > 0 && (
          <span className="ml-2 rounded-full bg-fuchsia-700 px-2 py-0.5 text-[10px] font-medium text-white">
            {newCount} new
          </span>
        )}
      </h2>
      {loadError && <Alert>{loadError}</Alert>}
      {items.length === 0 && <p className="text-xs text-stone-500">No feedback yet.</p>}
      <ul className="flex flex-col gap-1.5">
        {items.map((f) => (
          <li
            key={f.id}
            className={`rounded border p-2 text-xs ${f.isNew ? 'border-fuchsia-300 bg-fuchsia-50' : 'border-stone-200 bg-white'}`}
          >
            <p className="text-stone-500">
              {f.author} · {new Date(f.createdAt).toLocaleDateString('en-GB', { dateStyle: 'medium' })}
              {f.node && <> · on “{f.node.label}”</>}
              {f.relation && <> · on a {f.relation.kind.toLowerCase()} relation</>}
            </p>
            <p className="whitespace-pre-line text-stone-800">{f.body}</p>
            {f.score !== null && (
              <p className="mt-1 font-medium">
                Score: {f.score}
                {f.rubricScores && ` / ${f.rubricScores.reduce((n, c) => n + c.max, 0)}`}
                {f.rubricScores && (
                  <span className="block font-normal text-stone-600">
                    {f.rubricScores.map((c) => `${c.name}: ${c.points}/${c.max}`).join(' · ')}
                  </span>
                )}
              </p>
            )}
            {canWrite && (
              <button
                type="button"
                className="mt-1 text-red-700 hover:underline"
                onClick={() =>
                  window.confirm('Delete this feedback?') && remove.run({ feedbackId: f.id }, () => void load())
                }
              >
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
      {canWrite && (
        <div className="flex flex-col gap-1.5 border-t border-stone-200 pt-2 text-xs">
          {(add.failure || remove.failure) && <Alert>{(add.failure ?? remove.failure)!.error}</Alert>}
          <label className="flex flex-col gap-1">
            Comment
            <textarea
              value={body}
              onChange={(e) => setBody(e.target.value)}
              rows={3}
              maxLength={5000}
              className="rounded border border-stone-300 p-1"
            />
          </label>
          <label className="flex flex-col gap-1">
            Pin to
            <select
              value={pin}
              onChange={(e) => setPin(e.target.value)}
              className="rounded border border-stone-300 bg-white p-1"
            >
              <option value="">The whole map</option>
              {targets.nodes.map((n) => (
                <option key={n.id} value={`node:${n.id}`}>
                  Node: {n.label}
                </option>
              ))}
              {targets.relations.map((r) => (
                <option key={r.id} value={`relation:${r.id}`}>
                  Relation: {r.label}
                </option>
              ))}
            </select>
          </label>
          {rubric.length > 0 && (
            <fieldset className="flex flex-col gap-1">
              <legend className="mb-1">Score (optional)</legend>
              {rubric.map((c, i) => (
                <label key={c.name} className="flex items-center gap-2">
                  <input
                    type="number"
                    min={0}
                    max={c.points}
                    value={scores[i]}
                    onChange={(e) => setScores(scores.map((s, j) => (j === i ? e.target.value : s)))}
                    className="w-14 rounded border border-stone-300 p-0.5"
                  />
                  <span>
                    {c.name} (of {c.points})
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          <button
            type="button"
            disabled={add.pending}
            onClick={submit}
            className="self-start rounded bg-indigo-700 px-3 py-1 text-white disabled:bg-indigo-300"
          >
            {add.pending ? 'Sending…' : 'Send feedback'}
          </button>
        </div>
      )}
    </section>
  )
}
