'use client'
// A relation on the canvas, drawn from the geometry every export uses (lib/maps/geometry.ts): the
// line between the facing sides, the arrowhead on the target's border, the caption where no node
// covers it (cut to two lines, whole on hover and focus). Selected, it offers to reverse the
// relation, switch it between supports and attacks, or delete it.
import { BaseEdge, useStore, type Edge, type EdgeProps, type ReactFlowState } from '@xyflow/react'
import { memo, useContext, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { CAPTION_LINE, CAPTION_PAD_X, CAPTION_PAD_Y, CAPTION_SIZE } from '@/lib/maps/caption'
import { RELATION_STYLES } from '@/lib/tags'
import { CanvasActions } from './canvas-actions'
import { useShowsDetail } from './canvas-detail'
import { useDrawnRelation } from './drawn-relations'

export type RelationEdgeData = {
  kind: 'SUPPORTS' | 'ATTACKS'
  editable: boolean
}

export type RelationEdgeType = Edge<RelationEdgeData, 'relation'>

/** The layer React Flow keeps for edge labels, found once per canvas. */
const captionLayers = new WeakMap<HTMLElement, HTMLElement>()
function captionLayerOf(state: ReactFlowState): HTMLElement | null {
  const canvas = state.domNode
  if (!canvas) return null
  let layer = captionLayers.get(canvas)
  if (!layer) {
    layer = canvas.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? undefined
    if (layer) captionLayers.set(canvas, layer)
  }
  return layer ?? null
}

/**
 * React Flow's EdgeLabelRenderer, but looking its layer up once: that one asks the DOM for it on
 * every change of the canvas's state, in every edge, which with a thousand captions took most of a
 * drag's time.
 */
function CaptionPortal({ children }: { children: ReactNode }) {
  const layer = useStore(captionLayerOf)
  return layer ? createPortal(children, layer) : null
}

const action =
  'rounded bg-white px-1.5 py-0.5 text-[11px] font-medium text-stone-800 ring-1 ring-stone-300 hover:bg-stone-100'

function RelationEdgeView({ id, data, selected }: EdgeProps<RelationEdgeType>) {
  const actions = useContext(CanvasActions)
  const drawn = useDrawnRelation(id)
  const words = useShowsDetail()
  if (!data || !drawn) return null
  const style = RELATION_STYLES[data.kind]
  const { geometry, caption } = drawn
  const { tip, left, right } = geometry.arrow
  const head = `M${left.x} ${left.y}L${tip.x} ${tip.y}L${right.x} ${right.y}${style.arrow === 'closed' ? 'Z' : ''}`
  // Zoomed far out the caption is not drawn (canvas-detail.ts), but for the relation selected.
  const label = words || selected ? geometry.label : null
  const other = data.kind === 'SUPPORTS' ? RELATION_STYLES.ATTACKS.word : RELATION_STYLES.SUPPORTS.word
  return (
    <>
      <BaseEdge
        id={id}
        path={geometry.path}
        interactionWidth={16}
        style={{ stroke: style.stroke, strokeWidth: selected ? 3 : 2, strokeDasharray: style.dash?.join(' ') }}
      />
      <path
        className="relation-arrow"
        data-from={geometry.fromId}
        data-to={geometry.toId}
        d={head}
        fill={style.arrow === 'closed' ? style.stroke : 'none'}
        stroke={style.stroke}
        strokeWidth={style.arrow === 'closed' ? 1 : 2}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
      {label && (
        <CaptionPortal>
          <div
            data-relation-label={id}
            title={caption.text}
            aria-hidden
            onClick={(event) => {
              // Not on to the pane, which would clear the selection again.
              event.stopPropagation()
              actions.selectRelation(id)
            }}
            className={`nodrag nopan absolute cursor-pointer rounded-sm bg-white text-center font-semibold whitespace-nowrap ${selected ? 'ring-2 ring-indigo-300' : ''}`}
            style={{
              transform: `translate(${label.x}px, ${label.y}px)`,
              width: label.width,
              height: label.height,
              padding: `${CAPTION_PAD_Y}px ${CAPTION_PAD_X}px`,
              fontSize: CAPTION_SIZE,
              lineHeight: `${CAPTION_LINE}px`,
              color: style.stroke,
              pointerEvents: 'all',
            }}
          >
            {caption.lines.map((line, i) => (
              <div key={i} className="overflow-hidden">
                {line}
              </div>
            ))}
          </div>
          {selected && data.editable && (
            <div
              role="toolbar"
              aria-label="Change this relation"
              className="nodrag nopan absolute z-10 flex max-w-80 flex-wrap gap-1 rounded-md bg-white/95 p-1 shadow-md ring-1 ring-stone-200"
              style={{ transform: `translate(${label.x}px, ${label.y + label.height + 4}px)`, pointerEvents: 'all' }}
              onClick={(event) => event.stopPropagation()}
            >
              {caption.cut && <p className="w-full px-1 text-[11px] text-stone-700">{caption.text}</p>}
              <button
                type="button"
                className={action}
                onClick={() => actions.reverseRelation(id)}
                aria-keyshortcuts="r"
              >
                ⇄ Reverse (R)
              </button>
              <button type="button" className={action} onClick={() => actions.switchRelation(id)} aria-keyshortcuts="t">
                Make it “{other}” (T)
              </button>
              <button
                type="button"
                className={action}
                onClick={() => actions.deleteRelation(id)}
                aria-keyshortcuts="Delete"
              >
                Delete
              </button>
            </div>
          )}
        </CaptionPortal>
      )}
    </>
  )
}

export const RelationEdge = memo(RelationEdgeView)
