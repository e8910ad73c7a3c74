// Inputs of map mutations, and the operations every map edit is made of.
import { z } from 'zod'
import { Id } from '@/lib/ids'
import { isStorableText, requiredLine } from '@/lib/validation'

export const MAX_LABEL_CHARS = 500
export const MAX_NODES = 2000
export const MAX_RELATION_LABEL_CHARS = 80

const Title = requiredLine('title', 120, 'Enter a title for the map.')

const Label = z
  .string({ error: 'A node needs a label.' })
  .max(MAX_LABEL_CHARS, `A node label can be at most ${MAX_LABEL_CHARS} characters.`)
  .refine(isStorableText, 'The label contains characters that cannot be shown.')

const RelationLabel = z
  .string({ error: 'A relation label is text.' })
  .trim()
  .max(MAX_RELATION_LABEL_CHARS, `A relation label can be at most ${MAX_RELATION_LABEL_CHARS} characters.`)
  .refine(isStorableText, 'The relation label contains characters that cannot be shown.')

const Coordinate = z
  .number({ error: 'Positions are numbers.' })
  .finite('Positions are finite numbers.')
  .min(-1e6, 'That position is too far out.')
  .max(1e6, 'That position is too far out.')

export const NodeKindInput = z.enum(['CLAIM', 'EVIDENCE', 'BIAS', 'NOTE'], {
  error: 'A node is a claim, evidence, bias or note.',
})
export const RelationKindInput = z.enum(['SUPPORTS', 'ATTACKS'], { error: 'A relation either supports or attacks.' })

export const CreateMap = z.object({
  groupId: Id,
  title: Title,
  kind: z.enum(['GROUP', 'PERSONAL'], { error: 'A map is either a group map or a personal map.' }).default('PERSONAL'),
})
export const RenameMap = z.object({ mapId: Id, title: Title })
export const MapRef = z.object({ mapId: Id })
/** A personal map handed in, for an assignment of its group or on its own. */
export const SubmitMap = z.object({ mapId: Id, assignmentId: Id.nullish() })

export const Operation = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('node.add'),
      node: z.object({
        id: Id,
        kind: NodeKindInput,
        label: Label,
        highlightId: Id.nullish(),
        x: Coordinate,
        y: Coordinate,
      }),
    }),
    z.object({ type: z.literal('node.move'), nodeId: Id, x: Coordinate, y: Coordinate }),
    z.object({
      type: z.literal('node.edit'),
      nodeId: Id,
      label: Label,
      kind: NodeKindInput.optional(),
      baseVersion: z
        .number({ error: 'Say which version of the node you edited.' })
        .int()
        .min(1, 'Say which version of the node you edited.'),
    }),
    z.object({ type: z.literal('node.delete'), nodeId: Id }),
    z.object({
      type: z.literal('relation.add'),
      relation: z.object({
        id: Id,
        fromId: Id,
        toId: Id,
        kind: RelationKindInput,
        label: RelationLabel.default(''),
      }),
    }),
    z
      .object({
        type: z.literal('relation.edit'),
        relationId: Id,
        kind: RelationKindInput.optional(),
        label: RelationLabel.optional(),
        /** Both given to reverse the relation: its two ends swapped. */
        fromId: Id.optional(),
        toId: Id.optional(),
      })
      .refine(
        (op) => (op.fromId === undefined) === (op.toId === undefined),
        'To reverse a relation, give both of its ends.',
      ),
    z.object({ type: z.literal('relation.delete'), relationId: Id }),
    z.object({
      type: z.literal('layout.apply'),
      positions: z
        .array(z.object({ nodeId: Id, x: Coordinate, y: Coordinate }))
        .max(MAX_NODES)
        .refine(
          (positions) => new Set(positions.map((p) => p.nodeId)).size === positions.length,
          'A layout places each node once.',
        ),
    }),
    z.object({ type: z.literal('node.uncite'), nodeId: Id }),
  ],
  { error: 'That is not a map change Colloquy knows.' },
)
export type Operation = z.infer<typeof Operation>

/** `opId` lets the client recognise its own operation when it comes back through the log. */
export const ApplyOperation = z.object({
  mapId: Id,
  op: Operation,
  opId: z
    .string({ error: 'The change carries an id that is not valid.' })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'The change carries an id that is not valid.')
    .optional(),
})

/** Who on a map has which nodes selected, told to the others as it changes. */
export const AnnounceSelection = z.object({ mapId: Id, selected: z.array(Id).max(50) })

export const MapAtSeq = z.object({ mapId: Id, seq: z.number({ error: 'Choose a revision.' }).int().min(0) })
