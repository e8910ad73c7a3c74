'use client'
// A node on the canvas: its kind (colour, icon), number, text cut to its lines (the whole text on
// hover and focus), what passage it cites, and any check flags. Every node has the one size the
// layout, the relation geometry and the exports use. Dots on its four sides start a connection;
// while one is being drawn, the whole node takes it.
//
// A map may hold a thousand of these: a node draws its side dots and checks whether its text is
// cut only while someone points at it, focuses it or selects it, so an idle node is a few
// elements (zoomed far out, four: its box, its heading and icon, and one handle, its body, which
// its relations are drawn from and to and which takes new ones), no layout read and no
// subscription of its own.
import { Handle, Position, useUpdateNodeInternals, type Node, type NodeHandle, type NodeProps } from '@xyflow/react'
import Link from 'next/link'
import { memo, useCallback, useContext, useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from 'react'
import type { CheckFlag } from '@/lib/maps/checks'
import { NODE_HANDLE_BOXES, NODE_HEIGHT, NODE_TEXT_LINES, NODE_WIDTH } from '@/lib/maps/node-size'
import type { CitedPassage } from '@/lib/maps/queries'
import { NOTE_STYLE, TAGS } from '@/lib/tags'
import { paragraphCitation } from '@/lib/sources/blocks'
import { CanvasActions } from './canvas-actions'
import { useShowsDetail } from './canvas-detail'

export type ArgumentNodeData = {
  kind: 'CLAIM' | 'EVIDENCE' | 'BIAS' | 'NOTE'
  label: string
  /** Position in reading order, as in the PDF's appendix. */
  number: number
  cited: CitedPassage | null
  flags: CheckFlag[]
  /** Names of others who have this node selected. */
  peers: string[]
  groupId: string
  editing: boolean
  /** The node offered as the other end of a connection made with the keyboard. */
  candidate: boolean
  /** The node has the keyboard's focus (React Flow's wrapper around it does). */
  focused: boolean
}

export type ArgumentNodeType = Node<ArgumentNodeData, 'argument'>

/**
 * The body: where relations are drawn from and to (their lines are the shared geometry's, not React
 * Flow's), and where a connection being drawn is dropped. One handle per idle node, not two: the
 * canvas connects in loose mode, so this one handle is both ends.
 */
export const BODY_HANDLE = 'body'
/** The side dots a connection starts from, drawn only while the node is awake. */
const ALL_DOTS = [Position.Top, Position.Right, Position.Bottom, Position.Left]
/**
 * Where the handles are, as React Flow would measure them: told up front, React Flow draws the
 * relations in the canvas's first render instead of after measuring every node's handles in the
 * page. The dots are told even while they are not drawn.
 */
export const NODE_HANDLES: NodeHandle[] = [
  ...ALL_DOTS.map((side) => ({ id: side, type: 'source' as const, position: side, ...NODE_HANDLE_BOXES[side] })),
  { id: BODY_HANDLE, type: 'source', position: Position.Top, ...NODE_HANDLE_BOXES.body },
]

const dotClass =
  '!h-3 !w-3 !border-2 !border-white !bg-stone-500 opacity-0 transition-opacity group-hover/node:opacity-100 [.selected_&]:opacity-100'

/**
 * Zoomed far out, where its words would be a few pixels tall, a node is mostly a picture of itself
 * drawn as its background rather than as elements (a thousand nodes may be in view): its colour
 * band, an orange bar at the right if a check flags it, and grey bars where its words would be.
 * Its heading stays, as one line (icon, kind, number); its words, the flags' count and the
 * heading's own layout come back with the detail.
 */
const farBackground = (fill: string, flagged: boolean) =>
  [
    ...(flagged ? ['linear-gradient(#fdba74 0 0) right 0.5rem top 0.75rem / 1.5rem 0.5rem no-repeat'] : []),
    'repeating-linear-gradient(#d6d3d1 0 0.5rem, transparent 0.5rem 1rem) 0.5rem 2rem / calc(100% - 1rem) calc(100% - 2.5rem) no-repeat',
    `linear-gradient(${fill} 0 6px, white 6px)`,
  ].join(', ')

function ArgumentNodeView({ id, data, selected, isConnectable }: NodeProps<ArgumentNodeType>) {
  const style = data.kind === 'NOTE' ? NOTE_STYLE : TAGS[data.kind]
  const { finishEdit } = useContext(CanvasActions)
  const editor = useRef<HTMLTextAreaElement>(null)
  const body = useRef<HTMLParagraphElement>(null)
  const [pointed, setPointed] = useState(false)
  const [cut, setCut] = useState(false)
  const updateNodeInternals = useUpdateNodeInternals()
  const awake = pointed || data.focused || selected
  // Zoomed far out, the words are drawn only for the node someone is at (canvas-detail.ts).
  const words = useShowsDetail() || awake || data.editing || data.candidate
  // React Flow knows a node's handles from when it measured them (first when the node appeared):
  // the side dots come and go with `awake`, so it measures again then.
  const appeared = useRef(false)
  useEffect(() => {
    if (appeared.current) updateNodeInternals(id)
    appeared.current = true
  }, [awake, id, updateNodeInternals])
  // The canvas shows a new node only once it has measured it, so focus may need a moment.
  useEffect(() => {
    if (!data.editing) return
    const timers = [0, 50, 200].map((ms) => setTimeout(() => editor.current?.focus(), ms))
    return () => timers.forEach(clearTimeout)
  }, [data.editing])
  useLayoutEffect(() => {
    if (!awake) return
    const p = body.current
    setCut(p !== null && p.scrollHeight > p.clientHeight + 1)
  }, [awake, data.label, data.cited])
  // Not while a button is held, but for a connection being drawn (whose target's words help): a
  // pointer sweeping across the map as it pans, or carrying a node, wakes none of the nodes it
  // passes, which would each draw their dots and words and be measured again, frame after frame.
  const onPointerEnter = useCallback((event: PointerEvent<HTMLElement>) => {
    if (event.buttons === 0 || event.currentTarget.closest('.map-connecting')) setPointed(true)
  }, [])
  const onPointerLeave = useCallback(() => setPointed(false), [])
  const text = data.cited ? `“${data.label}”` : data.label
  const lines = data.cited ? NODE_TEXT_LINES.cited : NODE_TEXT_LINES.note
  const ring = data.candidate
    ? 'ring-4 ring-emerald-400'
    : selected
      ? 'ring-4 ring-indigo-300'
      : data.peers.length
        ? 'ring-4 ring-fuchsia-300'
        : ''
  return (
    <div
      onPointerEnter={onPointerEnter}
      onPointerLeave={onPointerLeave}
      className={`group/node relative flex flex-col gap-1 rounded-lg border-2 bg-white p-2 text-left text-xs shadow-sm ${ring}`}
      style={{
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        borderColor: style.stroke,
        background: words
          ? `linear-gradient(${style.fill} 0 6px, white 6px)`
          : farBackground(style.fill, data.flags.length > 0),
      }}
    >
      {awake &&
        ALL_DOTS.map((side) => (
          <Handle
            key={side}
            id={side}
            type="source"
            position={side}
            isConnectable={isConnectable}
            title="Drag to the node this one supports or attacks"
            className={dotClass}
          />
        ))}
      {/* While a connection is drawn (the canvas says so with map-connecting), all of the node is a place to drop it. */}
      <Handle
        id={BODY_HANDLE}
        type="source"
        position={Position.Top}
        isConnectable={isConnectable}
        isConnectableStart={false}
        className="!pointer-events-none !absolute !inset-0 !h-full !w-full !transform-none !rounded-lg !border-0 !bg-transparent [.map-connecting_&]:!pointer-events-auto"
      />
      {data.peers.length > 0 && (
        <span
          className="absolute -top-3 right-2 rounded bg-fuchsia-700 px-1.5 text-[10px] font-medium text-white"
          aria-label={`Selected by ${data.peers.join(', ')}`}
        >
          {data.peers.join(', ')}
        </span>
      )}
      {!words ? (
        <span className="font-semibold" style={{ color: style.stroke }}>
          <span aria-hidden>{style.icon}</span> {style.label} #{data.number}
        </span>
      ) : (
        <span className="flex items-center gap-1 font-semibold" style={{ color: style.stroke }}>
          <span aria-hidden>{style.icon}</span> {style.label}
          {data.flags.length > 0 && (
            <span
              className="rounded bg-orange-100 px-1 text-[10px] font-medium text-orange-900"
              title={data.flags.map((f) => f.message).join('\n')}
            >
              ⚠ {data.flags.length}
            </span>
          )}
          <span className="ml-auto text-[11px] font-normal text-stone-500">#{data.number}</span>
        </span>
      )}
      {!words ? null : data.editing ? (
        <textarea
          ref={editor}
          aria-label="Node text"
          dir="auto"
          defaultValue={data.label}
          maxLength={500}
          className="nodrag min-h-0 w-full flex-1 rounded border border-stone-300 p-1 text-xs"
          onKeyDown={(event) => {
            event.stopPropagation()
            if (event.key === 'Escape') finishEdit(id, null)
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault()
              finishEdit(id, event.currentTarget.value)
            }
          }}
          onBlur={(event) => finishEdit(id, event.currentTarget.value)}
        />
      ) : (
        <p
          ref={body}
          dir="auto"
          className={`overflow-hidden break-words text-stone-800 ${data.cited ? 'font-serif' : ''}`}
          style={{ WebkitLineClamp: lines, display: '-webkit-box', WebkitBoxOrient: 'vertical' }}
        >
          {data.label ? text : <em className="text-stone-400">Empty note</em>}
        </p>
      )}
      {data.cited && words && (
        <Link
          href={`/groups/${data.groupId}/sources/${data.cited.sourceId}?highlight=${data.cited.highlightId}`}
          prefetch={false}
          className="nodrag mt-auto truncate text-[11px] text-indigo-700 underline"
          title={`Open “${data.cited.sourceTitle}” at this passage`}
        >
          <bdi>{data.cited.sourceTitle}</bdi>
          {paragraphCitation(data.cited) && ` ${paragraphCitation(data.cited)}`}
        </Link>
      )}
      {awake && cut && !data.editing && (
        // The whole text of a node whose text is cut: shown on hover, on keyboard focus and when selected.
        <div
          role="tooltip"
          dir="auto"
          className="pointer-events-none absolute top-full left-0 z-10 mt-2 w-80 rounded-md border border-stone-300 bg-white p-2 text-xs text-stone-800 shadow-lg"
        >
          {text}
        </div>
      )}
    </div>
  )
}

export const ArgumentNode = memo(ArgumentNodeView)
