// Colloquy's own JSON backup of a map: written from what the exporting user may see, and read
// back as a new personal map, built through the operation log in one transaction so the log
// replays to it. Ids in a backup are only labels: every node and relation gets a fresh id, and
// every citation must name a passage the importing user can see in the target group.
import { z } from 'zod'
import { db } from '@/lib/db'
import { Invalid } from '@/lib/errors'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { Id } from '@/lib/ids'
import { MAX_HIGHLIGHT_CHARS } from '@/lib/annotations/schema'
import type { MapAccess } from '@/lib/maps/access'
import { diffStates } from '@/lib/maps/diff'
import { newId } from '@/lib/maps/mutations'
import { applyAllInTransaction } from '@/lib/maps/operations'
import { citablePassages } from '@/lib/maps/queries'
import type { MapState } from '@/lib/maps/reducer'
import { MAX_LABEL_CHARS, MAX_NODES, MAX_RELATION_LABEL_CHARS, NodeKindInput, RelationKindInput } from '@/lib/maps/schema'
import { isSingleLineText, isStorableText } from '@/lib/validation'
import { citationsByHighlight, type MapSnapshot } from './snapshot'

export const MAX_BACKUP_BYTES = 2 * 1024 * 1024
/** Far more than a readable map holds; the 2 MB limit on the file bounds it first in practice. */
const MAX_RELATIONS = 10_000
const MAX_LISTED = 5

const NOT_A_BACKUP = 'This file is not a Colloquy map backup.'

const BackupId = z.string({ error: 'Every node and relation in the backup needs an id.' }).min(1, 'An id in the backup is empty.').max(64, 'An id in the backup is longer than 64 characters.')
const Coordinate = z.number({ error: 'Node positions are numbers.' }).finite().min(-1e6, 'A node lies too far off the map.').max(1e6, 'A node lies too far off the map.')

const BackupNode = z.object({
  id: BackupId,
  kind: NodeKindInput,
  label: z
    .string({ error: 'A node needs a label.' })
    .max(MAX_LABEL_CHARS, `A node label can be at most ${MAX_LABEL_CHARS} characters.`)
    .refine(isStorableText, 'A node label contains characters that cannot be shown.'),
  x: Coordinate,
  y: Coordinate,
  citation: z
    .object({
      highlightId: z.string({ error: 'A citation needs the id of its highlight.' }).max(64, 'A highlight id is longer than 64 characters.'),
      sourceTitle: z.string({ error: 'A citation needs the title of its source.' }).max(300, 'A source title is longer than 300 characters.'),
      exact: z.string({ error: 'A citation needs its quoted passage.' }).max(MAX_HIGHLIGHT_CHARS, 'A quoted passage is too long.'),
    })
    .nullable()
    .default(null),
})

const BackupRelation = z.object({
  id: BackupId,
  fromId: BackupId,
  toId: BackupId,
  kind: RelationKindInput,
  label: z
    .string({ error: 'A relation label is text.' })
    .trim()
    .max(MAX_RELATION_LABEL_CHARS, `A relation label can be at most ${MAX_RELATION_LABEL_CHARS} characters.`)
    .refine(isStorableText, 'A relation label contains characters that cannot be shown.')
    .default(''),
})

export const MapBackup = z
  .object(
    {
      format: z.literal('colloquy-map', { error: NOT_A_BACKUP }),
      version: z.literal(1, { error: 'This backup comes from another version of Colloquy and cannot be read here.' }),
      title: z
        .string({ error: 'The backup has no map title.' })
        .trim()
        .min(1, 'The backup has no map title.')
        .max(120, 'The map title in the backup is longer than 120 characters.')
        .refine(isSingleLineText, 'The map title contains characters that cannot be shown.'),
      kind: z.enum(['GROUP', 'PERSONAL'], { error: 'The backup says neither group nor personal map.' }),
      exportedAt: z.string().max(64).optional(),
      nodes: z.array(BackupNode, { error: 'The backup lists no nodes.' }).max(MAX_NODES, `A map can hold at most ${MAX_NODES.toLocaleString('en')} nodes.`),
      relations: z
        .array(BackupRelation, { error: 'The backup lists no relations.' })
        .max(MAX_RELATIONS, `A backup can hold at most ${MAX_RELATIONS.toLocaleString('en')} relations.`),
    },
    { error: NOT_A_BACKUP },
  )
  .superRefine((backup, ctx) => {
    const nodeIds = new Set<string>()
    backup.nodes.forEach((node, i) => {
      if (nodeIds.has(node.id)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `Two nodes in the backup share the id “${node.id}”.` })
      nodeIds.add(node.id)
    })
    const relationIds = new Set<string>()
    const pairs = new Set<string>()
    backup.relations.forEach((relation, i) => {
      const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['relations', i], message })
      if (relationIds.has(relation.id)) issue(`Two relations in the backup share the id “${relation.id}”.`)
      relationIds.add(relation.id)
      if (!nodeIds.has(relation.fromId) || !nodeIds.has(relation.toId)) return issue(`Relation “${relation.id}” connects a node that is not in the backup.`)
      if (relation.fromId === relation.toId) return issue('A node cannot support or attack itself.')
      // The map allows one relation per pair of nodes, whichever way it points.
      const pair = [relation.fromId, relation.toId].sort().join('\u0000')
      if (pairs.has(pair)) issue(`Two relations in the backup connect the same two nodes (relation “${relation.id}”).`)
      pairs.add(pair)
    })
  })
export type MapBackup = z.infer<typeof MapBackup>

const ImportMapBackup = z.object({ groupId: Id, backup: MapBackup })

export function exportMapBackup(snapshot: MapSnapshot, exportedAt: Date): MapBackup {
  const citationOf = citationsByHighlight(snapshot)
  return {
    format: 'colloquy-map',
    version: 1,
    title: snapshot.title,
    kind: snapshot.kind,
    exportedAt: exportedAt.toISOString(),
    nodes: snapshot.state.nodes.map((node) => {
      const citation = citationOf(node)
      return {
        id: node.id,
        kind: node.kind,
        label: node.label,
        x: node.x,
        y: node.y,
        citation: citation && { highlightId: citation.highlightId, sourceTitle: citation.sourceTitle, exact: citation.exact },
      }
    }),
    relations: snapshot.state.relations.map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId, kind: r.kind, label: r.label })),
  }
}

type BackupCitation = NonNullable<MapBackup['nodes'][number]['citation']>

const quoteKey = (sourceTitle: string, exact: string) => `${sourceTitle.trim()}\u0000${exact}`

/**
 * The highlight each cited node will point at: the one it names if the actor can see it in this
 * group, otherwise one the actor can see there with the same quote in a source of the same title.
 */
async function resolveCitations(actor: Actor, groupId: string, nodes: MapBackup['nodes']): Promise<Map<string, string>> {
  const citations = nodes.flatMap((node) => (node.citation ? [node.citation] : []))
  const resolved = new Map<string, string>()
  if (citations.length === 0) return resolved
  const named = await citablePassages(actor, groupId, [...new Set(citations.map((c) => c.highlightId))])
  const visible = new Set(named.map((p) => p.highlightId))
  const byQuote = new Map<string, string>()
  if (citations.some((c) => !visible.has(c.highlightId))) {
    for (const p of await citablePassages(actor, groupId)) {
      if (!byQuote.has(quoteKey(p.sourceTitle, p.exact))) byQuote.set(quoteKey(p.sourceTitle, p.exact), p.highlightId)
    }
  }
  const missing = new Map<string, { citation: BackupCitation; index: number }>()
  nodes.forEach((node, index) => {
    const citation = node.citation
    if (!citation) return
    const highlightId = visible.has(citation.highlightId) ? citation.highlightId : byQuote.get(quoteKey(citation.sourceTitle, citation.exact))
    if (highlightId) resolved.set(node.id, highlightId)
    else if (!missing.has(citation.highlightId)) missing.set(citation.highlightId, { citation, index })
  })
  if (missing.size > 0) throw missingCitations([...missing.values()])
  return resolved
}

function missingCitations(missing: { citation: BackupCitation; index: number }[]): Invalid {
  const short = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text)
  const named = (c: BackupCitation) => `“${short(c.exact.replace(/\s+/g, ' ').trim())}” (${short(c.sourceTitle.trim()) || 'untitled source'})`
  const listed = missing.slice(0, MAX_LISTED).map((m) => named(m.citation))
  const more = missing.length > MAX_LISTED ? `, and ${missing.length - MAX_LISTED} more` : ''
  const what = missing.length === 1 ? 'This citation does not match a passage' : `${missing.length} citations do not match passages`
  return new Invalid(
    `${what} you can see in this group: ${listed.join(', ')}${more}. Import the backup into the group it came from, or add those highlights here first. Nothing was imported.`,
    Object.fromEntries(missing.map((m) => [`backup.nodes.${m.index}.citation`, `No passage you can see in this group matches ${named(m.citation)}.`])),
  )
}

/** A new personal map of the actor's from a backup; nothing is created unless all of it fits. */
export async function importMapBackup(actor: Actor, input: unknown): Promise<{ id: string }> {
  const { groupId, backup } = ImportMapBackup.parse(input)
  const access = await authorizeInGroup(actor, groupId, 'map:create')
  const highlightOf = await resolveCitations(actor, access.group.id, backup.nodes)
  const ids = new Map(backup.nodes.map((node) => [node.id, newId()]))
  const state: MapState = {
    nodes: backup.nodes.map((n) => ({ id: ids.get(n.id)!, kind: n.kind, label: n.label, highlightId: highlightOf.get(n.id) ?? null, x: n.x, y: n.y, version: 1 })),
    relations: backup.relations.map((r) => ({ id: newId(), fromId: ids.get(r.fromId)!, toId: ids.get(r.toId)!, kind: r.kind, label: r.label })),
  }
  return db.$transaction(
    async (tx) => {
      const map = await tx.argumentMap.create({
        data: { groupId: access.group.id, kind: 'PERSONAL', ownerId: actor!.id, title: backup.title },
        select: { id: true, groupId: true, ownerId: true, kind: true, status: true, title: true, seq: true },
      })
      const target: MapAccess = { ...access, map, isOwner: true }
      await applyAllInTransaction(tx, target, actor!.id, diffStates({ nodes: [], relations: [] }, state))
      return { id: map.id }
    },
    // The largest backup (2,000 nodes and as many relations) takes over a minute of operations.
    { timeout: 180_000 },
  )
}
