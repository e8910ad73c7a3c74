// Renders a note (Tiptap JSON) as React elements. Text is text: no HTML from users reaches the
// page, and links open only http(s) and mailto addresses.
import { createElement, type ReactNode } from 'react'
import type { NoteDoc } from '@/lib/annotations/note'

type Node = { type: string; text?: string; content?: Node[]; marks?: { type: string; attrs?: { href?: string } }[] }

const SAFE_HREF = /^(https?:\/\/|mailto:)/i

/** The block nodes a note may hold, as the element each becomes; any other node is left out. */
const BLOCKS = new Map<string, { tag: 'p' | 'ul' | 'ol' | 'li'; props?: { dir?: 'auto'; className?: string } }>([
  ['paragraph', { tag: 'p', props: { dir: 'auto' } }],
  ['bulletList', { tag: 'ul', props: { className: 'ml-5 list-disc' } }],
  ['orderedList', { tag: 'ol', props: { className: 'ml-5 list-decimal' } }],
  ['listItem', { tag: 'li' }],
])

function renderText(node: Node, key: number): ReactNode {
  let out: ReactNode = node.text ?? ''
  for (const mark of node.marks ?? []) {
    if (mark.type === 'bold') out = <strong>{out}</strong>
    else if (mark.type === 'italic') out = <em>{out}</em>
    else if (mark.type === 'link' && mark.attrs?.href && SAFE_HREF.test(mark.attrs.href)) {
      out = (
        <a
          href={mark.attrs.href}
          target="_blank"
          rel="noopener noreferrer nofollow ugc"
          className="text-indigo-700 underline"
        >
          {out}
        </a>
      )
    }
  }
  return <span key={key}>{out}</span>
}

function renderNode(node: Node, key: number): ReactNode {
  const children = (node.content ?? []).map(renderNode)
  switch (node.type) {
    case 'text':
      return renderText(node, key)
    case 'hardBreak':
      return <br key={key} />
    default: {
      const block = BLOCKS.get(node.type)
      return block ? createElement(block.tag, { key, ...block.props }, children) : null
    }
  }
}

export function NoteView({ doc }: { doc: NoteDoc }) {
  return <div className="flex flex-col gap-1 text-sm text-stone-800">{(doc.content as Node[]).map(renderNode)}</div>
}
