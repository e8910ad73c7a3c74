'use client'
// The side list of argument checks, each linking to its node. A big map may flag hundreds: the
// list is rendered once the page has hydrated (use-rendered-later.ts), so the canvas comes first.
import type { ReactNode } from 'react'
import { CHECK_LABELS, type CheckFlag } from '@/lib/maps/checks'
import type { MapNodeState } from '@/lib/maps/reducer'
import { HistoryPanel } from './history-panel'
import { useRenderedLater } from './use-rendered-later'

const NO_FLAGS: CheckFlag[] = []

export function ChecksPanel({
  flags,
  nodes,
  onSelect,
  mapId,
  children,
}: {
  flags: CheckFlag[]
  nodes: MapNodeState[]
  onSelect: (id: string) => void
  mapId: string
  children?: ReactNode
}) {
  const listed = useRenderedLater() ? flags : NO_FLAGS
  const labels = new Map(nodes.map((n) => [n.id, n.label]))
  const label = (id: string) => labels.get(id)?.slice(0, 60) || 'Untitled note'
  return (
    <aside aria-label="Argument checks, feedback and history" className="flex min-h-0 flex-col gap-4 overflow-y-auto">
      {children}
      <section aria-labelledby="checks-heading">
        <h2 id="checks-heading" className="text-sm font-semibold">
          Argument checks ({flags.length})
        </h2>
        {flags.length === 0 ? (
          <p className="text-xs text-stone-500">Nothing to flag.</p>
        ) : (
          <ul className="mt-1 flex flex-col gap-1">
            {listed.map((flag) => (
              <li key={`${flag.nodeId}-${flag.kind}`} className="check-item">
                <button
                  type="button"
                  onClick={() => onSelect(flag.nodeId)}
                  className="w-full rounded border border-orange-200 bg-orange-50 p-1.5 text-left text-xs hover:border-orange-400"
                >
                  <span className="block font-medium text-orange-900">⚠ {CHECK_LABELS[flag.kind]}</span>
                  <span className="block truncate text-stone-700">{label(flag.nodeId)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <HistoryPanel mapId={mapId} />
    </aside>
  )
}
