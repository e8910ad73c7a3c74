// A valid seminar archive for the bad-input battery (the import behind POST /api/archives), and
// how to read back what its import stored.
import { db } from '@/lib/db'
import { ESSAY } from './bad-input-world'

const idOf = (result: unknown) => (result as { id: string }).id

/** A note with one paragraph whose text carries a link, as the battery's notes have. */
const linkedNote = (words: string) => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [{ type: 'text', text: words, marks: [{ type: 'link', attrs: { href: 'https://example.org/essay' } }] }],
    },
  ],
})

export const ARCHIVED_AT = '2026-01-05T10:00:00.000Z'

/** A small, complete seminar archive: one of everything it can hold. */
export function seminarArchive(): Record<string, unknown> {
  const at = ARCHIVED_AT
  return {
    format: 'colloquy-seminar',
    version: 1,
    exportedAt: at,
    exportedBy: null,
    group: {
      name: 'Archived seminar',
      description: 'Tuesdays at ten',
      readFirst: false,
      rubric: [{ name: 'Uses evidence', points: 5 }],
    },
    people: [{ ref: 'p1', name: 'Sam Student', role: 'STUDENT' }],
    sources: [
      {
        ref: 's1',
        title: 'Why Alliances Endure',
        author: 'A. Author',
        year: 2010,
        url: 'https://example.org/essay',
        text: ESSAY,
        contentHash: 'a'.repeat(64),
        version: 2,
        droppedBlocks: [],
        createdBy: 'p1',
        createdAt: at,
        updatedAt: at,
        revisions: [{ version: 1, text: ESSAY, contentHash: 'b'.repeat(64), createdBy: 'p1', createdAt: at }],
      },
    ],
    highlights: [
      {
        ref: 'h1',
        source: 's1',
        author: 'p1',
        tag: 'CLAIM',
        visibility: 'GROUP',
        exact: ESSAY.slice(0, 9),
        prefix: '',
        suffix: ESSAY.slice(9, 30),
        start: 0,
        end: 9,
        sourceVersion: 2,
        anchorStatus: 'EXACT',
        note: linkedNote('Shared threats bind allies'),
        createdAt: at,
        updatedAt: at,
        replies: [{ author: 'p1', body: linkedNote('I agree'), createdAt: at, updatedAt: at }],
      },
    ],
    maps: [
      {
        ref: 'm1',
        kind: 'PERSONAL',
        owner: 'p1',
        title: 'Archived map',
        status: 'DRAFT',
        seq: 1,
        feedbackSeenAt: null,
        createdAt: at,
        updatedAt: at,
        nodes: [
          { ref: 'n1', kind: 'CLAIM', label: 'Alliances last', highlight: 'h1', x: 0, y: 0, version: 1, createdAt: at },
          {
            ref: 'n2',
            kind: 'EVIDENCE',
            label: 'The record shows it',
            highlight: null,
            x: 0,
            y: 120,
            version: 1,
            createdAt: at,
          },
        ],
        relations: [{ ref: 'r1', from: 'n2', to: 'n1', kind: 'SUPPORTS', label: 'because' }],
        operations: [
          {
            seq: 1,
            actor: 'p1',
            type: 'node.add',
            payload: { type: 'node.add', node: { id: 'n1', kind: 'CLAIM', label: 'Alliances last', x: 0, y: 0 } },
            createdAt: at,
          },
        ],
        feedback: [
          {
            author: 'p1',
            node: 'n1',
            relation: null,
            body: 'Cite a second source.',
            score: 3,
            rubricScores: null,
            createdAt: at,
          },
        ],
      },
    ],
  }
}

export const archivedSource = (r: unknown) => db.source.findFirstOrThrow({ where: { groupId: idOf(r) } })
export const archivedHighlight = (r: unknown) =>
  db.highlight.findFirstOrThrow({ where: { source: { groupId: idOf(r) } } })
