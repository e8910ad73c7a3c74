// Writes the demo seminar's life into a freshly seeded group, inside the seed's transaction: the
// students' highlights, notes and threads, the instructor's correction of one essay (its
// highlights placed again as an edit places them), the group's debate map and each student's
// submitted map with feedback. Maps are written through applyBulk, so their operation logs replay
// to the stored maps like any other map's.
import { anchorAt, reanchor, TextEdit } from '@/lib/annotations/anchoring'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { MapAccess } from '@/lib/maps/access'
import { applyBulk } from '@/lib/maps/bulk'
import { layeredLayout } from '@/lib/maps/layout'
import type { MapState } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'
import { contentHashOf } from '@/lib/sources/content-hash'
import { StoredLayout } from '@/lib/sources/editing/schema'
import { relayout } from '@/lib/sources/relayout'
import { DEMO_EDIT, DEMO_HIGHLIGHTS, type DemoHighlight, type DemoStudent } from './demo-highlights'
import {
  DEMO_GROUP_MAP,
  DEMO_PERSONAL_MAPS,
  DEMO_RUBRIC,
  GROUP_MAP_BUILDERS,
  type DemoMap,
  type DemoNode,
} from './demo-maps'
import { newId } from '@/lib/ids'

type Tx = Prisma.TransactionClient

export interface SeededSeminar {
  group: { id: string; name: string; description: string }
  instructorId: string
  students: Record<DemoStudent, string>
  /** In DEMO_ESSAYS order. */
  sources: { id: string; text: string; layout: Prisma.JsonValue }[]
}

const HOUR = 3_600_000
const paragraphNote = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})

/** The quote's one place in its essay; a quote that is not there is a mistake in the demo data. */
export function placeOf(text: string, highlight: DemoHighlight): { start: number; end: number } {
  const start = text.indexOf(highlight.quote)
  if (start < 0 || text.indexOf(highlight.quote, start + 1) >= 0)
    throw new Error(`Demo highlight “${highlight.key}” must quote its essay exactly once.`)
  return { start, end: start + highlight.quote.length }
}

export async function seedDemoActivity(tx: Tx, seminar: SeededSeminar): Promise<void> {
  // The seminar's week, told in order: reading, the edit, the maps, the feedback.
  const weekAgo = Date.now() - 7 * 24 * HOUR
  const highlightIds = await seedHighlights(tx, seminar, weekAgo)
  await seedEdit(tx, seminar, new Date(weekAgo + 4 * 24 * HOUR))
  await tx.group.update({ where: { id: seminar.group.id }, data: { rubric: DEMO_RUBRIC } })
  await seedGroupMap(tx, seminar, highlightIds)
  for (const personal of DEMO_PERSONAL_MAPS) {
    const ownerId = seminar.students[personal.owner]
    const { mapId, nodeIds } = await seedMap(
      tx,
      seminar,
      personal,
      highlightIds,
      'PERSONAL',
      [[ownerId, personal.nodes.map(nameOf)]],
      ownerId,
    )
    await tx.argumentMap.update({ where: { id: mapId }, data: { status: 'SUBMITTED' } })
    const feedback = [
      ...personal.pinned.map((pin) => ({ nodeId: nodeIds.get(pin.node)!, body: pin.text })),
      {
        nodeId: null,
        body: personal.overall.text,
        score: personal.overall.scores.reduce((sum, p) => sum + p, 0),
        rubricScores: DEMO_RUBRIC.map((c, i) => ({ name: c.name, points: personal.overall.scores[i]!, max: c.points })),
      },
    ]
    for (const item of feedback) await tx.feedback.create({ data: { mapId, authorId: seminar.instructorId, ...item } })
  }
}

async function seedHighlights(tx: Tx, seminar: SeededSeminar, from: number): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  const authorOf = (by: DemoStudent | 'instructor') =>
    by === 'instructor' ? seminar.instructorId : seminar.students[by]
  for (const [i, highlight] of DEMO_HIGHLIGHTS.entries()) {
    const source = seminar.sources[highlight.essay]!
    const { start, end } = placeOf(source.text, highlight)
    const createdAt = new Date(from + i * 2 * HOUR)
    const row = await tx.highlight.create({
      data: {
        sourceId: source.id,
        authorId: authorOf(highlight.by),
        tag: highlight.tag,
        ...anchorAt(source.text, start, end),
        sourceVersion: 1,
        note: highlight.note ? paragraphNote(highlight.note) : undefined,
        // Written then, never edited since (the reader marks edited replies).
        createdAt,
        updatedAt: createdAt,
      },
    })
    ids.set(highlight.key, row.id)
    for (const [n, [by, text]] of (highlight.replies ?? []).entries()) {
      const at = new Date(createdAt.getTime() + (n + 1) * 3 * HOUR)
      await tx.reply.create({
        data: {
          highlightId: row.id,
          authorId: authorOf(by),
          body: paragraphNote(text),
          createdAt: at,
          updatedAt: at,
        },
      })
    }
  }
  return ids
}

/** The instructor's correction, saved the way an edit is saved (lib/sources/save-text.ts). */
async function seedEdit(tx: Tx, seminar: SeededSeminar, at: Date): Promise<void> {
  const source = seminar.sources[DEMO_EDIT.essay]!
  let text = source.text
  for (const [before, after] of DEMO_EDIT.replacements) text = text.replace(before, after)
  await tx.sourceRevision.create({
    data: {
      sourceId: source.id,
      version: 1,
      text: source.text,
      contentHash: contentHashOf(source.text),
      createdById: seminar.instructorId,
      createdAt: at,
    },
  })
  await tx.source.update({
    where: { id: source.id },
    data: {
      text,
      contentHash: contentHashOf(text),
      version: 2,
      layout: relayout(source.text, StoredLayout.parse(source.layout), text) as object[],
      updatedAt: at,
    },
  })
  const edit = new TextEdit(source.text, text)
  for (const highlight of await tx.highlight.findMany({ where: { sourceId: source.id } })) {
    const placed = reanchor(highlight, text, edit)
    if (placed.status === 'ORPHANED') throw new Error(`The demo edit must keep “${highlight.exact}” in the text.`)
    await tx.highlight.update({
      where: { id: highlight.id },
      data: { ...anchorAt(text, placed.start, placed.end), anchorStatus: placed.status, sourceVersion: 2 },
    })
  }
  seminar.sources[DEMO_EDIT.essay] = { ...source, text }
}

const highlightByKey = new Map(DEMO_HIGHLIGHTS.map((h) => [h.key, h]))

/** A node's name in the demo maps: its highlight's key, or its note's name. */
const nameOf = (node: DemoNode) => (typeof node === 'string' ? node : node.name)

/** What a node shows: its highlight's tag and passage (cut to a label's length), or its note. */
function contentOf(
  node: DemoNode,
  highlightIds: Map<string, string>,
): Pick<MapState['nodes'][number], 'kind' | 'label' | 'highlightId'> {
  if (typeof node !== 'string') return { kind: 'NOTE', label: node.note, highlightId: null }
  const highlight = highlightByKey.get(node)!
  return { kind: highlight.tag, label: highlight.quote.slice(0, 500), highlightId: highlightIds.get(node)! }
}

async function seedGroupMap(tx: Tx, seminar: SeededSeminar, highlightIds: Map<string, string>): Promise<void> {
  // Each builder adds the passages they highlighted; the first adds the notes too.
  const turns = GROUP_MAP_BUILDERS.map((builder, i): [string, string[]] => [
    seminar.students[builder],
    DEMO_GROUP_MAP.nodes
      .filter((node) => (typeof node === 'string' ? highlightByKey.get(node)!.by === builder : i === 0))
      .map(nameOf),
  ])
  await seedMap(tx, seminar, DEMO_GROUP_MAP, highlightIds, 'GROUP', turns, null)
}

/**
 * Creates a map and adds its nodes in turns (who, which nodes), then its relations as the first
 * one; laid out the way "Tidy" lays a map out.
 */
async function seedMap(
  tx: Tx,
  seminar: SeededSeminar,
  map: DemoMap,
  highlightIds: Map<string, string>,
  kind: 'GROUP' | 'PERSONAL',
  turns: [string, string[]][],
  ownerId: string | null,
): Promise<{ mapId: string; nodeIds: Map<string, string> }> {
  const nodeIds = new Map(map.nodes.map((node) => [nameOf(node), newId()]))
  const state: MapState = {
    nodes: map.nodes.map((node) => ({
      id: nodeIds.get(nameOf(node))!,
      ...contentOf(node, highlightIds),
      x: 0,
      y: 0,
      version: 1,
    })),
    relations: map.relations.map(([from, kind, to, label = '']) => ({
      id: newId(),
      fromId: nodeIds.get(from)!,
      toId: nodeIds.get(to)!,
      kind,
      label,
    })),
  }
  const placed = new Map(layeredLayout(state).map((p) => [p.nodeId, p]))
  const row = await tx.argumentMap.create({ data: { groupId: seminar.group.id, ownerId, kind, title: map.title } })
  const access: MapAccess = {
    group: { ...seminar.group, readFirst: false, archivedAt: null },
    role: 'STUDENT',
    standing: 'student',
    archived: false,
    map: { id: row.id, groupId: seminar.group.id, ownerId, kind, status: 'DRAFT', title: map.title, seq: 0 },
    isOwner: ownerId !== null,
  }
  for (const [actorId, nodes] of turns) {
    const ops: Operation[] = state.nodes
      .filter((n) => nodes.some((id) => nodeIds.get(id) === n.id))
      .map((n) => ({
        type: 'node.add',
        node: {
          id: n.id,
          kind: n.kind,
          label: n.label,
          highlightId: n.highlightId,
          x: placed.get(n.id)!.x,
          y: placed.get(n.id)!.y,
        },
      }))
    if (ops.length > 0) await applyBulk(tx, access, actorId, () => ops)
  }
  await applyBulk(tx, access, turns[0]![0], () =>
    state.relations.map((relation) => ({ type: 'relation.add' as const, relation })),
  )
  return { mapId: row.id, nodeIds }
}
