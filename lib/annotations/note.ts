// Notes and replies are Tiptap documents. Only this small vocabulary of nodes and marks is
// accepted, links only to http(s) and mailto, and they are rendered as React elements, never as
// HTML, so nothing a user types can run in a reader's page.
import { z } from 'zod'

export const NOTE_MAX_BYTES = 20_000

const Href = z
  .string()
  .max(2000)
  .refine((href) => /^(https?:\/\/|mailto:)/i.test(href.trim()), 'Links must start with http://, https:// or mailto:.')

const Mark = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bold') }),
  z.object({ type: z.literal('italic') }),
  z.object({ type: z.literal('link'), attrs: z.object({ href: Href }) }),
])

const Text = z.object({
  type: z.literal('text'),
  text: z.string().min(1).refine((t) => !t.includes('\u0000'), 'Notes cannot contain NUL characters.'),
  marks: z.array(Mark).max(3).optional(),
})

const HardBreak = z.object({ type: z.literal('hardBreak') })

const Paragraph = z.object({ type: z.literal('paragraph'), content: z.array(z.union([Text, HardBreak])).max(500).optional() })

export type NoteBlock =
  | z.infer<typeof Paragraph>
  | { type: 'bulletList' | 'orderedList'; content: { type: 'listItem'; content: NoteBlock[] }[] }

const Block: z.ZodType<NoteBlock> = z.lazy(() =>
  z.union([
    Paragraph,
    z.object({
      type: z.enum(['bulletList', 'orderedList']),
      content: z.array(z.object({ type: z.literal('listItem'), content: z.array(Block).min(1).max(50) })).min(1).max(100),
    }),
  ]),
)

export const NoteDoc = z
  .object({ type: z.literal('doc'), content: z.array(Block).max(200) })
  .refine((doc) => Buffer.byteLength(JSON.stringify(doc), 'utf8') <= NOTE_MAX_BYTES, `A note can be at most ${NOTE_MAX_BYTES / 1000} KB.`)

export type NoteDoc = z.infer<typeof NoteDoc>

type AnyNode = { type: string; text?: string; content?: AnyNode[] }

export function notePlainText(doc: NoteDoc | null | undefined): string {
  if (!doc) return ''
  const walk = (node: AnyNode): string => {
    if (node.type === 'text') return node.text ?? ''
    if (node.type === 'hardBreak') return '\n'
    const inner = (node.content ?? []).map(walk)
    return node.type === 'doc' || node.type.endsWith('List') ? inner.join('\n') : inner.join('')
  }
  return walk(doc as AnyNode).trim()
}

export function isEmptyNote(doc: NoteDoc | null | undefined): boolean {
  return notePlainText(doc) === ''
}

/** A one-paragraph note from plain text (seed data, tests, imports). */
export function noteFromText(text: string): NoteDoc {
  return { type: 'doc', content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] }
}
