'use client'
// The argument map canvas (React Flow): cite passages, connect nodes (supports / attacks),
// lay out, undo; every change is an operation shared live with everyone on the map.
import '@xyflow/react/dist/style.css'
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react'
import { useCallback, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type ReactNode } from 'react'
import { Alert } from '@/components/ui/alert'
import { checkArgument, type CheckFlag } from '@/lib/maps/checks'
import { layeredLayout } from '@/lib/maps/layout'
import type { CitedPassage } from '@/lib/maps/queries'
import type { MapState } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'
import { ArgumentNode, type ArgumentNodeType } from './argument-node'
import { ChecksPanel } from './checks-panel'
import { PASSAGE_MIME, PassagePanel } from './passage-panel'
import { useAnnounceSelection } from './use-announce-selection'
import { useMapSync } from './use-map-sync'
import { NOTE_STYLE, RELATION_STYLES, TAGS } from '@/lib/tags'
import { MapViewContext } from './map-view-context'

const nodeTypes = { argument: ArgumentNode }


type NodeKind = keyof typeof TAGS | 'NOTE'
const minimapColor = (kind: NodeKind) => (kind === 'NOTE' ? NOTE_STYLE.stroke : TAGS[kind].fill)

const newId = () => crypto.randomUUID().replaceAll('-', '')

interface MapEditorProps {
  groupId: string
  viewerId: string
  mapId: string
  initial: { state: MapState; seq: number }
  passages: CitedPassage[]
  editable: boolean
  /** Extra panels for the right-hand column (feedback). */
  sidebar?: ReactNode
}

function Editor({ groupId, viewerId, mapId, initial, passages, editable, sidebar }: MapEditorProps) {
  const flow = useReactFlow()
  const wrapper = useRef<HTMLDivElement>(null)
  const [error, setError] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [selected, setSelected] = useState<string[]>([])
  const [editingId, setEditingId] = useState<string | null>(null)
  const [dragging, setDragging] = useState<Record<string, { x: number; y: number }>>({})
  // React Flow measures nodes after they render and shows them only once it knows their size.
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({})
  const [connectKind, setConnectKind] = useState<'SUPPORTS' | 'ATTACKS'>('SUPPORTS')
  const onError = useCallback((message: string) => setError(message), [])
  const map = useMapSync(groupId, mapId, viewerId, initial, onError)
  useAnnounceSelection(mapId, selected)
  const peersOn = useMemo(() => {
    const by = new Map<string, string[]>()
    for (const peer of Object.values(map.peers)) for (const id of peer.selected) by.set(id, [...(by.get(id) ?? []), peer.name])
    return by
  }, [map.peers])
  const { view, apply } = map

  const cited = useMemo(() => new Map(passages.map((p) => [p.highlightId, p])), [passages])
  const flags = useMemo(() => checkArgument(view, (id) => cited.get(id)?.anchorStatus), [view, cited])
  const flagsOf = useMemo(() => {
    const by = new Map<string, CheckFlag[]>()
    for (const f of flags) by.set(f.nodeId, [...(by.get(f.nodeId) ?? []), f])
    return by
  }, [flags])

  const act = useCallback(
    (ops: Operation[], message?: string) => {
      if (!editable) return setError('This map is read-only.')
      setError(null)
      apply(ops)
      if (message) setAnnouncement(message)
    },
    [apply, editable],
  )

  const finishEdit = useCallback(
    (id: string, label: string | null) => {
      setEditingId(null)
      const node = view.nodes.find((n) => n.id === id)
      if (!node || label === null || label.trim() === node.label) return
      act([{ type: 'node.edit', nodeId: id, label: label.trim(), baseVersion: node.version }], 'Node text saved.')
    },
    [act, view.nodes],
  )

  const nodes: ArgumentNodeType[] = useMemo(
    () =>
      view.nodes.map((n) => {
        const passage = n.highlightId ? (cited.get(n.highlightId) ?? null) : null
        return {
          id: n.id,
          type: 'argument',
          position: dragging[n.id] ?? { x: n.x, y: n.y },
          measured: measured[n.id],
          selected: selected.includes(n.id),
          ariaLabel: `${n.kind.toLowerCase()}: ${n.label.slice(0, 120)}${passage ? `, citing ${passage.sourceTitle}` : ''}`,
          data: { kind: n.kind, label: n.label, cited: passage, flags: flagsOf.get(n.id) ?? [], peers: peersOn.get(n.id) ?? [], groupId, editing: editingId === n.id, onEditDone: (label: string | null) => finishEdit(n.id, label) },
        }
      }),
    [view.nodes, cited, dragging, measured, selected, flagsOf, peersOn, groupId, editingId, finishEdit],
  )

  const labelOf = useCallback((id: string) => view.nodes.find((n) => n.id === id)?.label.slice(0, 40) ?? 'node', [view.nodes])
  const edges: Edge[] = useMemo(
    () =>
      view.relations.map((r) => {
        const style = RELATION_STYLES[r.kind]
        return {
          id: r.id,
          source: r.fromId,
          target: r.toId,
          selected: selected.includes(r.id),
          label: r.label ? `${style.word}: ${r.label}` : style.word,
          ariaLabel: `${labelOf(r.fromId)} ${style.word} ${labelOf(r.toId)}`,
          style: { stroke: style.stroke, strokeWidth: 2, strokeDasharray: style.dash?.join(' ') },
          labelStyle: { fill: style.stroke, fontWeight: 600, fontSize: 11 },
          markerEnd: { type: r.kind === 'SUPPORTS' ? MarkerType.ArrowClosed : MarkerType.Arrow, color: style.stroke },
        }
      }),
    [view.relations, selected, labelOf],
  )

  const onNodesChange = useCallback(
    (changes: NodeChange<ArgumentNodeType>[]) => {
      const ops: Operation[] = []
      let nextSelected = selected
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          if (change.dragging) setDragging((d) => ({ ...d, [change.id]: change.position! }))
          else ops.push({ type: 'node.move', nodeId: change.id, x: Math.round(change.position.x), y: Math.round(change.position.y) })
        } else if (change.type === 'position' && change.dragging === false) {
          const at = dragging[change.id]
          if (at) ops.push({ type: 'node.move', nodeId: change.id, x: Math.round(at.x), y: Math.round(at.y) })
        } else if (change.type === 'select') {
          nextSelected = change.selected ? [...nextSelected.filter((id) => id !== change.id), change.id] : nextSelected.filter((id) => id !== change.id)
        } else if (change.type === 'remove') {
          ops.push({ type: 'node.delete', nodeId: change.id })
        } else if (change.type === 'dimensions' && change.dimensions) {
          const size = change.dimensions
          setMeasured((m) => ({ ...m, [change.id]: size }))
        }
      }
      if (nextSelected !== selected) setSelected(nextSelected)
      if (ops.some((op) => op.type === 'node.move')) setDragging({})
      if (ops.length) act(ops, ops[0]!.type === 'node.delete' ? 'Node deleted.' : undefined)
    },
    [act, dragging, selected],
  )

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const ops: Operation[] = []
      let nextSelected = selected
      for (const change of changes) {
        if (change.type === 'remove') ops.push({ type: 'relation.delete', relationId: change.id })
        if (change.type === 'select') nextSelected = change.selected ? [...nextSelected, change.id] : nextSelected.filter((id) => id !== change.id)
      }
      if (nextSelected !== selected) setSelected(nextSelected)
      if (ops.length) act(ops, 'Relation deleted.')
    },
    [act, selected],
  )

  const connect = useCallback(
    (fromId: string, toId: string, kind: 'SUPPORTS' | 'ATTACKS') =>
      act([{ type: 'relation.add', relation: { id: newId(), fromId, toId, kind, label: '' } }], `Connected: ${RELATION_STYLES[kind].word}.`),
    [act],
  )

  const centre = () => {
    const box = wrapper.current?.getBoundingClientRect()
    return flow.screenToFlowPosition({ x: (box?.left ?? 0) + (box?.width ?? 600) / 2, y: (box?.top ?? 0) + (box?.height ?? 400) / 2 })
  }

  const addPassage = (p: CitedPassage, at = centre()) =>
    act(
      [{ type: 'node.add', node: { id: newId(), kind: p.tag, label: p.exact.slice(0, 500), highlightId: p.highlightId, x: Math.round(at.x), y: Math.round(at.y) } }],
      'Passage added to the map.',
    )

  const addNote = () => {
    const id = newId()
    const at = centre()
    act([{ type: 'node.add', node: { id, kind: 'NOTE', label: '', highlightId: null, x: Math.round(at.x), y: Math.round(at.y) } }], 'Note added; type its text.')
    setSelected([id])
    setEditingId(id)
  }

  const autoLayout = () => {
    act([{ type: 'layout.apply', positions: layeredLayout(view) }], 'Map laid out. Ctrl+Z undoes it.')
    setTimeout(() => void flow.fitView({ duration: 300, padding: 0.15 }), 50)
  }

  const onDrop = (event: DragEvent) => {
    const highlightId = event.dataTransfer.getData(PASSAGE_MIME)
    const passage = cited.get(highlightId)
    if (!passage) return
    event.preventDefault()
    addPassage(passage, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }))
  }

  const selectStep = (step: 1 | -1) => {
    const ordered = [...view.nodes].sort((a, b) => a.y - b.y || a.x - b.x)
    if (!ordered.length) return
    const at = ordered.findIndex((n) => n.id === selected.at(-1))
    const next = ordered[(at + step + ordered.length) % ordered.length]!
    setSelected([next.id])
    flow.setCenter(next.x + 120, next.y + 60, { duration: 200, zoom: flow.getZoom() })
    setAnnouncement(`Selected ${next.kind.toLowerCase()}: ${next.label.slice(0, 80)}`)
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.target as HTMLElement).closest('textarea, input, select')) return
    const mod = event.ctrlKey || event.metaKey
    const selectedNodes = selected.filter((id) => view.nodes.some((n) => n.id === id))
    if (mod && event.key.toLowerCase() === 'z') {
      event.preventDefault()
      if (event.shiftKey) map.redo()
      else map.undo()
      return
    }
    if (mod || event.altKey) return
    const handlers: Record<string, () => void> = {
      n: addNote,
      l: autoLayout,
      ']': () => selectStep(1),
      '[': () => selectStep(-1),
      s: () => selectedNodes.length === 2 && connect(selectedNodes[0]!, selectedNodes[1]!, 'SUPPORTS'),
      a: () => selectedNodes.length === 2 && connect(selectedNodes[0]!, selectedNodes[1]!, 'ATTACKS'),
      Enter: () => selectedNodes.length === 1 && setEditingId(selectedNodes[0]!),
      F2: () => selectedNodes.length === 1 && setEditingId(selectedNodes[0]!),
    }
    const handler = handlers[event.key]
    if (handler && editable) {
      event.preventDefault()
      handler()
    }
  }

  const toolbarButton = 'rounded-md bg-white px-2.5 py-1 text-xs font-medium ring-1 ring-stone-300 hover:bg-stone-50 disabled:text-stone-400'

  return (
    <div className="grid h-[calc(100vh-9rem)] min-h-[520px] gap-4 lg:grid-cols-[18rem_minmax(0,1fr)_16rem]">
      <PassagePanel passages={passages} onAdd={(p) => addPassage(p)} disabled={!editable} />
      <div className="flex min-h-0 flex-col gap-2">
        <div role="toolbar" aria-label="Map tools" className="flex flex-wrap items-center gap-2">
          <button type="button" className={toolbarButton} disabled={!editable} onClick={addNote} aria-keyshortcuts="n">
            ✎ Add note (N)
          </button>
          <button
            type="button"
            className={toolbarButton}
            disabled={!editable || selected.filter((id) => view.nodes.some((n) => n.id === id)).length !== 2}
            onClick={() => {
              const pair = selected.filter((id) => view.nodes.some((n) => n.id === id))
              connect(pair[0]!, pair[1]!, connectKind)
            }}
          >
            Connect selected
          </button>
          <label className="flex items-center gap-1 text-xs">
            as
            <select value={connectKind} onChange={(e) => setConnectKind(e.target.value as 'SUPPORTS' | 'ATTACKS')} className="rounded border border-stone-300 bg-white px-1 py-0.5">
              <option value="SUPPORTS">supports (S)</option>
              <option value="ATTACKS">attacks (A)</option>
            </select>
          </label>
          <button type="button" className={toolbarButton} disabled={!editable || view.nodes.length === 0} onClick={autoLayout} aria-keyshortcuts="l">
            Auto-layout (L)
          </button>
          <button type="button" className={toolbarButton} disabled={!editable || !map.canUndo} onClick={map.undo} aria-keyshortcuts="Control+Z">
            Undo
          </button>
          <button type="button" className={toolbarButton} disabled={!editable || !map.canRedo} onClick={map.redo} aria-keyshortcuts="Control+Shift+Z">
            Redo
          </button>
          {Object.keys(map.peers).length > 0 && (
            <span className="text-xs text-stone-600">Also here: {Object.values(map.peers).map((p) => p.name).join(', ')}</span>
          )}
          <span className="ml-auto text-xs text-stone-500" aria-live="polite">
            {map.saving ? 'Saving…' : `All changes saved · revision ${map.seq}`}
          </span>
        </div>
        {error && <Alert>{error}</Alert>}
        <div className="sr-only" role="status" aria-live="polite">
          {announcement}
        </div>
        <div
          ref={wrapper}
          onKeyDown={onKeyDown}
          onDragOver={(event) => {
            if (event.dataTransfer.types.includes(PASSAGE_MIME)) event.preventDefault()
          }}
          onDrop={onDrop}
          aria-label="Argument map canvas. N adds a note, [ and ] select nodes, S or A connects two selected nodes, Enter edits, Delete removes, L lays out, Ctrl+Z undoes."
          role="application"
          className="min-h-0 flex-1 rounded-lg border border-stone-200 bg-white"
        >
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={(c) => c.source && c.target && connect(c.source, c.target, connectKind)}
            onNodeDoubleClick={(_, node) => editable && setEditingId(node.id)}
            nodesDraggable={editable}
            nodesConnectable={editable}
            elementsSelectable
            deleteKeyCode={editable ? ['Delete', 'Backspace'] : null}
            fitView
            minZoom={0.1}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable nodeColor={(n) => minimapColor((n.data as { kind: NodeKind }).kind)} />
          </ReactFlow>
        </div>
      </div>
      <ChecksPanel flags={flags} nodes={view.nodes} onSelect={(id) => { setSelected([id]); const n = view.nodes.find((x) => x.id === id); if (n) flow.setCenter(n.x + 120, n.y + 60, { duration: 200, zoom: flow.getZoom() }) }} mapId={mapId}>
        <MapViewContext.Provider value={view}>{sidebar}</MapViewContext.Provider>
      </ChecksPanel>
    </div>
  )
}

export function MapEditor(props: MapEditorProps) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  )
}
