// The reader page's highlights as they travel inside the page: each person once in a table, each
// highlight a row of values, its quote left out when the text itself holds it at its offsets, and
// the permissions as bits. With 200 highlights the page data is about a third of the plain
// objects', and the browser parses and hydrates that much less. Types and plain code only: the
// reader's bundle includes it.
import type { NoteDoc } from './note'
import type { HighlightView, ReaderHighlights, ReplyView } from './views'

type Role = HighlightView['author']['role']
type Person = [id: string, name: string, role: Role]

const TAG_CODES = ['CLAIM', 'EVIDENCE', 'BIAS'] as const
const STATUS_CODES = ['EXACT', 'MOVED', 'ORPHANED'] as const

const PRIVATE = 1
const MINE = 2
const CAN_EDIT = 4
const CAN_DELETE = 8
const CAN_CONFIRM = 16

type PackedReply = [id: string, author: number, body: NoteDoc, createdAt: number, updatedAt: number, flags: number]

type PackedHighlight = [
  id: string,
  tag: number,
  flags: number,
  start: number,
  end: number,
  /** Null when the text holds the quote at [start, end). */
  exact: string | null,
  status: number,
  note: NoteDoc | null,
  author: number,
  createdAt: number,
  replies: PackedReply[],
  maps: [id: string, title: string][],
]

export interface PackedHighlights extends Omit<ReaderHighlights, 'highlights'> {
  people: Person[]
  rows: PackedHighlight[]
}

const bits = (...flags: [boolean, number][]) => flags.reduce((sum, [on, bit]) => (on ? sum | bit : sum), 0)

export function packHighlights({ highlights, ...rest }: ReaderHighlights, text: string): PackedHighlights {
  const people: Person[] = []
  const index = new Map<string, number>()
  const personOf = (author: { id: string; name: string; role?: Role }) => {
    let at = index.get(author.id)
    if (at === undefined) {
      at = people.push([author.id, author.name, author.role ?? null]) - 1
      index.set(author.id, at)
    }
    // A reply's author carries no role; their highlight's does (the same in the whole group).
    if (author.role !== undefined) people[at]![2] = author.role
    return at
  }
  const rows = highlights.map((h): PackedHighlight => {
    const author = personOf(h.author)
    return [
      h.id,
      TAG_CODES.indexOf(h.tag),
      bits(
        [h.visibility === 'PRIVATE', PRIVATE],
        [h.mine, MINE],
        [h.canEdit, CAN_EDIT],
        [h.canDelete, CAN_DELETE],
        [h.canConfirm, CAN_CONFIRM],
      ),
      h.start,
      h.end,
      text.slice(h.start, h.end) === h.exact ? null : h.exact,
      STATUS_CODES.indexOf(h.anchorStatus),
      h.note,
      author,
      Date.parse(h.createdAt),
      h.replies.map((r) => [
        r.id,
        personOf(r.author),
        r.body,
        Date.parse(r.createdAt),
        Date.parse(r.updatedAt),
        bits([r.canEdit, CAN_EDIT], [r.canDelete, CAN_DELETE]),
      ]),
      h.maps.map((map) => [map.id, map.title]),
    ]
  })
  return { ...rest, people, rows }
}

export function unpackHighlights({ people, rows, ...rest }: PackedHighlights, text: string): ReaderHighlights {
  const iso = (ms: number) => new Date(ms).toISOString()
  const highlights = rows.map(
    ([id, tag, flags, start, end, exact, status, note, author, createdAt, replies, maps]): HighlightView => {
      const [authorId, name, role] = people[author]!
      return {
        id,
        tag: TAG_CODES[tag]!,
        visibility: flags & PRIVATE ? 'PRIVATE' : 'GROUP',
        start,
        end,
        exact: exact ?? text.slice(start, end),
        anchorStatus: STATUS_CODES[status]!,
        note,
        author: { id: authorId, name, role },
        createdAt: iso(createdAt),
        mine: (flags & MINE) !== 0,
        canEdit: (flags & CAN_EDIT) !== 0,
        canDelete: (flags & CAN_DELETE) !== 0,
        canConfirm: (flags & CAN_CONFIRM) !== 0,
        replies: replies.map(([replyId, replyAuthor, body, replyCreated, replyUpdated, replyFlags]): ReplyView => ({
          id: replyId,
          author: { id: people[replyAuthor]![0], name: people[replyAuthor]![1] },
          body,
          createdAt: iso(replyCreated),
          updatedAt: iso(replyUpdated),
          canEdit: (replyFlags & CAN_EDIT) !== 0,
          canDelete: (replyFlags & CAN_DELETE) !== 0,
        })),
        maps: maps.map(([mapId, title]) => ({ id: mapId, title })),
      }
    },
  )
  return { ...rest, highlights }
}
