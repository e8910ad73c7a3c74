'use client'
// The argument map canvas (React Flow): cite passages, place and connect nodes (supports /
// attacks), lay out, undo; every change is an operation shared live with everyone on the map.
// Relations are drawn from the geometry the exports use, so the canvas and the files agree.
import '@xyflow/react/dist/style.css'
import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type Node,
} from '@xyflow/react'
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type MouseEvent,
  type ReactNode,
} from 'react'
import { Alert } from '@/components/ui/alert'
import { newId } from '@/lib/new-id'
import type { Point } from '@/lib/maps/boxes'
import { checkArgument, type CheckFlag } from '@/lib/maps/checks'
import type { CitedPassage } from '@/lib/maps/queries'
import type { KnownRoutes } from '@/lib/maps/geometry'
import { unpackRoutes, type PackedRoutes } from '@/lib/maps/known-routes'
import { unpackMapState, type PackedMapState } from '@/lib/maps/packed-state'
import type { MapState } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'
import type { ArgumentNodeType } from './argument-node'
import { CanvasActions, useCanvasActionsValue, useStableHandler } from './canvas-actions'
import {
  CONNECTION_LINE,
  DEFAULT_VIEWPORT,
  DELETE_KEYS,
  edgeTypes,
  isValidConnection,
  minimapColor,
  nodeTypes,
  PRO_OPTIONS,
  readableZoomOnPhones,
  VISIBLE_ONLY_NODES,
  zoomedIn,
} from './canvas-settings'
import { CanvasDetail, useCanvasDetail } from './canvas-detail'
import { ChecksPanel } from './checks-panel'
import { DrawnRelationsContext } from './drawn-relations'
import { MapToolbar } from './map-toolbar'
import { connectHint, relationBetween, type Linking, type RelationKind } from './connecting'
import { PASSAGE_MIME, PassagePanel } from './passage-panel'
import { useAnnounceSelection } from './use-announce-selection'
import { useRenderedLater } from './use-rendered-later'
import { useCanvasAttention } from './use-canvas-attention'
import { useCanvasChanges } from './use-canvas-changes'
import { useCanvasNodes } from './use-canvas-nodes'
import { useMapSync } from './use-map-sync'
import { useMapKeys } from './use-map-keys'
import { usePlacement } from './use-placement'
import { useRelationEdges } from './use-relation-edges'
import { RELATION_STYLES } from '@/lib/tags'
import { MapViewContext } from './map-view-context'

const MemoPassagePanel = memo(PassagePanel)
const MemoChecksPanel = memo(ChecksPanel)

interface MapEditorProps {
  groupId: string
  viewerId: string
  mapId: string
  /**
   * The map as the page found it, packed (lib/maps/packed-state.ts): a big map is most of its page.
   * With its relations' routes when the server found them (lib/maps/known-routes.ts).
   */
  initial: { state: PackedMapState; seq: number; routes: PackedRoutes | null }
  passages: CitedPassage[]
  editable: boolean
  /** Extra panels for the right-hand column (feedback). */
  sidebar?: ReactNode
  /** A node to select and centre on opening (a search result). */
  focusId?: string
}

function Editor({
  groupId,
  viewerId,
  mapId,
  initial,
  passages,
  editable,
  sidebar,
  focusId,
}: Omit<MapEditorProps, 'initial'> & { initial: { state: MapState; seq: number; routes?: KnownRoutes } }) {
  const flow = useReactFlow()
  const wrapper = useRef<HTMLDivElement>(null)
  const [error, setError] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [selected, setSelected] = useState<string[]>(() =>
    focusId && initial.state.nodes.some((n) => n.id === focusId) ? [focusId] : [],
  )
  const [editingId, setEditingId] = useState<string | null>(null)
  const [connectKind, setConnectKind] = useState<RelationKind>('SUPPORTS')
  const [linking, setLinking] = useState<Linking | null>(null)
  const { focusedId, connecting, onFocus, onBlur, onConnectStart, onConnectEnd } = useCanvasAttention()
  const onError = useCallback((message: string) => setError(message), [])
  const map = useMapSync(groupId, mapId, viewerId, initial, onError)
  useAnnounceSelection(mapId, selected)
  const peersOn = useMemo(() => {
    const by = new Map<string, string[]>()
    for (const peer of Object.values(map.peers))
      for (const id of peer.selected) by.set(id, [...(by.get(id) ?? []), peer.name])
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

  const finishEdit = (id: string, label: string | null) => {
    setEditingId(null)
    const node = view.nodes.find((n) => n.id === id)
    if (!node || label === null || label.trim() === node.label) return
    act([{ type: 'node.edit', nodeId: id, label: label.trim(), baseVersion: node.version }], 'Node text saved.')
  }

  const { dragging, onNodesChange, onEdgesChange } = useCanvasChanges({ selected, setSelected, act })
  const numbers = useMemo(
    () => new Map([...view.nodes].sort((a, b) => a.y - b.y || a.x - b.x).map((n, i) => [n.id, i + 1])),
    [view.nodes],
  )
  const placed = useMemo(
    () => view.nodes.map((n) => ({ id: n.id, ...(dragging[n.id] ?? { x: n.x, y: n.y }) })),
    [view.nodes, dragging],
  )
  const selectedSet = useMemo(() => new Set(selected), [selected])
  const nodes = useCanvasNodes({
    nodes: view.nodes,
    placed,
    numbers,
    cited,
    selected: selectedSet,
    flagsOf,
    peersOn,
    groupId,
    editingId,
    candidateId: linking?.toId ?? null,
    focusedId,
  })

  const { edges, drawn, reverse, switchKind } = useRelationEdges({
    view,
    placed,
    found: initial,
    numbers,
    selected: selectedSet,
    editable,
    act,
  })
  const labelOf = useCallback(
    (id: string) => view.nodes.find((n) => n.id === id)?.label.slice(0, 40) ?? 'node',
    [view.nodes],
  )

  const connect = useCallback(
    (fromId: string, toId: string, kind: RelationKind) => {
      setLinking(null)
      if (fromId === toId) return
      const twin = relationBetween(view.relations, fromId, toId)
      if (twin) {
        setSelected([twin.id])
        return setError(
          'These two nodes are already connected. The relation is selected: reverse it or switch its type instead.',
        )
      }
      act(
        [{ type: 'relation.add', relation: { id: newId(), fromId, toId, kind, label: '' } }],
        `Connected: #${numbers.get(fromId)} ${RELATION_STYLES[kind].word} #${numbers.get(toId)}.`,
      )
    },
    [act, view.relations, numbers],
  )
  const onConnect = useStableHandler(
    (c: Connection) => c.source && c.target && connect(c.source, c.target, connectKind),
  )
  const onNodeClick = useStableHandler(
    (_: MouseEvent, node: Node) => linking && connect(linking.fromId, node.id, linking.kind),
  )
  const onPaneClick = useCallback(() => setLinking(null), [])
  const onNodeDoubleClick = useStableHandler((_: MouseEvent, node: Node) => editable && setEditingId(node.id))

  const actions = useCanvasActionsValue({
    relations: view.relations,
    finishEdit,
    setSelected,
    reverse,
    switchKind,
    act,
  })

  const addPassage = useStableHandler((p: CitedPassage, droppedAt?: Point) => {
    const at = spotFor(droppedAt)
    act(
      [
        {
          type: 'node.add',
          node: {
            id: newId(),
            kind: p.tag,
            label: p.exact.slice(0, 500),
            highlightId: p.highlightId,
            x: at.x,
            y: at.y,
          },
        },
      ],
      'Passage added to the map.',
    )
  })
  const onAddPassage = useCallback((p: CitedPassage) => addPassage(p), [addPassage])

  const addNote = () => {
    const id = newId()
    const at = spotFor()
    act(
      [{ type: 'node.add', node: { id, kind: 'NOTE', label: '', highlightId: null, x: at.x, y: at.y } }],
      'Note added; type its text.',
    )
    setSelected([id])
    setEditingId(id)
  }

  const autoLayout = async () => {
    // The layout library is loaded when a map is first laid out, not with every map.
    const { layeredLayout } = await import('@/lib/maps/layout')
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

  const onCheckSelect = useStableHandler((id: string) => {
    setSelected([id])
    focusNode(id)
  })

  const selectedNodes = selected.filter((id) => numbers.has(id))
  const selectedRelation =
    selectedNodes.length === 0 && selected.length === 1
      ? (view.relations.find((r) => r.id === selected[0]) ?? null)
      : null
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

  const hint = connectHint({
    editable,
    nodes: view.nodes,
    numbers,
    selectedNodes,
    selectedRelation,
    linking,
    kind: connectKind,
  })
  const visibleOnly = useStore(zoomedIn) && view.nodes.length >= VISIBLE_ONLY_NODES
  const detail = useCanvasDetail()
  const fitViewOptions = useMemo(() => ({ padding: 0.15, maxZoom: 1, minZoom: readableZoomOnPhones() }), [])

  return (
    // On a phone the map comes first, most of a screen tall; the passages and checks follow it.
    <div className="flex flex-col gap-4 lg:grid lg:h-[calc(100vh-9rem)] lg:min-h-[520px] lg:grid-cols-[18rem_minmax(0,1fr)_16rem]">
      <MemoPassagePanel passages={passages} onAdd={onAddPassage} disabled={!editable} />
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
          onFocus={onFocus}
          onBlur={onBlur}
          aria-label="Argument map canvas. N adds a note, [ and ] select nodes, S or A connects the selected node to another, Enter edits, Delete removes, R reverses and T switches a selected relation, L lays out, Ctrl+Z undoes."
          role="application"
          tabIndex={0}
          className="min-h-0 flex-1 rounded-lg border border-stone-200 bg-white"
        >
          <CanvasActions.Provider value={actions}>
            <CanvasDetail.Provider value={detail}>
              <DrawnRelationsContext.Provider value={drawn}>
                <ReactFlow<ArgumentNodeType, Edge>
                  nodes={nodes}
                  edges={edges}
                  nodeTypes={nodeTypes}
                  edgeTypes={edgeTypes}
                  onNodesChange={onNodesChange}
                  onEdgesChange={onEdgesChange}
                  onConnect={onConnect}
                  onConnectStart={onConnectStart}
                  onConnectEnd={onConnectEnd}
                  className={connecting ? 'map-connecting' : undefined}
                  isValidConnection={isValidConnection}
                  connectionMode={ConnectionMode.Loose}
                  connectionLineStyle={CONNECTION_LINE[connectKind]}
                  onNodeClick={onNodeClick}
                  onPaneClick={onPaneClick}
                  onNodeDoubleClick={onNodeDoubleClick}
                  nodesDraggable={editable}
                  nodesConnectable={editable}
                  elementsSelectable
                  deleteKeyCode={editable ? DELETE_KEYS : null}
                  // Opened fitted to the map; an empty map starts at full size, so the first nodes are not enlarged.
                  fitView={initial.state.nodes.length > 0}
                  fitViewOptions={fitViewOptions}
                  defaultViewport={DEFAULT_VIEWPORT}
                  minZoom={0.05}
                  proOptions={PRO_OPTIONS}
                  onlyRenderVisibleElements={visibleOnly}
                >
                  <Background />
                  <Controls showInteractive={false} />
                  <LaterMiniMap />
                </ReactFlow>
              </DrawnRelationsContext.Provider>
            </CanvasDetail.Provider>
          </CanvasActions.Provider>
        </div>
      </div>
      <MapViewContext.Provider value={view}>
        <MemoChecksPanel flags={flags} nodes={view.nodes} onSelect={onCheckSelect} mapId={mapId}>
          {sidebar}
        </MemoChecksPanel>
      </MapViewContext.Provider>
    </div>
  )
}

/**
 * The overview, drawn once the canvas is live: a rectangle and a store subscription per node, which
 * the first frame of a big map need not wait for.
 */
function LaterMiniMap() {
  return useRenderedLater() ? <MiniMap pannable zoomable nodeColor={minimapColor} /> : null
}

export function MapEditor({ initial, ...props }: MapEditorProps) {
  const [unpacked] = useState(() => {
    const state = unpackMapState(initial.state)
    return { state, seq: initial.seq, routes: initial.routes ? unpackRoutes(state, initial.routes) : undefined }
  })
  return (
    <ReactFlowProvider>
      <Editor {...props} initial={unpacked} />
    </ReactFlowProvider>
  )
}
