// Imports a seminar archive as a new group whose instructor is the importing user. The file is
// parsed and checked in a worker thread on a budget (lib/jobs), then written in one transaction.
// Everything gets a new id (the same archive can be imported twice), and ids inside the map
// history are rewritten to match. The people in the file become locked accounts of their own,
// named as in the file, with no way to sign in: a file must never attach work to a real account
// here, so only the importer's own entry (the exporter's) is mapped to the importer.
import { db } from '@/lib/db'
import { Invalid, Unauthenticated } from '@/lib/errors'
import type { Actor } from '@/lib/groups/access'
import { joinCodeExpiry, newJoinCode } from '@/lib/groups/join-code'
import { runJob } from '@/lib/jobs/run-job'
import { newId } from '@/lib/ids'
import { columnsOf, HIGHLIGHT_COLUMNS, SOURCE_COLUMNS, type SeminarArchive } from './schema'

/** Rows per INSERT: far below PostgreSQL's limit of bound parameters. */
const BATCH = 500
/** No argon2 hash has this form, so no password ever matches it. */
export const LOCKED_PASSWORD = '!imported-account-without-password'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function rewriteIds(value: Json, ids: Map<string, string>): Json {
  if (typeof value === 'string') return ids.get(value) ?? value
  if (Array.isArray(value)) return value.map((item) => rewriteIds(item, ids))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteIds(item, ids)]))
  return value
}

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH))
}

/** A value handed over as JSON text: nesting too deep to copy to a worker is refused here. */
function jsonBytes(value: unknown): Uint8Array {
  try {
    return new TextEncoder().encode(JSON.stringify(value) ?? 'null')
  } catch {
    throw new Invalid('This archive is nested too deeply to be a Colloquy seminar archive.')
  }
}

/** `file` is the uploaded bytes (gzip or JSON) or the archive's JSON value. Returns the new group. */
export async function importSeminarArchive(actor: Actor, file: unknown): Promise<{ id: string; name: string }> {
  if (!actor) throw new Unauthenticated()
  const archive: SeminarArchive = await runJob(
    'parse-archive',
    { bytes: file instanceof Uint8Array ? file : jsonBytes(file) },
    { owner: actor.id },
  )

  const ids = new Map<string, string>()
  const idOf = (ref: string) => {
    let id = ids.get(ref)
    if (!id) ids.set(ref, (id = newId()))
    return id
  }
  const person = (ref: string) => (ref === archive.exportedBy ? actor.id : idOf(`person:${ref}`))
  const local = (kind: string, ref: string) => idOf(`${kind}:${ref}`)
  const groupId = newId()
  // The history's payloads name nodes, relations and highlights by their old ids.
  const historyIds = new Map<string, string>()
  for (const h of archive.highlights) historyIds.set(h.ref, local('highlight', h.ref))
  for (const m of archive.maps) {
    for (const n of m.nodes) historyIds.set(n.ref, local(`node:${m.ref}`, n.ref))
    for (const r of m.relations) historyIds.set(r.ref, local(`relation:${m.ref}`, r.ref))
  }

  await db.$transaction(
    async (tx) => {
      const others = archive.people.filter((p) => p.ref !== archive.exportedBy)
      await inBatches(others, (batch) =>
        tx.user.createMany({
          data: batch.map((p) => ({
            id: person(p.ref),
            name: p.name,
            email: `${person(p.ref)}@imported.invalid`,
            passwordHash: LOCKED_PASSWORD,
          })),
        }),
      )
      await tx.group.create({
        data: {
          id: groupId,
          name: archive.group.name,
          description: archive.group.description,
          readFirst: archive.group.readFirst,
          rubric: archive.group.rubric,
          joinCode: newJoinCode(),
          joinCodeExpiresAt: joinCodeExpiry(),
          createdById: actor.id,
        },
      })
      const members = [
        { groupId, userId: actor.id, role: 'INSTRUCTOR' as const },
        ...others.flatMap((p) => (p.role ? [{ groupId, userId: person(p.ref), role: p.role }] : [])),
      ]
      await tx.membership.createMany({ data: members })

      await inBatches(archive.sources, (batch) =>
        tx.source.createMany({
          data: batch.map((s) => ({
            id: local('source', s.ref),
            groupId,
            ...columnsOf(s, SOURCE_COLUMNS),
            droppedBlocks: s.droppedBlocks as never,
            layout: s.layout,
            createdById: person(s.createdBy),
            createdAt: s.createdAt,
            updatedAt: s.updatedAt,
          })),
        }),
      )
      const revisions = archive.sources.flatMap((s) =>
        s.revisions.map((r) => ({
          id: newId(),
          sourceId: local('source', s.ref),
          version: r.version,
          text: r.text,
          contentHash: r.contentHash,
          createdById: person(r.createdBy),
          createdAt: r.createdAt,
        })),
      )
      await inBatches(revisions, (batch) => tx.sourceRevision.createMany({ data: batch }))

      await inBatches(archive.highlights, (batch) =>
        tx.highlight.createMany({
          data: batch.map((h) => ({
            id: local('highlight', h.ref),
            sourceId: local('source', h.source),
            authorId: person(h.author),
            ...columnsOf(h, HIGHLIGHT_COLUMNS),
            note: h.note ?? undefined,
            createdAt: h.createdAt,
            updatedAt: h.updatedAt,
          })),
        }),
      )
      const replies = archive.highlights.flatMap((h) =>
        h.replies.map((r) => ({
          id: newId(),
          highlightId: local('highlight', h.ref),
          authorId: person(r.author),
          body: r.body,
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
        })),
      )
      await inBatches(replies, (batch) => tx.reply.createMany({ data: batch }))

      await inBatches(archive.maps, (batch) =>
        tx.argumentMap.createMany({
          data: batch.map((m) => ({
            id: local('map', m.ref),
            groupId,
            ownerId: m.owner === null ? null : person(m.owner),
            kind: m.kind,
            title: m.title,
            status: m.status,
            seq: m.seq,
            feedbackSeenAt: m.feedbackSeenAt,
            createdAt: m.createdAt,
            updatedAt: m.updatedAt,
          })),
        }),
      )
      for (const m of archive.maps) {
        const mapId = local('map', m.ref)
        const node = (ref: string) => local(`node:${m.ref}`, ref)
        const relation = (ref: string) => local(`relation:${m.ref}`, ref)
        await inBatches(m.nodes, (batch) =>
          tx.mapNode.createMany({
            data: batch.map((n) => ({
              id: node(n.ref),
              mapId,
              kind: n.kind,
              label: n.label,
              highlightId: n.highlight === null ? null : local('highlight', n.highlight),
              x: n.x,
              y: n.y,
              version: n.version,
              createdAt: n.createdAt,
            })),
          }),
        )
        await inBatches(m.relations, (batch) =>
          tx.mapRelation.createMany({
            data: batch.map((r) => ({
              id: relation(r.ref),
              mapId,
              fromId: node(r.from),
              toId: node(r.to),
              kind: r.kind,
              label: r.label,
            })),
          }),
        )
        await inBatches(m.operations, (batch) =>
          tx.mapOperation.createMany({
            data: batch.map((o) => ({
              id: newId(),
              mapId,
              seq: o.seq,
              actorId: person(o.actor),
              type: o.type,
              payload: rewriteIds(o.payload as Json, historyIds) as never,
              createdAt: o.createdAt,
            })),
          }),
        )
        await inBatches(m.feedback, (batch) =>
          tx.feedback.createMany({
            data: batch.map((f) => ({
              id: newId(),
              mapId,
              authorId: person(f.author),
              nodeId: f.node === null ? null : node(f.node),
              relationId: f.relation === null ? null : relation(f.relation),
              body: f.body,
              score: f.score,
              rubricScores: (f.rubricScores ?? undefined) as never,
              createdAt: f.createdAt,
            })),
          }),
        )
      }
    },
    { timeout: 120_000, maxWait: 10_000 },
  )
  return { id: groupId, name: archive.group.name }
}
