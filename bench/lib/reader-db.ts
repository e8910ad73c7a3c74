// For the reader benchmark: the longest essay of the demo group, a byte-identical copy of it with
// no highlights (the baseline), and a seeded set of highlights and replies written the ordinary
// way (createHighlight, createReply), so anchors, visibility and events are what the app makes.
import { createHighlight, createReply } from '../../lib/annotations/mutations'
import { noteFromText, type NoteDoc } from '../../lib/annotations/note'
import { snapToWords } from '../../lib/annotations/selection'
import { db } from '../../lib/db'
import type { Prisma } from '../../lib/generated/prisma/client'
import { blocksOf } from '../../lib/sources/blocks'
import { seededRandom } from './stats'
import type { DemoPeople } from './map-db'

const NOTES = [
  'Key claim of the essay.',
  'Is this figure still current?',
  'Loaded wording here.',
  'Compare with the Sayers essay, ¶4.',
]

const richNote = (text: string): NoteDoc => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Compare: ', marks: [{ type: 'bold' }] },
        { type: 'text', text },
      ],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            {
              type: 'paragraph',
              content: [{ type: 'text', text: 'who says so, and when', marks: [{ type: 'italic' }] }],
            },
          ],
        },
        {
          type: 'listItem',
          content: [
            {
              type: 'paragraph',
              content: [
                {
                  type: 'text',
                  text: 'source',
                  marks: [{ type: 'link', attrs: { href: 'https://example.org/alliance' } }],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
})

export interface Essay {
  id: string
  title: string
  text: string
  /** The same essay, byte for byte, as another source of the group, without highlights. */
  bareId: string
}

/**
 * Two copies of the longest source of the group (by text length), added by the instructor: one to
 * annotate, one bare. Copies, because the demo's own essays arrive with their own highlights.
 */
export async function longestEssayWithBareCopy(people: DemoPeople): Promise<Essay> {
  const sources = await db.source.findMany({
    where: { groupId: people.groupId },
    select: { id: true, title: true, author: true, year: true, text: true, contentHash: true, droppedBlocks: true },
  })
  const essay = sources.sort((a, b) => b.text.length - a.text.length)[0]
  if (!essay) throw new Error('The demo group has no sources.')
  const copy = () =>
    db.source.create({
      data: {
        groupId: people.groupId,
        title: essay.title,
        author: essay.author,
        year: essay.year,
        text: essay.text,
        contentHash: essay.contentHash,
        droppedBlocks: essay.droppedBlocks as Prisma.InputJsonValue,
        createdById: people.instructor.id,
      },
      select: { id: true },
    })
  const annotated = await copy()
  const bare = await copy()
  return { id: annotated.id, title: essay.title, text: essay.text, bareId: bare.id }
}

export interface Annotation {
  highlights: number
  replies: number
  /** Which highlights (by creation order) get the replies, round robin. */
  threads: number[]
  seed: number
}

/**
 * Highlights on the essay as the instructor and the students in turn, word-aligned inside
 * paragraphs (so some overlap and nest), every tag, a third with a note (some with bold, a list
 * and a link); the viewer's own are sometimes private (still theirs to see); then reply threads.
 */
export async function annotateEssay(
  people: DemoPeople,
  essay: Essay,
  viewerId: string,
  plan: Annotation,
): Promise<string[]> {
  const random = seededRandom(plan.seed)
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
  const authors = [people.instructor, ...people.students]
  const paragraphs = blocksOf(essay.text).filter((block) => block.kind !== 'heading')
  const taken = new Set<string>()
  const ids: string[] = []
  while (ids.length < plan.highlights) {
    const block = pick(paragraphs)
    const from = block.start + Math.floor(random() * block.text.length)
    const { start, end } = snapToWords(essay.text, from, Math.min(block.end, from + 20 + Math.floor(random() * 230)))
    const author = authors[ids.length % authors.length]!
    const tag = pick(['CLAIM', 'EVIDENCE', 'BIAS'] as const)
    // The app refuses the same author tagging the same passage twice with one tag (409).
    const key = `${author.id}:${start}:${end}:${tag}`
    if (end - start < 3 || taken.has(key)) continue
    taken.add(key)
    const roll = random()
    const note = roll < 0.25 ? noteFromText(pick(NOTES)) : roll < 0.33 ? richNote(pick(NOTES)) : null
    const visibility = author.id === viewerId && random() < 0.3 ? 'PRIVATE' : 'GROUP'
    ids.push((await createHighlight(author, { sourceId: essay.id, start, end, tag, visibility, note })).id)
  }
  for (let i = 0; i < plan.replies; i++) {
    const highlightId = ids[plan.threads[i % plan.threads.length]!]!
    const body = noteFromText(`${pick(['Agreed', 'Not sure', 'See ¶2'])}: reply ${i + 1}.`)
    await createReply(authors[(i + 1) % authors.length]!, { highlightId, body })
  }
  return ids
}
