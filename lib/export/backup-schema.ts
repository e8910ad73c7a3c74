// The Colloquy map backup format: what a backup file must hold to be imported (zod), checked in a
// job worker thread for large files (lib/jobs/tasks/check-backup.ts), so no Prisma or Next here.
import { z } from 'zod'
import { MAX_HIGHLIGHT_CHARS } from '@/lib/annotations/schema'
import {
  MAX_LABEL_CHARS,
  MAX_NODES,
  MAX_RELATION_LABEL_CHARS,
  NodeKindInput,
  RelationKindInput,
} from '@/lib/maps/schema'
import { isSingleLineText, isStorableText, requiredText } from '@/lib/validation'

export const MAX_BACKUP_BYTES = 2 * 1024 * 1024
/** Far more than a readable map holds; the 2 MB limit on the file bounds it first in practice. */
const MAX_RELATIONS = 10_000

const NOT_A_BACKUP = 'This file is not a Colloquy map backup.'

const BackupId = z
  .string({ error: 'Every node and relation in the backup needs an id.' })
  .min(1, 'An id in the backup is empty.')
  .max(64, 'An id in the backup is longer than 64 characters.')
const Coordinate = z
  .number({ error: 'Node positions are numbers.' })
  .finite()
  .min(-1e6, 'A node lies too far off the map.')
  .max(1e6, 'A node lies too far off the map.')

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
      highlightId: z
        .string({ error: 'A citation needs the id of its highlight.' })
        .max(64, 'A highlight id is longer than 64 characters.'),
      sourceTitle: z
        .string({ error: 'A citation needs the title of its source.' })
        .max(300, 'A source title is longer than 300 characters.'),
      exact: z
        .string({ error: 'A citation needs its quoted passage.' })
        .max(MAX_HIGHLIGHT_CHARS, 'A quoted passage is too long.'),
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
      title: requiredText(
        'The backup has no map title.',
        120,
        'The map title in the backup is longer than 120 characters.',
      ).refine(isSingleLineText, 'The map title contains characters that cannot be shown.'),
      kind: z.enum(['GROUP', 'PERSONAL'], { error: 'The backup says neither group nor personal map.' }),
      exportedAt: z.string().max(64).optional(),
      nodes: z
        .array(BackupNode, { error: 'The backup lists no nodes.' })
        .max(MAX_NODES, `A map can hold at most ${MAX_NODES.toLocaleString('en')} nodes.`),
      relations: z
        .array(BackupRelation, { error: 'The backup lists no relations.' })
        .max(MAX_RELATIONS, `A backup can hold at most ${MAX_RELATIONS.toLocaleString('en')} relations.`),
    },
    { error: NOT_A_BACKUP },
  )
  .superRefine((backup, ctx) => {
    const nodeIds = new Set<string>()
    backup.nodes.forEach((node, i) => {
      if (nodeIds.has(node.id))
        ctx.addIssue({
          code: 'custom',
          path: ['nodes', i, 'id'],
          message: `Two nodes in the backup share the id “${node.id}”.`,
        })
      nodeIds.add(node.id)
    })
    const relationIds = new Set<string>()
    const pairs = new Set<string>()
    backup.relations.forEach((relation, i) => {
      const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['relations', i], message })
      if (relationIds.has(relation.id)) issue(`Two relations in the backup share the id “${relation.id}”.`)
      relationIds.add(relation.id)
      if (!nodeIds.has(relation.fromId) || !nodeIds.has(relation.toId))
        return issue(`Relation “${relation.id}” connects a node that is not in the backup.`)
      if (relation.fromId === relation.toId) return issue('A node cannot support or attack itself.')
      // The map allows one relation per pair of nodes, whichever way it points.
      const pair = [relation.fromId, relation.toId].sort().join('\u0000')
      if (pairs.has(pair)) issue(`Two relations in the backup connect the same two nodes (relation “${relation.id}”).`)
      pairs.add(pair)
    })
  })
export type MapBackup = z.infer<typeof MapBackup>
