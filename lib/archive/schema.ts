// A whole seminar as one file (format "colloquy-seminar", version 1): the group's settings and
// rubric, its sources with every revision and their layout (kinds of blocks, pages), highlights with their replies, maps with their nodes,
// relations, full operation history and feedback. People appear by a label and a name only (no
// email, no password): the file says who wrote what, not who anyone is on another instance.
// Every reference inside the file is one of its own labels, checked here. Pure: the parsing job
// (lib/jobs/tasks/parse-archive.ts) runs it in a worker thread.
import { z } from 'zod'
import { NoteDoc } from '@/lib/annotations/note'
import { MAX_HIGHLIGHT_CHARS, Tag, VisibilityInput } from '@/lib/annotations/schema'
import {
  MAX_LABEL_CHARS,
  MAX_NODES,
  MAX_RELATION_LABEL_CHARS,
  NodeKindInput,
  RelationKindInput,
} from '@/lib/maps/schema'
import { Criterion } from '@/lib/review/schema'
import { MAX_SOURCE_CHARS } from '@/lib/sources/schema'
import { isSingleLineText, isStorableText } from '@/lib/validation'

export const ARCHIVE_FORMAT = 'colloquy-seminar'
export const ARCHIVE_VERSION = 1
/** The file as uploaded (gzip), and the JSON inside it. */
export const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024
export const MAX_ARCHIVE_JSON_BYTES = 200 * 1024 * 1024

const NOT_AN_ARCHIVE = 'This file is not a Colloquy seminar archive.'

const Ref = z
  .string({ error: 'Every item in the archive needs its label.' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A label in the archive is not valid.')
const When = z.iso.datetime({ error: 'A date in the archive is not valid.' }).transform((text) => new Date(text))
const Count = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a number.` })
    .int(`${what} must be a whole number.`)
    .min(0, `${what} cannot be negative.`)
    .max(max, `${what} is too large.`)
const Line = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .min(1, `${what} is empty.`)
    .max(max, `${what} is longer than ${max} characters.`)
    .refine(isSingleLineText, `${what} contains characters that cannot be shown.`)
const Text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text.` })
    .max(max, `${what} is longer than ${max.toLocaleString('en')} characters.`)
    .refine(isStorableText, `${what} contains characters that cannot be shown.`)
const Hash = z
  .string({ error: 'A content hash must be text.' })
  .regex(/^[0-9a-f]{64}$/, 'A content hash in the archive is not valid.')
const Json = z.json({ error: 'The archive holds a value that is not JSON.' })

const Person = z.object({
  ref: Ref,
  name: Line('A name', 80),
  role: z.enum(['INSTRUCTOR', 'STUDENT'], { error: 'A role is instructor or student.' }).nullable(),
})

const Revision = z.object({
  version: Count('A revision number', 1_000_000),
  text: Text('A revision', MAX_SOURCE_CHARS),
  contentHash: Hash,
  createdBy: Ref,
  createdAt: When,
})

/** One block of a source's layout (Source.layout): its kind, heading level and page of the original. */
const LayoutEntry = z.object({
  kind: z.enum(['heading', 'paragraph', 'list', 'quote'], { error: 'A block of a source has an unknown kind.' }),
  level: z
    .number({ error: 'A heading level must be a number.' })
    .int()
    .min(1, 'A heading level is 1 to 6.')
    .max(6, 'A heading level is 1 to 6.')
    .optional(),
  page: Count('A page number', 100_000).min(1, 'A page number starts at 1.').optional(),
})

// The columns of a source and of a highlight that the file holds as the database does: export and
// import copy them by these lists, so one added to the format is written and read alike.
const SourceColumns = {
  title: Line('A source title', 300),
  author: Line('An author', 200).nullable(),
  year: z
    .number({ error: 'A year must be a number.' })
    .int('A year must be a whole number.')
    .min(1000, 'A year is out of range.')
    .max(2100, 'A year is out of range.')
    .nullable(),
  url: z
    .string({ error: 'A web address must be text.' })
    .max(2000, 'A web address is too long.')
    .regex(/^https?:\/\//i, 'A web address must start with http:// or https://.')
    .refine(isSingleLineText, 'A web address contains characters that cannot be shown.')
    .nullable(),
  text: Text('A source text', MAX_SOURCE_CHARS).refine((text) => text.trim().length > 0, 'A source text is empty.'),
  contentHash: Hash,
  version: Count('A source version', 1_000_000).min(1, 'A source version starts at 1.'),
}

const Source = z.object({
  ref: Ref,
  ...SourceColumns,
  droppedBlocks: z.array(Json).max(10_000, 'A source lists too many dropped blocks.'),
  // Archives written before sources kept a layout have none: the kinds are then inferred.
  layout: z.array(LayoutEntry).max(MAX_SOURCE_CHARS, 'A source lists more blocks than its text can hold.').default([]),
  createdBy: Ref,
  createdAt: When,
  updatedAt: When,
  revisions: z.array(Revision).max(10_000, 'A source has too many revisions.'),
})

const Reply = z.object({ author: Ref, body: NoteDoc, createdAt: When, updatedAt: When })

const HighlightColumns = {
  tag: Tag,
  visibility: VisibilityInput,
  exact: Text('A highlighted passage', MAX_HIGHLIGHT_CHARS).refine(
    (text) => text.length > 0,
    'A highlighted passage is empty.',
  ),
  prefix: Text('The text before a passage', 1_000),
  suffix: Text('The text after a passage', 1_000),
  start: Count('A passage start', MAX_SOURCE_CHARS),
  end: Count('A passage end', MAX_SOURCE_CHARS),
  sourceVersion: Count('A source version', 1_000_000).min(1, 'A source version starts at 1.'),
  anchorStatus: z.enum(['EXACT', 'MOVED', 'ORPHANED'], { error: 'An anchor is exact, moved or orphaned.' }),
}

const Highlight = z.object({
  ref: Ref,
  source: Ref,
  author: Ref,
  ...HighlightColumns,
  note: NoteDoc.nullable(),
  createdAt: When,
  updatedAt: When,
  replies: z.array(Reply).max(10_000, 'A highlight has too many replies.'),
})

const Node = z.object({
  ref: Ref,
  kind: NodeKindInput,
  label: Text('A node label', MAX_LABEL_CHARS),
  highlight: Ref.nullable(),
  x: z.number({ error: 'A node position is a number.' }).finite().min(-1e6).max(1e6),
  y: z.number({ error: 'A node position is a number.' }).finite().min(-1e6).max(1e6),
  version: Count('A node version', 1_000_000),
  createdAt: When,
})

const Relation = z.object({
  ref: Ref,
  from: Ref,
  to: Ref,
  kind: RelationKindInput,
  label: Text('A relation label', MAX_RELATION_LABEL_CHARS),
})

const Operation = z.object({
  seq: Count('An operation number', 10_000_000).min(1),
  actor: Ref,
  type: Line('An operation type', 40),
  payload: Json,
  createdAt: When,
})

const Feedback = z.object({
  author: Ref,
  node: Ref.nullable(),
  relation: Ref.nullable(),
  body: Text('Feedback', 5_000).refine((text) => text.trim().length > 0, 'A feedback text is empty.'),
  score: z.number({ error: 'A score is a number.' }).int().min(-1_000_000).max(1_000_000).nullable(),
  rubricScores: Json.nullable(),
  createdAt: When,
})

const ArgumentMap = z.object({
  ref: Ref,
  kind: z.enum(['GROUP', 'PERSONAL'], { error: 'A map is a group map or a personal map.' }),
  owner: Ref.nullable(),
  title: Line('A map title', 120),
  status: z.enum(['DRAFT', 'SUBMITTED'], { error: 'A map is a draft or submitted.' }),
  seq: Count('A map revision', 10_000_000),
  feedbackSeenAt: When.nullable(),
  createdAt: When,
  updatedAt: When,
  nodes: z.array(Node).max(MAX_NODES, `A map holds at most ${MAX_NODES.toLocaleString('en')} nodes.`),
  relations: z.array(Relation).max(10_000, 'A map has too many relations.'),
  operations: z.array(Operation).max(200_000, 'A map has too long a history.'),
  feedback: z.array(Feedback).max(10_000, 'A map has too much feedback.'),
})

const Shape = z.object(
  {
    format: z.literal(ARCHIVE_FORMAT, { error: NOT_AN_ARCHIVE }),
    version: z.literal(ARCHIVE_VERSION, {
      error: 'This archive comes from another version of Colloquy and cannot be read here.',
    }),
    exportedAt: When,
    exportedBy: Ref.nullable(),
    group: z.object({
      name: Line('The group name', 100),
      description: Text('The group description', 1000),
      readFirst: z.boolean({ error: 'Say whether students read first.' }),
      rubric: z.array(Criterion).max(20, 'A rubric has at most 20 criteria.'),
    }),
    people: z.array(Person).max(5_000, 'The archive lists too many people.'),
    sources: z.array(Source).max(1_000, 'The archive holds too many sources.'),
    highlights: z.array(Highlight).max(200_000, 'The archive holds too many highlights.'),
    maps: z.array(ArgumentMap).max(5_000, 'The archive holds too many maps.'),
  },
  { error: NOT_AN_ARCHIVE },
)

/** Every label used is defined once, of the right kind, and in the right place. */
export const SeminarArchive = Shape.superRefine((archive, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message })
  const unique = (refs: string[], path: string, what: string) => {
    const seen = new Set<string>()
    refs.forEach((ref, i) => {
      if (seen.has(ref)) issue([path, i, 'ref'], `Two ${what} in the archive share the label “${ref}”.`)
      seen.add(ref)
    })
    return seen
  }
  const people = unique(
    archive.people.map((p) => p.ref),
    'people',
    'people',
  )
  const sources = new Map(archive.sources.map((s) => [s.ref, s]))
  unique(
    archive.sources.map((s) => s.ref),
    'sources',
    'sources',
  )
  const highlights = unique(
    archive.highlights.map((h) => h.ref),
    'highlights',
    'highlights',
  )
  const person = (ref: string | null, path: (string | number)[]) => {
    if (ref !== null && !people.has(ref)) issue(path, `The archive names a person (“${ref}”) it does not list.`)
  }
  if (archive.exportedBy !== null) person(archive.exportedBy, ['exportedBy'])
  archive.sources.forEach((s, i) => {
    person(s.createdBy, ['sources', i, 'createdBy'])
    const versions = new Set<number>()
    s.revisions.forEach((r, j) => {
      if (versions.has(r.version))
        issue(['sources', i, 'revisions', j, 'version'], `A source lists revision ${r.version} twice.`)
      versions.add(r.version)
    })
    s.revisions.forEach((r, j) => person(r.createdBy, ['sources', i, 'revisions', j, 'createdBy']))
  })
  archive.highlights.forEach((h, i) => {
    person(h.author, ['highlights', i, 'author'])
    h.replies.forEach((r, j) => person(r.author, ['highlights', i, 'replies', j, 'author']))
    const source = sources.get(h.source)
    if (!source)
      return issue(['highlights', i, 'source'], `A highlight names a source (“${h.source}”) the archive does not hold.`)
    if (h.end <= h.start) issue(['highlights', i, 'end'], 'A highlighted passage ends before it starts.')
    if (h.end > source.text.length && h.sourceVersion === source.version)
      issue(['highlights', i, 'end'], 'A highlighted passage runs past the end of its source.')
  })
  unique(
    archive.maps.map((m) => m.ref),
    'maps',
    'maps',
  )
  archive.maps.forEach((m, i) => {
    person(m.owner, ['maps', i, 'owner'])
    if (m.kind === 'PERSONAL' && m.owner === null) issue(['maps', i, 'owner'], 'A personal map needs its owner.')
    const nodes = unique(
      m.nodes.map((n) => n.ref),
      `maps.${i}.nodes`,
      'nodes',
    )
    const relations = unique(
      m.relations.map((r) => r.ref),
      `maps.${i}.relations`,
      'relations',
    )
    m.nodes.forEach((n, j) => {
      if (n.highlight !== null && !highlights.has(n.highlight))
        issue(
          ['maps', i, 'nodes', j, 'highlight'],
          `A node cites a highlight (“${n.highlight}”) the archive does not hold.`,
        )
    })
    const pairs = new Set<string>()
    m.relations.forEach((r, j) => {
      if (!nodes.has(r.from) || !nodes.has(r.to))
        issue(['maps', i, 'relations', j], `Relation “${r.ref}” connects a node that is not in its map.`)
      if (pairs.has(`${r.from} ${r.to}`))
        issue(['maps', i, 'relations', j], `Two relations connect the same two nodes (relation “${r.ref}”).`)
      pairs.add(`${r.from} ${r.to}`)
    })
    const seqs = new Set<number>()
    m.operations.forEach((o, j) => {
      person(o.actor, ['maps', i, 'operations', j, 'actor'])
      if (seqs.has(o.seq)) issue(['maps', i, 'operations', j, 'seq'], `A map lists change ${o.seq} twice.`)
      seqs.add(o.seq)
    })
    m.feedback.forEach((f, j) => {
      person(f.author, ['maps', i, 'feedback', j, 'author'])
      if (f.node !== null && !nodes.has(f.node))
        issue(['maps', i, 'feedback', j, 'node'], 'Feedback is pinned to a node that is not in its map.')
      if (f.relation !== null && !relations.has(f.relation))
        issue(['maps', i, 'feedback', j, 'relation'], 'Feedback is pinned to a relation that is not in its map.')
    })
  })
})

export type SeminarArchive = z.infer<typeof SeminarArchive>
/** The archive as written to a file (dates as ISO text). */
export type SeminarArchiveFile = z.input<typeof SeminarArchive>

export const SOURCE_COLUMNS = Object.keys(SourceColumns) as (keyof typeof SourceColumns)[]
export const HIGHLIGHT_COLUMNS = Object.keys(HighlightColumns) as (keyof typeof HighlightColumns)[]

/** The `keys` of `row`, as they are. */
export function columnsOf<Row, Key extends keyof Row>(row: Row, keys: readonly Key[]): Pick<Row, Key> {
  return Object.fromEntries(keys.map((key) => [key, row[key]])) as Pick<Row, Key>
}
