// Everything Colloquy keeps that is a person's own, as one JSON file they can download before
// deleting their account (or at any time): their groups, highlights with notes and the replies
// on them, their replies elsewhere, and their personal maps with the feedback on them.
import { notePlainText } from '@/lib/annotations/note-text'
import type { NoteDoc } from '@/lib/annotations/note'
import { db } from '@/lib/db'
import { Unauthenticated } from '@/lib/errors'
import type { Actor } from '@/lib/groups/access'

const text = (doc: unknown) => notePlainText(doc as NoteDoc | null, { links: true })

export async function personalData(actor: Actor, now = new Date()) {
  if (!actor) throw new Unauthenticated()
  const person = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { name: true, email: true, createdAt: true },
  })
  const [memberships, highlights, replies, maps] = await Promise.all([
    db.membership.findMany({
      where: { userId: actor.id },
      select: { role: true, joinedAt: true, group: { select: { name: true } } },
      orderBy: { joinedAt: 'asc' },
    }),
    db.highlight.findMany({
      where: { authorId: actor.id },
      orderBy: { createdAt: 'asc' },
      include: {
        source: { select: { title: true, group: { select: { name: true } } } },
        replies: {
          orderBy: { createdAt: 'asc' },
          select: { body: true, createdAt: true, author: { select: { name: true } } },
        },
      },
    }),
    db.reply.findMany({
      where: { authorId: actor.id, highlight: { authorId: { not: actor.id } } },
      orderBy: { createdAt: 'asc' },
      select: {
        body: true,
        createdAt: true,
        highlight: { select: { exact: true, source: { select: { title: true, group: { select: { name: true } } } } } },
      },
    }),
    db.argumentMap.findMany({
      where: { ownerId: actor.id },
      orderBy: { createdAt: 'asc' },
      include: {
        group: { select: { name: true } },
        nodes: {
          orderBy: { createdAt: 'asc' },
          include: { highlight: { select: { exact: true, source: { select: { title: true } } } } },
        },
        relations: true,
        feedback: { orderBy: { createdAt: 'asc' }, include: { author: { select: { name: true } } } },
      },
    }),
  ])
  return {
    format: 'colloquy-personal-data',
    version: 1,
    exportedAt: now.toISOString(),
    person: { name: person.name, email: person.email, since: person.createdAt.toISOString() },
    groups: memberships.map((m) => ({
      name: m.group.name,
      role: m.role.toLowerCase(),
      joinedAt: m.joinedAt.toISOString(),
    })),
    highlights: highlights.map((h) => ({
      group: h.source.group.name,
      source: h.source.title,
      tag: h.tag.toLowerCase(),
      visibility: h.visibility.toLowerCase(),
      quote: h.exact,
      position: { start: h.start, end: h.end, prefix: h.prefix, suffix: h.suffix },
      note: h.note === null ? null : text(h.note),
      createdAt: h.createdAt.toISOString(),
      replies: h.replies.map((r) => ({ by: r.author.name, text: text(r.body), at: r.createdAt.toISOString() })),
    })),
    repliesToOthers: replies.map((r) => ({
      group: r.highlight.source.group.name,
      source: r.highlight.source.title,
      on: r.highlight.exact,
      text: text(r.body),
      at: r.createdAt.toISOString(),
    })),
    maps: maps.map((m) => {
      const labelOf = new Map(m.nodes.map((n) => [n.id, n.label]))
      return {
        group: m.group.name,
        title: m.title,
        status: m.status.toLowerCase(),
        nodes: m.nodes.map((n) => ({
          id: n.id,
          kind: n.kind.toLowerCase(),
          label: n.label,
          cites: n.highlight ? { source: n.highlight.source.title, quote: n.highlight.exact } : null,
        })),
        relations: m.relations.map((r) => ({ from: r.fromId, to: r.toId, kind: r.kind.toLowerCase(), label: r.label })),
        feedback: m.feedback.map((f) => ({
          by: f.author.name,
          on: f.nodeId ? (labelOf.get(f.nodeId) ?? null) : null,
          text: f.body,
          score: f.score,
          rubric: f.rubricScores,
        })),
      }
    }),
  }
}
