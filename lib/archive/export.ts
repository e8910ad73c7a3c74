// A whole seminar, as its instructor may see it, written as an archive (see schema.ts). Database
// ids become the file's labels; people are listed by label and name only.
import { gzipSync } from 'fflate'
import { db } from '@/lib/db'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { StoredLayout } from '@/lib/sources/editing/schema'
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  columnsOf,
  HIGHLIGHT_COLUMNS,
  SOURCE_COLUMNS,
  type SeminarArchiveFile,
} from './schema'

const iso = (date: Date) => date.toISOString()
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null)

export async function exportSeminarArchive(
  actor: Actor,
  groupId: unknown,
): Promise<{ archive: SeminarArchiveFile; groupName: string }> {
  const { group } = await authorizeInGroup(actor, groupId, 'group:archive')
  const [settings, members, sources, highlights, maps] = await Promise.all([
    db.group.findUniqueOrThrow({ where: { id: group.id }, select: { rubric: true } }),
    db.membership.findMany({ where: { groupId: group.id }, select: { userId: true, role: true } }),
    db.source.findMany({
      where: { groupId: group.id },
      include: { revisions: { orderBy: { version: 'asc' } } },
      orderBy: { createdAt: 'asc' },
    }),
    db.highlight.findMany({
      where: { source: { groupId: group.id } },
      include: { replies: { orderBy: { createdAt: 'asc' } } },
      orderBy: { createdAt: 'asc' },
    }),
    db.argumentMap.findMany({
      where: { groupId: group.id },
      include: {
        nodes: true,
        relations: true,
        operations: { orderBy: { seq: 'asc' } },
        feedback: { orderBy: { createdAt: 'asc' } },
      },
      orderBy: { createdAt: 'asc' },
    }),
  ])

  // Everyone who appears: members, and former members whose work stayed.
  const roles = new Map(members.map((m) => [m.userId, m.role]))
  const authors = new Set<string>(roles.keys())
  for (const s of sources) [s.createdById, ...s.revisions.map((r) => r.createdById)].forEach((id) => authors.add(id))
  for (const h of highlights) [h.authorId, ...h.replies.map((r) => r.authorId)].forEach((id) => authors.add(id))
  for (const m of maps) {
    if (m.ownerId) authors.add(m.ownerId)
    m.operations.forEach((o) => authors.add(o.actorId))
    m.feedback.forEach((f) => authors.add(f.authorId))
  }
  const people = await db.user.findMany({
    where: { id: { in: [...authors] } },
    select: { id: true, name: true },
    orderBy: { createdAt: 'asc' },
  })

  const archive: SeminarArchiveFile = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: new Date().toISOString(),
    exportedBy: actor?.id && authors.has(actor.id) ? actor.id : null,
    group: {
      name: group.name,
      description: group.description,
      readFirst: group.readFirst,
      rubric: settings.rubric as { name: string; points: number }[],
    },
    people: people.map((p) => ({ ref: p.id, name: p.name, role: roles.get(p.id) ?? null })),
    sources: sources.map((s) => ({
      ref: s.id,
      ...columnsOf(s, SOURCE_COLUMNS),
      droppedBlocks: s.droppedBlocks as never[],
      layout: StoredLayout.parse(s.layout),
      createdBy: s.createdById,
      createdAt: iso(s.createdAt),
      updatedAt: iso(s.updatedAt),
      revisions: s.revisions.map((r) => ({
        version: r.version,
        text: r.text,
        contentHash: r.contentHash,
        createdBy: r.createdById,
        createdAt: iso(r.createdAt),
      })),
    })),
    highlights: highlights.map((h) => ({
      ref: h.id,
      source: h.sourceId,
      author: h.authorId,
      ...columnsOf(h, HIGHLIGHT_COLUMNS),
      note: h.note as never,
      createdAt: iso(h.createdAt),
      updatedAt: iso(h.updatedAt),
      replies: h.replies.map((r) => ({
        author: r.authorId,
        body: r.body as never,
        createdAt: iso(r.createdAt),
        updatedAt: iso(r.updatedAt),
      })),
    })),
    maps: maps.map((m) => ({
      ref: m.id,
      kind: m.kind,
      owner: m.ownerId,
      title: m.title,
      status: m.status,
      seq: m.seq,
      feedbackSeenAt: isoOrNull(m.feedbackSeenAt),
      createdAt: iso(m.createdAt),
      updatedAt: iso(m.updatedAt),
      nodes: m.nodes.map((n) => ({
        ref: n.id,
        kind: n.kind,
        label: n.label,
        highlight: n.highlightId,
        x: n.x,
        y: n.y,
        version: n.version,
        createdAt: iso(n.createdAt),
      })),
      relations: m.relations.map((r) => ({ ref: r.id, from: r.fromId, to: r.toId, kind: r.kind, label: r.label })),
      operations: m.operations.map((o) => ({
        seq: o.seq,
        actor: o.actorId,
        type: o.type,
        payload: o.payload as never,
        createdAt: iso(o.createdAt),
      })),
      feedback: m.feedback.map((f) => ({
        author: f.authorId,
        node: f.nodeId,
        relation: f.relationId,
        body: f.body,
        score: f.score,
        rubricScores: f.rubricScores as never,
        createdAt: iso(f.createdAt),
      })),
    })),
  }
  return { archive, groupName: group.name }
}

/** The archive as a download: gzip of its JSON. */
export function archiveFile(archive: SeminarArchiveFile): Uint8Array {
  return gzipSync(new TextEncoder().encode(JSON.stringify(archive)), { level: 6 })
}
