'use client'
// A node on the canvas: its kind (colour, icon), text, what passage it cites, and any check flags.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react'
import Link from 'next/link'
import { memo, useEffect, useRef } from 'react'
import type { CheckFlag } from '@/lib/maps/checks'
import type { CitedPassage } from '@/lib/maps/queries'
import { NOTE_STYLE, TAGS } from '@/lib/tags'
import { NODE_HEIGHT, NODE_WIDTH } from '@/lib/maps/layout'
import { paragraphCitation } from '@/lib/sources/blocks'

export type ArgumentNodeData = {
  kind: 'CLAIM' | 'EVIDENCE' | 'BIAS' | 'NOTE'
  label: string
  cited: CitedPassage | null
  flags: CheckFlag[]
  /** Names of others who have this node selected. */
  peers: string[]
  groupId: string
  editing: boolean
  onEditDone: (label: string | null) => void
}

export type ArgumentNodeType = Node<ArgumentNodeData, 'argument'>


function ArgumentNodeView({ data, selected }: NodeProps<ArgumentNodeType>) {
  const style = data.kind === 'NOTE' ? NOTE_STYLE : TAGS[data.kind]
  const text = data.label.length > 160 ? `${data.label.slice(0, 157)}…` : data.label
  const editor = useRef<HTMLTextAreaElement>(null)
  // The canvas shows a new node only once it has measured it, so focus may need a moment.
  useEffect(() => {
    if (!data.editing) return
    const timers = [0, 50, 200].map((ms) => setTimeout(() => editor.current?.focus(), ms))
    return () => timers.forEach(clearTimeout)
  }, [data.editing])
  return (
    <div
      className={`relative flex flex-col gap-1 rounded-lg border-2 bg-white p-2 text-left text-xs shadow-sm ${selected ? 'ring-4 ring-indigo-300' : data.peers.length ? 'ring-4 ring-fuchsia-300' : ''}`}
      style={{ width: NODE_WIDTH, minHeight: NODE_HEIGHT - 20, borderColor: style.stroke, background: `linear-gradient(${style.fill} 0 6px, white 6px)` }}
    >
      <Handle type="target" position={Position.Top} className="!h-2.5 !w-2.5 !bg-stone-500" />
      {data.peers.length > 0 && (
        <span className="absolute -top-3 right-2 rounded bg-fuchsia-700 px-1.5 text-[10px] font-medium text-white" aria-label={`Selected by ${data.peers.join(', ')}`}>
          {data.peers.join(', ')}
        </span>
      )}
      <span className="flex items-center gap-1 font-semibold" style={{ color: style.stroke }}>
        <span aria-hidden>{style.icon}</span> {style.label}
        {data.flags.length > 0 && (
          <span className="ml-auto rounded bg-orange-100 px-1 text-[10px] font-medium text-orange-900" title={data.flags.map((f) => f.message).join('\n')}>
            ⚠ {data.flags.length}
          </span>
        )}
      </span>
      {data.editing ? (
        <textarea
          ref={editor}
          aria-label="Node text"
          defaultValue={data.label}
          maxLength={500}
          className="nodrag min-h-16 w-full rounded border border-stone-300 p-1 text-xs"
          onKeyDown={(event) => {
            event.stopPropagation()
            if (event.key === 'Escape') data.onEditDone(null)
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault()
              data.onEditDone(event.currentTarget.value)
            }
          }}
          onBlur={(event) => data.onEditDone(event.currentTarget.value)}
        />
      ) : (
        <p dir="auto" className={`text-stone-800 ${data.cited ? 'font-serif' : ''}`}>
          {data.cited ? `“${text}”` : text || <em className="text-stone-400">Empty note</em>}
        </p>
      )}
      {data.cited && (
        <Link
          href={`/groups/${data.groupId}/sources/${data.cited.sourceId}?highlight=${data.cited.highlightId}`}
          className="nodrag truncate text-[11px] text-indigo-700 underline"
          title={`Open “${data.cited.sourceTitle}” at this passage`}
        >
          <bdi>{data.cited.sourceTitle}</bdi>
          {paragraphCitation(data.cited) && ` ${paragraphCitation(data.cited)}`}
        </Link>
      )}
      <Handle type="source" position={Position.Bottom} className="!h-2.5 !w-2.5 !bg-stone-500" />
    </div>
  )
}

export const ArgumentNode = memo(ArgumentNodeView)
