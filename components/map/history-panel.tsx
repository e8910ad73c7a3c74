'use client'
// The map's revisions (who, when, what), with a preview of any old one and a restore.
import { useState } from 'react'
import { InlineAlert } from '@/components/ui/alert'
import { mapAtRevisionAction, mapHistoryAction, restoreRevisionAction } from '@/lib/maps/actions'
import type { MapState } from '@/lib/maps/reducer'

const WHAT: Record<string, string> = {
  'node.add': 'added a node',
  'node.move': 'moved a node',
  'node.edit': 'edited a node',
  'node.delete': 'deleted a node',
  'relation.add': 'connected two nodes',
  'relation.edit': 'changed a relation',
  'relation.delete': 'removed a relation',
  'layout.apply': 'laid out the map',
}

export function HistoryPanel({ mapId }: { mapId: string }) {
  const [entries, setEntries] = useState<{ seq: number; type: string; at: string; by: string }[] | null>(null)
  const [preview, setPreview] = useState<{ seq: number; state: MapState } | null>(null)
  const [message, setMessage] = useState<string | null>(null)

  const load = async () => {
    const result = await mapHistoryAction({ mapId })
    if (result.ok) setEntries(result.data)
    else setMessage(result.error)
  }

  return (
    <section aria-labelledby="history-heading" className="flex flex-col gap-1">
      <h2 id="history-heading" className="text-sm font-semibold">
        History
      </h2>
      <button type="button" onClick={load} className="self-start text-xs font-medium text-indigo-700 hover:underline">
        {entries ? 'Refresh history' : 'Show history'}
      </button>
      <InlineAlert message={message} />
      {preview && (
        <div className="rounded border border-indigo-200 bg-indigo-50 p-2 text-xs">
          <p className="font-medium">Revision {preview.seq}</p>
          <p>
            {preview.state.nodes.length} nodes, {preview.state.relations.length} relations
          </p>
          <ul className="mt-1 max-h-40 list-disc overflow-y-auto pl-4">
            {preview.state.nodes.map((n) => (
              <li key={n.id}>
                {n.kind.toLowerCase()}: {n.label.slice(0, 60) || 'untitled'}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="mt-2 rounded bg-indigo-700 px-2 py-1 text-white"
            onClick={async () => {
              if (!window.confirm(`Restore revision ${preview.seq}? This adds a new revision; nothing is lost.`)) return
              const result = await restoreRevisionAction({ mapId, seq: preview.seq })
              setMessage(result.ok ? `Restored as revision ${result.data.seq}.` : result.error)
              setPreview(null)
              void load()
            }}
          >
            Restore this revision
          </button>
        </div>
      )}
      {entries && (
        <ol aria-label="Revisions, newest first" className="flex flex-col gap-0.5 text-xs">
          {entries.map((e) => (
            <li key={e.seq}>
              <button
                type="button"
                className="w-full rounded px-1 py-0.5 text-left hover:bg-stone-100"
                onClick={async () => {
                  const result = await mapAtRevisionAction({ mapId, seq: e.seq })
                  if (result.ok) setPreview({ seq: e.seq, state: result.data })
                  else setMessage(result.error)
                }}
              >
                <span className="text-stone-500">#{e.seq}</span> {e.by} {WHAT[e.type] ?? e.type}{' '}
                <time className="text-stone-400" dateTime={e.at}>
                  {new Date(e.at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}
                </time>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
