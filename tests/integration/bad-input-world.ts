// The seminar the bad-input battery runs against: a group the actors belong to, a second group they
// do not (whose ids must answer exactly like ids that do not exist), and a fingerprint of every
// table, so a refused call can be shown to have changed nothing at all.
import { randomBytes } from 'node:crypto'
import { createHighlight, createReply } from '@/lib/annotations/mutations'
import { createAssignment } from '@/lib/assignments/mutations'
import { noteFromText } from '@/lib/annotations/note'
import { db } from '@/lib/db'
import { newId } from '@/lib/ids'
import { createMap, submitMap } from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import { eventsNumbered } from '@/lib/realtime/numbering'
import { addFeedback } from '@/lib/review/feedback'
import { createSource } from '@/lib/sources/mutations'
import { groupOf, person } from './fixtures'

export type Person = { id: string; name: string }

/** The kinds of stored rows an input can point at. */
export type RefKind =
  | 'group'
  | 'source'
  | 'highlight'
  | 'reply'
  | 'map'
  | 'node'
  | 'relation'
  | 'feedback'
  | 'user'
  | 'notification'
  | 'assignment'

/** Well-formed (it passes the id check) but names no row. */
export const unknownId = () => `cm${randomBytes(12).toString('hex')}`

export const SENTENCES = 80

const LONG_PARAGRAPH = Array.from(
  { length: SENTENCES },
  (_, i) => `Sentence ${i + 1} weighs the upkeep of bases against deterrence.`,
).join(' ')

/** Paragraph 3 ("Advertisement") is taken for page junk, so the source has a dropped block to restore. */
export const ESSAY = [
  'Why Alliances Endure',
  'Alliances last when both partners gain from them, as the record of the last century shows.',
  'Advertisement',
  LONG_PARAGRAPH,
].join('\n\n')

const CANONICAL_ESSAY = ESSAY.replace('Advertisement\n\n', '')

let passages = 0

/**
 * A selection no earlier call used (a highlight with the same author, offsets and tag is refused
 * as a twin): the start of a sentence, one character longer each time round the paragraph.
 */
export function nextPassage(): { start: number; end: number } {
  const n = passages++
  const start = CANONICAL_ESSAY.indexOf(`Sentence ${(n % SENTENCES) + 1} weighs `)
  return { start, end: start + 12 + Math.floor(n / SENTENCES) }
}

export const nodeAdd = (label: string, extra: Record<string, unknown> = {}) => ({
  type: 'node.add' as const,
  node: { id: newId(), kind: 'CLAIM' as const, label, x: 0, y: 0, ...extra },
})

/** Adds nodes (and a relation from the second to the first when there are two) to a map; returns their ids. */
export async function seedMap(actor: Person, mapId: string, labels: string[], extra: Record<string, unknown> = {}) {
  const nodes: string[] = []
  for (const label of labels) {
    const op = nodeAdd(label, extra)
    await applyMapOperation(actor, { mapId, op })
    nodes.push(op.node.id)
  }
  let relationId: string | undefined
  if (nodes.length >= 2) {
    relationId = newId()
    await applyMapOperation(actor, {
      mapId,
      op: { type: 'relation.add', relation: { id: relationId, fromId: nodes[1], toId: nodes[0], kind: 'SUPPORTS' } },
    })
  }
  return { nodes, relationId }
}

/** Wall-clock times (UTC, the groups' zone) around now, for an assignment that is open. */
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 16)

/** An open assignment on the source, asking for a claim and a map. */
export const assignmentInput = (groupId: string, sourceId: string) => ({
  groupId,
  title: 'Week 3: why alliances endure',
  instructions: 'Read the essay and map its argument.',
  sourceIds: [sourceId],
  minClaims: 1,
  minEvidence: 0,
  minBias: 0,
  requireMap: true,
  opensAt: hoursFromNow(-24),
  dueAt: hoursFromNow(24 * 14),
  allowLate: true,
})

/** One group with a source, a highlight, a reply, a group map, a personal map and feedback on it, and an assignment. */
async function seminar(instructor: Person, students: Person[], title: string) {
  const { groupId } = await groupOf(instructor, students, { name: title })
  const author = students[0]!
  const { id: sourceId } = await createSource(instructor, { groupId, title: 'Why Alliances Endure', text: ESSAY })
  const { id: highlightId } = await createHighlight(author, {
    sourceId,
    ...nextPassage(),
    tag: 'CLAIM',
    note: noteFromText('Shared threats'),
  })
  const { id: replyId } = await createReply(instructor, { highlightId, body: noteFromText('Which threats?') })
  const { id: mapId } = await createMap(instructor, { groupId, title: 'Class map', kind: 'GROUP' })
  const groupMap = await seedMap(author, mapId, ['Alliances last', 'The last century shows it'])
  const { id: personalMapId } = await createMap(author, { groupId, title: 'My map' })
  const personal = await seedMap(author, personalMapId, ['A claim', 'Its evidence'])
  const { id: feedbackId } = await addFeedback(instructor, {
    mapId: personalMapId,
    body: 'Cite the essay.',
    nodeId: personal.nodes[0],
  })
  // The instructor's reply told the author.
  const { id: notificationId } = await db.notification.findFirstOrThrow({
    where: { userId: author.id, replyId },
    select: { id: true },
  })
  const { id: assignmentId } = await createAssignment(instructor, assignmentInput(groupId, sourceId))
  return {
    groupId,
    sourceId,
    highlightId,
    replyId,
    mapId,
    nodeId: groupMap.nodes[0]!,
    otherNodeId: groupMap.nodes[1]!,
    relationId: groupMap.relationId!,
    personalMapId,
    feedbackId,
    notificationId,
    assignmentId,
  }
}

export type Seminar = Awaited<ReturnType<typeof seminar>>

/**
 * Iris teaches Sam and Ann; Olga teaches Oscar in a group of her own. Every case acts in Iris's
 * group; Olga's rows are the "another group" ids.
 */
export async function buildWorld() {
  const [iris, sam, ann, olga, oscar] = [
    await person('Iris'),
    await person('Sam'),
    await person('Ann'),
    await person('Olga'),
    await person('Oscar'),
  ]
  const a = await seminar(iris, [sam, ann], 'Ethics seminar')
  const stored = await db.source.findUniqueOrThrow({
    where: { id: a.sourceId },
    select: { text: true, droppedBlocks: true },
  })
  if (stored.text !== CANONICAL_ESSAY)
    throw new Error('The importer no longer drops the advertisement the fixtures rely on.')
  const b = await seminar(olga, [oscar], 'Olga’s own class')
  const foreign: Record<RefKind, string> = {
    group: b.groupId,
    source: b.sourceId,
    highlight: b.highlightId,
    reply: b.replyId,
    map: b.mapId,
    node: b.nodeId,
    relation: b.relationId,
    feedback: b.feedbackId,
    user: oscar.id,
    notification: b.notificationId,
    assignment: b.assignmentId,
  }
  return { iris, sam, ann, olga, oscar, a, b, foreign }
}

export type World = Awaited<ReturnType<typeof buildWorld>>

/** A fresh group of Iris's, for mutations whose success would change the shared seminar. */
export async function ownGroup(w: World, extraMembers: Person[] = []) {
  const { groupId } = await groupOf(w.iris, extraMembers, { name: `Group ${randomBytes(3).toString('hex')}` })
  return groupId
}

export async function ownSource(w: World) {
  const { id } = await createSource(w.iris, { groupId: w.a.groupId, title: 'Why Alliances Endure', text: ESSAY })
  return id
}

export async function ownHighlight(w: World, author: Person = w.sam) {
  const { id } = await createHighlight(author, { sourceId: w.a.sourceId, ...nextPassage(), tag: 'EVIDENCE' })
  return id
}

export async function ownReply(w: World) {
  const { id } = await createReply(w.sam, { highlightId: w.a.highlightId, body: noteFromText('I agree.') })
  return id
}

export async function ownPersonalMap(w: World, owner: Person = w.sam, { submitted = false } = {}) {
  const { id } = await createMap(owner, { groupId: w.a.groupId, title: 'Working map' })
  const seeded = await seedMap(owner, id, ['First claim', 'Supporting evidence'])
  if (submitted) await submitMap(owner, { mapId: id })
  return { mapId: id, nodes: seeded.nodes, relationId: seeded.relationId! }
}

export const currentSourceVersion = async (sourceId: string) =>
  (await db.source.findUniqueOrThrow({ where: { id: sourceId }, select: { version: true } })).version

// ---------------------------------------------------------------------------------------------
// Fingerprint of the whole database.

let tableNames: string[] | undefined

async function tables(): Promise<string[]> {
  tableNames ??= (
    await db.$queryRaw<{ name: string }[]>`
      SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`
  ).map((row) => row.name)
  return tableNames
}

/**
 * One md5 per table over all its rows, in one round trip. Tables named in `exclude` are left out:
 * only those a refused call may legitimately change (each use says why).
 */
export async function fingerprint(exclude: readonly string[] = []): Promise<Record<string, string>> {
  // The live events of the writes before it are numbered just after their commits: taken once they are.
  await eventsNumbered()
  const names = (await tables()).filter((name) => !exclude.includes(name))
  const sql = names
    .map(
      (name) =>
        `SELECT '${name}' AS name, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS hash FROM "${name}" t`,
    )
    .join(' UNION ALL ')
  const rows = await db.$queryRawUnsafe<{ name: string; hash: string }[]>(sql)
  return Object.fromEntries(rows.map((row) => [row.name, row.hash]))
}

/** How many rows, in all tables, mention any of these strings (ids that must not be written anywhere new). */
export async function rowsMentioning(needles: string[]): Promise<number> {
  const names = await tables()
  const conditions = needles.map((_, i) => `t::text LIKE '%' || $${i + 1} || '%'`).join(' OR ')
  const sql = names.map((name) => `SELECT count(*)::int AS n FROM "${name}" t WHERE ${conditions}`).join(' UNION ALL ')
  const rows = await db.$queryRawUnsafe<{ n: number }[]>(sql, ...needles)
  return rows.reduce((sum, row) => sum + row.n, 0)
}
