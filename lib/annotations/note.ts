// Notes and replies are Tiptap documents. Only this small vocabulary of nodes and marks is
// accepted, links only to http(s) and mailto, and they are rendered as React elements, never as
// HTML, so nothing a user types can run in a reader's page.
import { z } from 'zod'
import { hasLoneSurrogate, isStorableText } from '@/lib/validation'

export const NOTE_MAX_BYTES = 20_000

const Href = z
  .string({ error: 'A link needs a web address.' })
  .max(2000, 'A link can be at most 2,000 characters.')
  .refine((href) => /^(https?:\/\/|mailto:)/i.test(href.trim()), 'Links must start with http://, https:// or mailto:.')
  .refine(isStorableText, 'A link contains characters that cannot be saved.')

const Mark = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bold') }),
  z.object({ type: z.literal('italic') }),
  z.object({ type: z.literal('link'), attrs: z.object({ href: Href }) }),
])

const Text = z.object({
  type: z.literal('text'),
  text: z
    .string()
    .min(1)
    .refine((t) => !t.includes('\u0000'), 'Notes cannot contain NUL characters.')
    .refine((t) => !hasLoneSurrogate(t), 'Notes cannot contain broken characters (half of an emoji or symbol).'),
  marks: z.array(Mark).max(3).optional(),
})

const HardBreak = z.object({ type: z.literal('hardBreak') })

const Paragraph = z.object({
  type: z.literal('paragraph'),
  content: z
    .array(z.union([Text, HardBreak]))
    .max(500)
    .optional(),
})

export type NoteBlock =
  | z.infer<typeof Paragraph>
  | { type: 'bulletList' | 'orderedList'; content: { type: 'listItem'; content: NoteBlock[] }[] }

const VOCABULARY = 'A note may hold only paragraphs, lists, bold, italic and links.'

const Block: z.ZodType<NoteBlock> = z.lazy(() =>
  z.union(
    [
      Paragraph,
      z.object({
        type: z.enum(['bulletList', 'orderedList']),
        content: z
          .array(z.object({ type: z.literal('listItem'), content: z.array(Block).min(1).max(50) }))
          .min(1)
          .max(100),
      }),
    ],
    { error: VOCABULARY },
  ),
)

const MAX_DEPTH = 24

/** Depth of nested content, counted without recursion so hostile input cannot exhaust the stack. */
function depthOf(value: unknown): number {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length) {
    const [node, depth] = stack.pop()!
    deepest = Math.max(deepest, depth)
    if (depth > MAX_DEPTH) return depth
    const content = (node as { content?: unknown } | null)?.content
    if (Array.isArray(content)) for (const child of content) stack.push([child, depth + 1])
  }
  return deepest
}

const TOO_LARGE = `A note can be at most ${NOTE_MAX_BYTES / 1000} KB.`

// Nesting is checked on the raw input, before the recursive structure is parsed; the size of
// what is kept (unknown attributes dropped) after.
export const NoteDoc = z
  .unknown()
  .refine((doc) => depthOf(doc) <= MAX_DEPTH, TOO_LARGE)
  .pipe(
    z.object(
      { type: z.literal('doc', { error: VOCABULARY }), content: z.array(Block).max(200) },
      { error: VOCABULARY },
    ),
  )
  .refine((doc) => new TextEncoder().encode(JSON.stringify(doc)).length <= NOTE_MAX_BYTES, TOO_LARGE)

export type NoteDoc = z.infer<typeof NoteDoc>

// Re-exported for server code; client components import note-text.ts directly, without zod.
export { isEmptyNote, notePlainText } from './note-text'

/** A one-paragraph note from plain text (seed data, tests, imports). */
export function noteFromText(text: string): NoteDoc {
  return { type: 'doc', content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] }
}
