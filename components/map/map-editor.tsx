'use client'
// The argument map canvas (React Flow): cite passages, place and connect nodes (supports /
// attacks), lay out, undo; every change is an operation shared live with everyone on the map.
// Relations are drawn from the geometry the exports use, so the canvas and the files agree.
import '@xyflow/react/dist/style.css'
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, type EdgeChange, type NodeChange } from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react'
import { Alert } from '@/components/ui/alert'
import type { Point } from '@/lib/maps/boxes'
import { checkArgument, type CheckFlag } from '@/lib/maps/checks'
import { layeredLayout, NODE_HEIGHT, NODE_WIDTH } from '@/lib/maps/layout'
import type { CitedPassage } from '@/lib/maps/queries'
import type { MapState } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'
import { ArgumentNode, type ArgumentNodeType } from './argument-node'
import { ChecksPanel } from './checks-panel'
import { MapToolbar } from './map-toolbar'
import { connectHint, relationBetween, type Linking, type RelationKind } from './connecting'
import { PASSAGE_MIME, PassagePanel } from './passage-panel'
import { RelationEdge } from './relation-edge'
import { useAnnounceSelection } from './use-announce-selection'
import { useMapSync } from './use-map-sync'
import { useMapKeys } from './use-map-keys'
import { usePlacement } from './use-placement'
import { useRelationEdges } from './use-relation-edges'
import { NOTE_STYLE, RELATION_STYLES, TAGS } from '@/lib/tags'
import { MapViewContext } from './map-view-context'

const nodeTypes = { argument: ArgumentNode }
const edgeTypes = { relation: RelationEdge }
const SIZE = { width: NODE_WIDTH, height: NODE_HEIGHT }


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
  /** A node to select and centre on opening (a search result). */
  focusId?: string
}

function Editor({ groupId, viewerId, mapId, initial, passages, editable, sidebar, focusId }: MapEditorProps) {
  const flow = useReactFlow()
  const wrapper = useRef<HTMLDivElement>(null)
  const [error, setError] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [selected, setSelected] = useState<string[]>(() => (focusId && initial.state.nodes.some((n) => n.id === focusId) ? [focusId] : []))
  const [editingId, setEditingId] = useState<string | null>(null)
  const [dragging, setDragging] = useState<Record<string, { x: number; y: number }>>({})
  const [connectKind, setConnectKind] = useState<RelationKind>('SUPPORTS')
  const [linking, setLinking] = useState<Linking | null>(null)
  const onError = useCallback((message: string) => setError(message), [])
  const map = useMapSync(groupId, mapId, viewerId, initial, onError)
  useAnnounceSelection(mapId, selected)
  const peersOn = useMemo(() => {
    const by = new Map<string, string[]>()
    for (const peer of Object.values(map.peers)) for (const id of peer.selected) by.set(id, [...(by.get(id) ?? []), peer.name])
    return by
  }, [map.peers])
  const { view, apply } = map
  const { spotFor, focusNode } = usePlacement(wrapper, view.nodes, selected)
  // After the first fitView, so the centring is not undone by it.
  const focusOnOpen = useRef(focusId)
  useEffect(() => {
    const id = focusOnOpen.current
    if (!id) return
    const timer = setTimeout(() => {
      focusOnOpen.current = undefined
      focusNode(id)
    }, 120)
    return () => clearTimeout(timer)
  }, [focusNode])

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

  const numbers = useMemo(() => new Map([...view.nodes].sort((a, b) => a.y - b.y || a.x - b.x).map((n, i) => [n.id, i + 1])), [view.nodes])
  const placed = useMemo(() => view.nodes.map((n) => ({ id: n.id, ...(dragging[n.id] ?? { x: n.x, y: n.y }) })), [view.nodes, dragging])
  const nodes: ArgumentNodeType[] = useMemo(
    () =>
      view.nodes.map((n, i) => {
        const passage = n.highlightId ? (cited.get(n.highlightId) ?? null) : null
        return {
          id: n.id,
          type: 'argument',
          position: { x: placed[i]!.x, y: placed[i]!.y },
          // Every node has the one size the geometry and the exports use, known before it renders.
          ...SIZE,
          measured: SIZE,
          selected: selected.includes(n.id),
          ariaLabel: `${n.kind.toLowerCase()}: ${n.label}${passage ? `, citing ${passage.sourceTitle}` : ''}`,
          data: {
            kind: n.kind,
            label: n.label,
            number: numbers.get(n.id)!,
            cited: passage,
            flags: flagsOf.get(n.id) ?? [],
            peers: peersOn.get(n.id) ?? [],
            groupId,
            editing: editingId === n.id,
            candidate: linking?.toId === n.id,
            onEditDone: (label: string | null) => finishEdit(n.id, label),
          },
        }
      }),
    [view.nodes, placed, numbers, cited, selected, flagsOf, peersOn, groupId, editingId, linking, finishEdit],
  )

  const { edges, reverse, switchKind } = useRelationEdges({ view, placed, numbers, selected, editable, act, onSelect: setSelected })
  const labelOf = useCallback((id: string) => view.nodes.find((n) => n.id === id)?.label.slice(0, 40) ?? 'node', [view.nodes])

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
    (fromId: string, toId: string, kind: RelationKind) => {
      setLinking(null)
      if (fromId === toId) return
      const twin = relationBetween(view.relations, fromId, toId)
      if (twin) {
        setSelected([twin.id])
        return setError('These two nodes are already connected. The relation is selected: reverse it or switch its type instead.')
      }
      act([{ type: 'relation.add', relation: { id: newId(), fromId, toId, kind, label: '' } }], `Connected: #${numbers.get(fromId)} ${RELATION_STYLES[kind].word} #${numbers.get(toId)}.`)
    },
    [act, view.relations, numbers],
  )

  const addPassage = (p: CitedPassage, droppedAt?: Point) => {
    const at = spotFor(droppedAt)
    act([{ type: 'node.add', node: { id: newId(), kind: p.tag, label: p.exact.slice(0, 500), highlightId: p.highlightId, x: at.x, y: at.y } }], 'Passage added to the map.')
  }

  const addNote = () => {
    const id = newId()
    const at = spotFor()
    act([{ type: 'node.add', node: { id, kind: 'NOTE', label: '', highlightId: null, x: at.x, y: at.y } }], 'Note added; type its text.')
    setSelected([id])
    setEditingId(id)
  }

  const autoLayout = () => {
    act([{ type: 'layout.apply', positions: layeredLayout(view) }], 'Map laid out. Ctrl+Z undoes it.')
    setTimeout(() => void flow.fitView({ duration: 300, padding: 0.15, maxZoom: 1 }), 50)
  }

  const onDrop = (event: DragEvent) => {
    const highlightId = event.dataTransfer.getData(PASSAGE_MIME)
    const passage = cited.get(highlightId)
    if (!passage || !editable) return
    event.preventDefault()
    addPassage(passage, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }))
  }

  const selectedNodes = selected.filter((id) => view.nodes.some((n) => n.id === id))
  const selectedRelation = selectedNodes.length === 0 && selected.length === 1 ? (view.relations.find((r) => r.id === selected[0]) ?? null) : null
  const onKeyDown = useMapKeys({
    view,
    numbers,
    selected,
    selectedNodes,
    selectedRelation,
    linking,
    editable,
    labelOf,
    setSelected,
    setLinking,
    setEditingId,
    announce: setAnnouncement,
    focusNode,
    connect,
    reverse,
    switchKind,
    addNote,
    autoLayout,
    undo: map.undo,
    redo: map.redo,
  })

  const hint = connectHint({ editable, nodes: view.nodes, numbers, selectedNodes, selectedRelation, linking, kind: connectKind })

  return (
    // On a phone the map comes first, most of a screen tall; the passages and checks follow it.
    <div className="flex flex-col gap-4 lg:grid lg:h-[calc(100vh-9rem)] lg:min-h-[520px] lg:grid-cols-[18rem_minmax(0,1fr)_16rem]">
      <PassagePanel passages={passages} onAdd={(p) => addPassage(p)} disabled={!editable} />
      <div className="flex min-h-0 flex-col gap-2 max-lg:order-first max-lg:h-[75vh]">
        <MapToolbar
          editable={editable}
          canConnect={selectedNodes.length === 2}
          canLayOut={view.nodes.length > 0}
          connectKind={connectKind}
          onConnectKind={setConnectKind}
          onAddNote={addNote}
          onConnect={() => connect(selectedNodes[0]!, selectedNodes[1]!, connectKind)}
          onLayout={autoLayout}
          map={map}
          hint={hint}
        />
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
          aria-label="Argument map canvas. N adds a note, [ and ] select nodes, S or A connects the selected node to another, Enter edits, Delete removes, R reverses and T switches a selected relation, L lays out, Ctrl+Z undoes."
          role="application"
          tabIndex={0}
          className="min-h-0 flex-1 rounded-lg border border-stone-200 bg-white"
        >
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={(c) => c.source && c.target && connect(c.source, c.target, connectKind)}
            isValidConnection={(c) => c.source !== c.target}
            connectionLineStyle={{ stroke: RELATION_STYLES[connectKind].stroke, strokeWidth: 2 }}
            onNodeClick={(_, node) => linking && connect(linking.fromId, node.id, linking.kind)}
            onPaneClick={() => setLinking(null)}
            onNodeDoubleClick={(_, node) => editable && setEditingId(node.id)}
            nodesDraggable={editable}
            nodesConnectable={editable}
            elementsSelectable
            deleteKeyCode={editable ? ['Delete', 'Backspace'] : null}
            // Opened fitted to the map; an empty map starts at full size, so the first nodes are not enlarged.
            fitView={initial.state.nodes.length > 0}
            fitViewOptions={{ padding: 0.15, maxZoom: 1, minZoom: readableZoomOnPhones() }}
            defaultViewport={{ x: 0, y: 0, zoom: 1 }}
            minZoom={0.05}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable nodeColor={(n) => minimapColor((n.data as { kind: NodeKind }).kind)} />
          </ReactFlow>
        </div>
      </div>
      <ChecksPanel flags={flags} nodes={view.nodes} onSelect={(id) => { setSelected([id]); focusNode(id) }} mapId={mapId}>
        <MapViewContext.Provider value={view}>{sidebar}</MapViewContext.Provider>
      </ChecksPanel>
    </div>
  )
}

/** On a phone, a large map opens at a size its text can be read at (then panned), not shrunk whole. */
function readableZoomOnPhones(): number | undefined {
  return typeof window !== 'undefined' && window.matchMedia('(max-width: 640px)').matches ? 0.5 : undefined
}

export function MapEditor(props: MapEditorProps) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  )
}
