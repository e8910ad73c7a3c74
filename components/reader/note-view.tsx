// Renders a note (Tiptap JSON) as React elements. Text is text: no HTML from users reaches the
// page, and links open only http(s) and mailto addresses.
import type { ReactNode } from 'react'
import type { NoteDoc } from '@/lib/annotations/note'

type Node = { type: string; text?: string; content?: Node[]; marks?: { type: string; attrs?: { href?: string } }[] }

const SAFE_HREF = /^(https?:\/\/|mailto:)/i

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
    case 'paragraph':
      return (
        <p key={key} dir="auto">
          {children}
        </p>
      )
    case 'bulletList':
      return (
        <ul key={key} className="ml-5 list-disc">
          {children}
        </ul>
      )
    case 'orderedList':
      return (
        <ol key={key} className="ml-5 list-decimal">
          {children}
        </ol>
      )
    case 'listItem':
      return <li key={key}>{children}</li>
    default:
      return null
  }
}

export function NoteView({ doc }: { doc: NoteDoc }) {
  return <div className="flex flex-col gap-1 text-sm text-stone-800">{(doc.content as Node[]).map(renderNode)}</div>
}
