'use client'
// The map's toolbar: add a note, connect the two selected nodes, lay out, undo and redo, who else
// is here and whether everything is saved; under it, one line saying how to connect from here.
import type { RelationKind } from './connecting'

const toolbarButton =
  'rounded-md bg-white px-2.5 py-1 text-xs font-medium ring-1 ring-stone-300 hover:bg-stone-50 disabled:text-stone-400'

interface MapToolbarProps {
  editable: boolean
  canConnect: boolean
  canLayOut: boolean
  connectKind: RelationKind
  onConnectKind: (kind: RelationKind) => void
  onAddNote: () => void
  onConnect: () => void
  onLayout: () => void
  map: {
    undo: () => void
    redo: () => void
    canUndo: boolean
    canRedo: boolean
    peers: Record<string, { name: string }>
    saving: boolean
    seq: number
  }
  hint: string
}

export function MapToolbar({
  editable,
  canConnect,
  canLayOut,
  connectKind,
  onConnectKind,
  onAddNote,
  onConnect,
  onLayout,
  map,
  hint,
}: MapToolbarProps) {
  return (
    <>
      <div role="toolbar" aria-label="Map tools" className="flex flex-wrap items-center gap-2">
        <button type="button" className={toolbarButton} disabled={!editable} onClick={onAddNote} aria-keyshortcuts="n">
          ✎ Add note (N)
        </button>
        <button
          type="button"
          className={toolbarButton}
          disabled={!editable || !canConnect}
          aria-describedby="connect-hint"
          onClick={onConnect}
        >
          Connect selected
        </button>
        <label className="flex items-center gap-1 text-xs">
          as
          <select
            value={connectKind}
            onChange={(e) => onConnectKind(e.target.value as RelationKind)}
            className="rounded border border-stone-300 bg-white px-1 py-0.5"
          >
            <option value="SUPPORTS">supports (S)</option>
            <option value="ATTACKS">attacks (A)</option>
          </select>
        </label>
        {[
          { label: 'Auto-layout (L)', shortcut: 'l', enabled: canLayOut, onClick: onLayout },
          { label: 'Undo', shortcut: 'Control+Z', enabled: map.canUndo, onClick: map.undo },
          { label: 'Redo', shortcut: 'Control+Shift+Z', enabled: map.canRedo, onClick: map.redo },
        ].map(({ label, shortcut, enabled, onClick }) => (
          <button
            key={label}
            type="button"
            className={toolbarButton}
            disabled={!editable || !enabled}
            onClick={onClick}
            aria-keyshortcuts={shortcut}
          >
            {label}
          </button>
        ))}
        {Object.keys(map.peers).length > 0 && (
          <span className="text-xs text-stone-600">
            Also here:{' '}
            {Object.values(map.peers)
              .map((p) => p.name)
              .join(', ')}
          </span>
        )}
        <span className="ml-auto text-xs text-stone-500" aria-live="polite">
          {map.saving ? 'Saving…' : `All changes saved · revision ${map.seq}`}
        </span>
      </div>
      <p id="connect-hint" className="text-xs text-stone-600" aria-live="polite">
        {hint}
      </p>
    </>
  )
}
