// Every mutation a person can reach, described for the bad-input battery: the server action or
// route it stands for, the domain function that does the work (called with a real actor), how to
// make a valid input, and the kind of each field.
import { randomBytes } from 'node:crypto'
import { deleteAccount } from '@/lib/account/delete-account'
import { createAssignment, deleteAssignment, updateAssignment } from '@/lib/assignments/mutations'
import * as annotations from '@/lib/annotations/mutations'
import { changePassword, checkCredentials, registerUser } from '@/lib/auth/credentials'
import { hashPassword } from '@/lib/auth/password'
import { db } from '@/lib/db'
import { importSeminarArchive } from '@/lib/archive/import'
import { ARCHIVED_AT, archivedHighlight, archivedSource, seminarArchive } from './bad-input-archive'
import { importMapBackup } from '@/lib/export/backup'
import { deleteGroup, leaveGroup, setGroupArchived } from '@/lib/groups/lifecycle'
import * as groups from '@/lib/groups/mutations'
import { unsubscribeToken } from '@/lib/notifications/digest/unsubscribe'
import { markNotificationsRead, setDigestFrequency, unsubscribeFromDigests } from '@/lib/notifications/mutations'
import * as maps from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import { announceMapPresence } from '@/lib/maps/presence'
import { addFeedback, deleteFeedback, markFeedbackSeen, setRubric } from '@/lib/review/feedback'
import { editSourceText, restoreDroppedBlock, updateSourceMetadata } from '@/lib/sources/editing/mutations'
import { createSource } from '@/lib/sources/mutations'
import { newId } from '@/lib/ids'
import type { Actor, Ctx, Field, ReadBack } from './bad-input-payloads'
import { person } from './fixtures'
import {
  assignmentInput,
  currentSourceVersion,
  ESSAY,
  nextPassage,
  nodeAdd,
  ownGroup,
  ownHighlight,
  ownPersonalMap,
  ownReply,
  ownSource,
  seedMap,
  type Person,
  type RefKind,
  type World,
} from './bad-input-world'

export interface Mutation {
  /** The server actions (by exported name) and route files that reach this mutation. */
  via: string[]
  /** Which of the action's changes this is, when one action makes several kinds (map operations). */
  variant?: string
  /** The domain function the action hands (actor, input) to. */
  calls: string
  setup: (w: World) => Promise<Ctx & { samples?: Record<string, string> }>
  run: (actor: Actor, input: unknown) => Promise<unknown>
  fields: Field[]
}

export const mutationName = (m: Mutation) => `${m.calls}${m.variant ? ` (${m.variant})` : ''}`

// ---------------------------------------------------------------------------------------------
// Field shorthands.

type Opts = { optional?: boolean; nullable?: boolean }
const ref = (path: string, of: RefKind, more: { absent?: number } & Opts = {}): Field => ({
  path,
  kind: 'ref',
  of,
  ...more,
})
const text = (
  path: string,
  max: number,
  stored: ReadBack,
  more: Opts & { expected?: (v: string) => string; wrap?: (v: string) => string } = {},
): Field => ({ path, kind: 'text', max, stored, ...more })
const enumeration = (path: string, more: Opts = {}): Field => ({ path, kind: 'enum', ...more })
const int = (path: string, min: number, more: Opts & { unbounded?: boolean } = {}): Field => ({
  path,
  kind: 'int',
  min,
  ...more,
})
const number = (path: string): Field => ({ path, kind: 'number' })
const array = (path: string, item: unknown, more: Opts = {}): Field => ({ path, kind: 'array', item, ...more })
const note = (path: string, more: Opts = {}): Field => ({ path, kind: 'object', note: true, ...more })
const object = (path: string, more: Opts = {}): Field => ({ path, kind: 'object', ...more })

/**
 * The setup of a change `who` makes to a fresh thing of their own: `make` creates it, and the valid
 * input names it as `key`, with `more` beside it.
 */
const onOwn =
  (who: 'iris' | 'sam', key: string, make: (w: World) => Promise<string>, more: Record<string, unknown> = {}) =>
  async (w: World) => {
    const id = await make(w)
    return { actor: w[who], valid: async () => ({ [key]: id, ...more }) }
  }
const ownMapId = async (w: World) => (await ownPersonalMap(w)).mapId

const idOf = (result: unknown) => (result as { id: string }).id
const nfc = (value: string) => value.normalize('NFC')

/** A note with one paragraph whose text carries a link, so both the text and the link are fields. */
const linkedNote = (words: string) => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [{ type: 'text', text: words, marks: [{ type: 'link', attrs: { href: 'https://example.org/essay' } }] }],
    },
  ],
})

const noteText = (doc: unknown) =>
  (doc as { content: { content: { text: string }[] }[] } | null)?.content[0]?.content[0]?.text

/** The text and link fields inside a note at `path`. */
const noteFields = (
  path: string,
  stored: (result: unknown, input: Record<string, unknown>) => Promise<unknown>,
): Field[] => [
  text(`${path}.content.0.content.0.text`, 20_000, async (result, input) => noteText(await stored(result, input))),
  { path: `${path}.content.0.content.0.marks.0.attrs.href`, kind: 'url' },
]

const sourceText = (wrap: (v: string) => string) => (path: string) =>
  text(
    path,
    500_000,
    async (result, input) =>
      (await db.source.findUniqueOrThrow({ where: { id: (input.sourceId as string) ?? idOf(result) } })).text,
    { wrap, expected: nfc },
  )

const sourceOf = async (result: unknown, input: Record<string, unknown>) =>
  db.source.findUniqueOrThrow({ where: { id: (input.sourceId as string) ?? idOf(result) } })

const metadataFields: Field[] = [
  text('title', 300, async (r, i) => (await sourceOf(r, i)).title),
  text('author', 200, async (r, i) => (await sourceOf(r, i)).author, { optional: true, nullable: true }),
  int('year', 1000, { optional: true, nullable: true }),
  { path: 'url', kind: 'url', optional: true, nullable: true },
]

const validMetadata = { title: 'On Deterrence', author: 'Jane Roe', year: 2010, url: 'https://example.org/essay' }

const groupOf = (result: unknown, input: Record<string, unknown>) =>
  db.group.findUniqueOrThrow({ where: { id: (input.groupId as string) ?? idOf(result) } })
const mapOf = (result: unknown, input: Record<string, unknown>) =>
  db.argumentMap.findUniqueOrThrow({ where: { id: (input.mapId as string) ?? idOf(result) } })

const assignmentOf = async (result: unknown, input: Record<string, unknown>) =>
  db.assignment.findUniqueOrThrow({ where: { id: (input.assignmentId as string) ?? idOf(result) } })

/** The fields of a new or edited assignment, after the id of the group or assignment it acts on. */
const assignmentFields = (path: string, of: RefKind): Field[] => [
  ref(path, of),
  text('title', 200, async (r, i) => (await assignmentOf(r, i)).title),
  text('instructions', 5000, async (r, i) => (await assignmentOf(r, i)).instructions, { optional: true }),
  array('sourceIds', 'cmplaceholder0000000000'),
  ref('sourceIds.0', 'source'),
  int('minClaims', 0, { optional: true }),
  int('minEvidence', 0, { optional: true }),
  int('minBias', 0, { optional: true }),
  { path: 'requireMap', kind: 'bool', optional: true },
  { path: 'opensAt', kind: 'code' },
  { path: 'dueAt', kind: 'code' },
  { path: 'allowLate', kind: 'bool', optional: true },
]

// ---------------------------------------------------------------------------------------------
// Map operations: one entry per operation type, each on a personal map of Sam's own.

type MapCtx = {
  owner: Person
  mapId: string
  nodes: string[]
  relationId: string
  citedNodeId: string
  highlightId: string
  pair?: [string, string]
}

async function mapForOperations(w: World): Promise<MapCtx> {
  const map = await ownPersonalMap(w)
  const highlightId = await ownHighlight(w)
  const cited = nodeAdd('Quoted passage', { highlightId })
  await applyMapOperation(w.sam, { mapId: map.mapId, op: cited })
  return {
    owner: w.sam,
    mapId: map.mapId,
    nodes: map.nodes,
    relationId: map.relationId,
    citedNodeId: cited.node.id,
    highlightId,
  }
}

function operation(
  variant: string,
  op: (m: MapCtx) => Promise<Record<string, unknown>>,
  ...rest: [Record<string, unknown>, Field[]] | [Field[]]
): Mutation {
  const [extra, fields] = rest.length === 2 ? rest : [{}, rest[0]]
  return {
    via: ['applyOperationAction'],
    variant,
    calls: 'applyMapOperation',
    setup: async (w) => {
      const m = await mapForOperations(w)
      return { actor: w.sam, valid: async () => ({ mapId: m.mapId, op: await op(m), ...extra }) }
    },
    run: applyMapOperation,
    fields: [ref('mapId', 'map'), object('op'), enumeration('op.type'), ...fields],
  }
}

const nodeLabel = (path: string) =>
  text(
    path,
    500,
    async (_r, input) =>
      (
        await db.mapNode.findUniqueOrThrow({
          where: {
            id:
              (input.op as { node?: { id: string }; nodeId?: string }).node?.id ??
              (input.op as { nodeId: string }).nodeId,
          },
        })
      ).label,
  )

const relationLabel = (path: string, more: Opts = {}) =>
  text(
    path,
    80,
    async (_r, input) => {
      const op = input.op as { relation?: { id: string }; relationId?: string }
      return (await db.mapRelation.findUniqueOrThrow({ where: { id: op.relation?.id ?? op.relationId! } })).label
    },
    more,
  )

const operations: Mutation[] = [
  operation(
    'node.add',
    async (m) => ({
      type: 'node.add',
      node: { id: newId(), kind: 'CLAIM', label: 'A new claim', highlightId: m.highlightId, x: 10, y: 20 },
    }),
    { opId: 'client-op-1' },
    [
      { path: 'op.node.id', kind: 'newId', of: 'node' },
      { path: 'opId', kind: 'code', optional: true },
      object('op.node'),
      enumeration('op.node.kind'),
      nodeLabel('op.node.label'),
      ref('op.node.highlightId', 'highlight', { optional: true, nullable: true }),
      number('op.node.x'),
      number('op.node.y'),
    ],
  ),
  operation('node.move', async (m) => ({ type: 'node.move', nodeId: m.nodes[0], x: 5, y: 6 }), [
    ref('op.nodeId', 'node'),
    number('op.x'),
    number('op.y'),
  ]),
  operation(
    'node.edit',
    async (m) => {
      const { version } = await db.mapNode.findUniqueOrThrow({ where: { id: m.nodes[0] }, select: { version: true } })
      return { type: 'node.edit', nodeId: m.nodes[0], label: 'An edited claim', kind: 'EVIDENCE', baseVersion: version }
    },
    [
      ref('op.nodeId', 'node'),
      nodeLabel('op.label'),
      enumeration('op.kind', { optional: true }),
      int('op.baseVersion', 1),
    ],
  ),
  operation('node.delete', async (m) => ({ type: 'node.delete', nodeId: m.nodes[1] }), [ref('op.nodeId', 'node')]),
  operation(
    'relation.add',
    async (m) => {
      // A pair of nodes may be connected once: two fresh nodes once the last pair is taken.
      const [fromId, toId] = m.pair ?? []
      if (
        !fromId ||
        !toId ||
        (await db.mapRelation.count({
          where: {
            mapId: m.mapId,
            OR: [
              { fromId, toId },
              { fromId: toId, toId: fromId },
            ],
          },
        })) > 0
      ) {
        m.pair = [
          (await seedMap(m.owner, m.mapId, ['Another'])).nodes[0]!,
          (await seedMap(m.owner, m.mapId, ['One more claim'])).nodes[0]!,
        ]
      }
      return {
        type: 'relation.add',
        relation: { id: newId(), fromId: m.pair![0], toId: m.pair![1], kind: 'ATTACKS', label: 'but' },
      }
    },
    [
      { path: 'op.relation.id', kind: 'newId', of: 'relation' },
      object('op.relation'),
      ref('op.relation.fromId', 'node', { absent: 400 }),
      ref('op.relation.toId', 'node', { absent: 400 }),
      enumeration('op.relation.kind'),
      relationLabel('op.relation.label', { optional: true }),
    ],
  ),
  operation(
    'relation.edit',
    async (m) => ({ type: 'relation.edit', relationId: m.relationId, kind: 'ATTACKS', label: 'however' }),
    [
      ref('op.relationId', 'relation'),
      enumeration('op.kind', { optional: true }),
      relationLabel('op.label', { optional: true }),
    ],
  ),
  operation('relation.delete', async (m) => ({ type: 'relation.delete', relationId: m.relationId }), [
    ref('op.relationId', 'relation'),
  ]),
  operation(
    'layout.apply',
    async (m) => ({
      type: 'layout.apply',
      positions: [
        { nodeId: m.nodes[0], x: 1, y: 2 },
        { nodeId: m.nodes[1], x: 3, y: 4 },
      ],
    }),
    [
      array('op.positions', { nodeId: 'cmplaceholder0000000000', x: 0, y: 0 }),
      object('op.positions.0'),
      ref('op.positions.0.nodeId', 'node'),
      number('op.positions.0.x'),
    ],
  ),
  operation('node.uncite', async (m) => ({ type: 'node.uncite', nodeId: m.citedNodeId }), [ref('op.nodeId', 'node')]),
]

// ---------------------------------------------------------------------------------------------

export const BATTERY: Mutation[] = [
  // Groups
  {
    via: ['createGroupAction'],
    calls: 'createGroup',
    setup: async (w) => ({
      actor: w.sam,
      valid: async () => ({ name: 'Reading circle', description: 'We meet on Mondays.', timeZone: 'Asia/Tokyo' }),
    }),
    run: groups.createGroup,
    fields: [
      text('name', 100, async (r, i) => (await groupOf(r, i)).name),
      text('description', 1000, async (r, i) => (await groupOf(r, i)).description, { optional: true }),
      { path: 'timeZone', kind: 'code', optional: true, unknown: 'Mars/Olympus_Mons' },
    ],
  },
  {
    via: ['joinGroupAction'],
    calls: 'joinGroupByCode',
    setup: async (w) => ({
      actor: await person('Nell'),
      valid: async () => ({ code: (await db.group.findUniqueOrThrow({ where: { id: w.a.groupId } })).joinCode }),
    }),
    run: groups.joinGroupByCode,
    fields: [{ path: 'code', kind: 'code', unknown: 'ZZZZ-ZZZZ' }],
  },
  {
    via: ['rotateJoinCodeAction'],
    calls: 'rotateJoinCode',
    setup: onOwn('iris', 'groupId', ownGroup),
    run: groups.rotateJoinCode,
    fields: [ref('groupId', 'group')],
  },
  {
    via: ['removeMemberAction'],
    calls: 'removeMember',
    setup: async (w) => {
      const dan = await person('Dan')
      const groupId = await ownGroup(w, [dan])
      return { actor: w.iris, valid: async () => ({ groupId, userId: dan.id }) }
    },
    run: groups.removeMember,
    fields: [ref('groupId', 'group'), ref('userId', 'user')],
  },
  {
    via: ['leaveGroupAction'],
    calls: 'leaveGroup',
    setup: async (w) => {
      const lea = await person('Lea')
      const groupId = await ownGroup(w, [lea])
      return { actor: lea, valid: async () => ({ groupId }) }
    },
    run: leaveGroup,
    fields: [ref('groupId', 'group')],
  },
  {
    via: ['setGroupArchivedAction'],
    calls: 'setGroupArchived',
    setup: onOwn('iris', 'groupId', ownGroup, { archived: true }),
    run: setGroupArchived,
    fields: [ref('groupId', 'group'), { path: 'archived', kind: 'bool' }],
  },
  {
    via: ['deleteGroupAction'],
    calls: 'deleteGroup',
    setup: async (w) => {
      const groupId = await ownGroup(w)
      const { name } = await db.group.findUniqueOrThrow({ where: { id: groupId }, select: { name: true } })
      return { actor: w.iris, valid: async () => ({ groupId, confirmName: name }) }
    },
    run: deleteGroup,
    // The typed name is compared, never stored: only its type and length matter.
    fields: [ref('groupId', 'group'), { path: 'confirmName', kind: 'secret', max: 200 }],
  },
  {
    via: ['updateGroupSettingsAction'],
    calls: 'updateGroupSettings',
    setup: onOwn('iris', 'groupId', ownGroup, { readFirst: true }),
    run: groups.updateGroupSettings,
    fields: [ref('groupId', 'group'), { path: 'readFirst', kind: 'bool' }],
  },
  {
    via: ['setGroupTimeZoneAction'],
    calls: 'setGroupTimeZone',
    setup: onOwn('iris', 'groupId', ownGroup, { timeZone: 'America/New_York' }),
    run: groups.setGroupTimeZone,
    fields: [ref('groupId', 'group'), { path: 'timeZone', kind: 'code', unknown: 'Mars/Olympus_Mons' }],
  },

  // Sources
  {
    via: ['createSourceAction'],
    calls: 'createSource',
    setup: async (w) => ({
      actor: w.iris,
      valid: async () => ({
        groupId: w.a.groupId,
        ...validMetadata,
        text: 'On Deterrence\n\nDeterrence works when threats are believed.',
        restore: [0],
      }),
    }),
    run: createSource,
    fields: [
      ref('groupId', 'group'),
      ...metadataFields,
      sourceText((v) => `On Deterrence\n\nThe essay says ${v} plainly.`)('text'),
      array('restore', 0, { optional: true }),
      // Any position may be listed: those of no dropped block are ignored.
      int('restore.0', 0, { unbounded: true }),
    ],
  },
  {
    via: ['updateSourceMetadataAction'],
    calls: 'updateSourceMetadata',
    setup: onOwn('iris', 'sourceId', ownSource, validMetadata),
    run: updateSourceMetadata,
    fields: [ref('sourceId', 'source'), ...metadataFields],
  },
  {
    via: ['editSourceTextAction'],
    calls: 'editSourceText',
    setup: async (w) => {
      const sourceId = await ownSource(w)
      return {
        actor: w.iris,
        valid: async () => ({
          sourceId,
          expectedVersion: await currentSourceVersion(sourceId),
          text: `${ESSAY}\n\nA closing paragraph.`,
        }),
      }
    },
    run: editSourceText,
    fields: [
      ref('sourceId', 'source'),
      int('expectedVersion', 1),
      sourceText((v) => `Why Alliances Endure\n\nThe essay says ${v} plainly.`)('text'),
    ],
  },
  {
    via: ['restoreDroppedBlockAction'],
    calls: 'restoreDroppedBlock',
    setup: async (w) => {
      const sourceId = await ownSource(w)
      // Position 2 among the imported blocks: the advertisement.
      return {
        actor: w.iris,
        valid: async () => ({ sourceId, position: 2, expectedVersion: await currentSourceVersion(sourceId) }),
      }
    },
    run: restoreDroppedBlock,
    fields: [ref('sourceId', 'source'), int('position', 0), int('expectedVersion', 1)],
  },

  // Highlights and replies
  {
    via: ['createHighlightAction', 'app/api/sources/[sourceId]/highlights/route.ts'],
    calls: 'createHighlight',
    setup: async (w) => ({
      actor: w.sam,
      valid: async () => ({
        sourceId: w.a.sourceId,
        ...nextPassage(),
        tag: 'CLAIM',
        visibility: 'GROUP',
        note: linkedNote('Shared threats bind allies'),
        sourceVersion: await currentSourceVersion(w.a.sourceId),
      }),
    }),
    run: annotations.createHighlight,
    fields: [
      ref('sourceId', 'source'),
      int('start', 0),
      int('end', 0),
      enumeration('tag'),
      enumeration('visibility', { optional: true }),
      note('note', { optional: true, nullable: true }),
      ...noteFields('note', async (r) => (await db.highlight.findUniqueOrThrow({ where: { id: idOf(r) } })).note),
      int('sourceVersion', 1, { optional: true }),
    ],
  },
  {
    via: ['updateHighlightAction'],
    calls: 'updateHighlight',
    setup: async (w) => {
      const highlightId = await ownHighlight(w)
      return {
        actor: w.sam,
        valid: async () => ({
          highlightId,
          tag: 'EVIDENCE',
          visibility: 'PRIVATE',
          note: linkedNote('On second thought'),
        }),
      }
    },
    run: annotations.updateHighlight,
    fields: [
      ref('highlightId', 'highlight'),
      enumeration('tag', { optional: true }),
      enumeration('visibility', { optional: true }),
      note('note', { optional: true, nullable: true }),
      ...noteFields(
        'note',
        async (_r, i) => (await db.highlight.findUniqueOrThrow({ where: { id: i.highlightId as string } })).note,
      ),
    ],
  },
  {
    via: ['deleteHighlightAction'],
    calls: 'deleteHighlight',
    setup: onOwn('sam', 'highlightId', ownHighlight),
    run: annotations.deleteHighlight,
    fields: [ref('highlightId', 'highlight')],
  },
  {
    via: ['confirmAnchorAction'],
    calls: 'confirmAnchor',
    setup: async (w) => {
      const highlightId = await ownHighlight(w)
      const { start, end } = await db.highlight.findUniqueOrThrow({ where: { id: highlightId } })
      return { actor: w.sam, valid: async () => ({ highlightId, start, end }) }
    },
    run: annotations.confirmAnchor,
    fields: [ref('highlightId', 'highlight'), int('start', 0, { optional: true }), int('end', 0, { optional: true })],
  },
  {
    via: ['createReplyAction'],
    calls: 'createReply',
    setup: async (w) => ({
      actor: w.ann,
      valid: async () => ({ highlightId: w.a.highlightId, body: linkedNote('Which threats, though?') }),
    }),
    run: annotations.createReply,
    fields: [
      ref('highlightId', 'highlight'),
      note('body'),
      ...noteFields('body', async (r) => (await db.reply.findUniqueOrThrow({ where: { id: idOf(r) } })).body),
    ],
  },
  {
    via: ['updateReplyAction'],
    calls: 'updateReply',
    setup: async (w) => {
      const replyId = await ownReply(w)
      return { actor: w.sam, valid: async () => ({ replyId, body: linkedNote('Edited reply') }) }
    },
    run: annotations.updateReply,
    fields: [
      ref('replyId', 'reply'),
      note('body'),
      ...noteFields(
        'body',
        async (_r, i) => (await db.reply.findUniqueOrThrow({ where: { id: i.replyId as string } })).body,
      ),
    ],
  },
  {
    via: ['deleteReplyAction'],
    calls: 'deleteReply',
    setup: onOwn('sam', 'replyId', ownReply),
    run: annotations.deleteReply,
    fields: [ref('replyId', 'reply')],
  },

  // Maps
  {
    via: ['createMapAction'],
    calls: 'createMap',
    setup: async (w) => ({
      actor: w.sam,
      valid: async () => ({ groupId: w.a.groupId, title: 'My argument', kind: 'PERSONAL' }),
    }),
    run: maps.createMap,
    fields: [
      ref('groupId', 'group'),
      text('title', 120, async (r) => (await mapOf(r, {})).title),
      enumeration('kind', { optional: true }),
    ],
  },
  {
    via: ['renameMapAction'],
    calls: 'renameMap',
    setup: onOwn('sam', 'mapId', ownMapId, { title: 'A better title' }),
    run: maps.renameMap,
    fields: [ref('mapId', 'map'), text('title', 120, async (r, i) => (await mapOf(r, i)).title)],
  },
  {
    via: ['duplicateMapAction'],
    calls: 'duplicateMap',
    setup: async (w) => ({ actor: w.sam, valid: async () => ({ mapId: w.a.mapId }) }),
    run: maps.duplicateMap,
    fields: [ref('mapId', 'map')],
  },
  {
    via: ['deleteMapAction'],
    calls: 'deleteMap',
    setup: onOwn('sam', 'mapId', ownMapId),
    run: maps.deleteMap,
    fields: [ref('mapId', 'map')],
  },
  {
    via: ['submitMapAction'],
    calls: 'submitMap',
    setup: async (w) => {
      const { mapId } = await ownPersonalMap(w)
      return { actor: w.sam, valid: async () => ({ mapId }), samples: { assignmentId: w.a.assignmentId } }
    },
    run: maps.submitMap,
    fields: [ref('mapId', 'map'), ref('assignmentId', 'assignment', { optional: true, nullable: true })],
  },
  {
    via: ['reopenMapAction'],
    calls: 'reopenMap',
    setup: async (w) => {
      const { mapId } = await ownPersonalMap(w, w.ann, { submitted: true })
      return { actor: w.iris, valid: async () => ({ mapId }) }
    },
    run: maps.reopenMap,
    fields: [ref('mapId', 'map')],
  },
  ...operations,
  {
    via: ['restoreRevisionAction'],
    calls: 'restoreRevision',
    setup: onOwn('sam', 'mapId', ownMapId, { seq: 1 }),
    run: maps.restoreRevision,
    fields: [ref('mapId', 'map'), int('seq', 0)],
  },
  {
    via: ['announceMapPresenceAction'],
    calls: 'announceMapPresence',
    setup: async (w) => ({ actor: w.sam, valid: async () => ({ mapId: w.a.mapId, selected: [w.a.nodeId] }) }),
    run: announceMapPresence,
    fields: [
      ref('mapId', 'map'),
      array('selected', 'cmplaceholder0000000000'),
      { path: 'selected.0', kind: 'opaqueId' },
    ],
  },

  // Assignments
  {
    via: ['createAssignmentAction'],
    calls: 'createAssignment',
    setup: async (w) => ({ actor: w.iris, valid: async () => assignmentInput(w.a.groupId, w.a.sourceId) }),
    run: createAssignment,
    fields: assignmentFields('groupId', 'group'),
  },
  {
    via: ['updateAssignmentAction'],
    calls: 'updateAssignment',
    setup: async (w) => {
      const { groupId, ...fields } = assignmentInput(w.a.groupId, w.a.sourceId)
      const { id: assignmentId } = await createAssignment(w.iris, { groupId, ...fields })
      return { actor: w.iris, valid: async () => ({ assignmentId, ...fields }) }
    },
    run: updateAssignment,
    fields: assignmentFields('assignmentId', 'assignment'),
  },
  {
    via: ['deleteAssignmentAction'],
    calls: 'deleteAssignment',
    setup: async (w) => {
      const { id: assignmentId } = await createAssignment(w.iris, assignmentInput(w.a.groupId, w.a.sourceId))
      return { actor: w.iris, valid: async () => ({ assignmentId }) }
    },
    run: deleteAssignment,
    fields: [ref('assignmentId', 'assignment')],
  },

  // Review
  {
    via: ['setRubricAction'],
    calls: 'setRubric',
    setup: async (w) => {
      const groupId = await ownGroup(w)
      return { actor: w.iris, valid: async () => ({ groupId, criteria: [{ name: 'Use of evidence', points: 5 }] }) }
    },
    run: setRubric,
    fields: [
      ref('groupId', 'group'),
      array('criteria', { name: 'Clarity', points: 1 }),
      object('criteria.0'),
      text('criteria.0.name', 120, async (r, i) => ((await groupOf(r, i)).rubric as { name: string }[])[0]?.name),
      int('criteria.0.points', 1),
    ],
  },
  {
    via: ['addFeedbackAction'],
    calls: 'addFeedback',
    setup: async (w) => {
      const map = await ownPersonalMap(w)
      return {
        actor: w.iris,
        valid: async () => ({ mapId: map.mapId, body: 'Well argued.', scores: [] }),
        samples: { nodeId: map.nodes[0]!, relationId: map.relationId },
      }
    },
    run: addFeedback,
    fields: [
      ref('mapId', 'map'),
      text('body', 5000, async (r) => (await db.feedback.findUniqueOrThrow({ where: { id: idOf(r) } })).body),
      ref('nodeId', 'node', { optional: true, nullable: true }),
      ref('relationId', 'relation', { optional: true, nullable: true }),
      array('scores', 1, { optional: true, nullable: true }),
    ],
  },
  {
    via: ['deleteFeedbackAction'],
    calls: 'deleteFeedback',
    setup: async (w) => {
      const { id: feedbackId } = await addFeedback(w.iris, {
        mapId: w.a.personalMapId,
        body: 'Look again at paragraph 2.',
      })
      return { actor: w.iris, valid: async () => ({ feedbackId }) }
    },
    run: deleteFeedback,
    fields: [ref('feedbackId', 'feedback')],
  },
  {
    via: ['markFeedbackSeenAction'],
    calls: 'markFeedbackSeen',
    setup: async (w) => ({ actor: w.sam, valid: async () => ({ mapId: w.a.personalMapId }) }),
    run: markFeedbackSeen,
    fields: [ref('mapId', 'map')],
  },

  // The inbox
  {
    via: ['markNotificationsReadAction'],
    calls: 'markNotificationsRead',
    setup: async (w) => ({ actor: w.sam, valid: async () => ({ notificationId: w.a.notificationId }) }),
    run: markNotificationsRead,
    fields: [ref('notificationId', 'notification')],
  },
  {
    via: ['setDigestFrequencyAction'],
    calls: 'setDigestFrequency',
    setup: async (w) => ({ actor: w.sam, valid: async () => ({ digest: 'WEEKLY' }) }),
    run: setDigestFrequency,
    fields: [enumeration('digest')],
  },
  {
    // The link in a digest email, and mail clients' one-click POST: the token is the credential.
    via: ['unsubscribeAction', 'app/api/unsubscribe/route.ts'],
    calls: 'unsubscribeFromDigests',
    setup: async (w) => ({ actor: null, valid: async () => ({ token: unsubscribeToken(w.sam.id) }) }),
    run: (_actor, input) => unsubscribeFromDigests(input),
    fields: [{ path: 'token', kind: 'secret', max: 200 }],
  },

  // Accounts
  {
    via: ['signUp'],
    calls: 'registerUser',
    setup: async () => ({
      actor: null,
      valid: async () => ({
        name: 'Nina Park',
        email: `nina-${randomBytes(4).toString('hex')}@example.com`,
        password: 'correct horse battery',
      }),
    }),
    // An address of its own per call: the sign-up limit per address is not what this battery tests.
    run: (_actor, input) => registerUser(input, `battery-${randomBytes(6).toString('hex')}`),
    fields: [
      // Sign-up answers alike for new and taken emails, so the account is found by its (new) email.
      text(
        'name',
        80,
        async (_r, input) => (await db.user.findUniqueOrThrow({ where: { email: input.email as string } })).name,
      ),
      { path: 'email', kind: 'email' },
      { path: 'password', kind: 'secret', max: 200 },
    ],
  },
  {
    // next-auth's POST /api/auth/callback/credentials hands the form to checkCredentials; its other
    // POSTs (sign-out, CSRF) carry only next-auth's own token.
    via: ['app/api/auth/[...nextauth]/route.ts'],
    calls: 'checkCredentials',
    setup: async () => {
      const email = `paula-${randomBytes(4).toString('hex')}@example.com`
      await registerUser({ name: 'Paula', email, password: 'seminar-passphrase' }, 'battery-setup')
      return { actor: null, valid: async () => ({ email, password: 'seminar-passphrase' }) }
    },
    run: (_actor, input) => checkCredentials(input, 'direct'),
    fields: [
      { path: 'email', kind: 'email' },
      { path: 'password', kind: 'secret', max: 200 },
    ],
  },

  {
    via: ['deleteAccountAction'],
    calls: 'deleteAccount',
    setup: async () => {
      const user = await db.user.create({
        data: {
          name: 'Della',
          email: `della-${randomBytes(4).toString('hex')}@example.com`,
          passwordHash: await hashPassword('the current passphrase'),
        },
        select: { id: true, name: true, email: true },
      })
      return { actor: user, valid: async () => ({ password: 'the current passphrase', confirmed: true }) }
    },
    run: (actor, input) => deleteAccount(actor as unknown as { id: string; email: string }, input, 'battery'),
    fields: [
      { path: 'password', kind: 'secret', max: 200 },
      { path: 'confirmed', kind: 'bool' },
    ],
  },
  {
    via: ['changePasswordAction'],
    calls: 'changePassword',
    setup: async () => {
      const user = await db.user.create({
        data: {
          name: 'Petra',
          email: `petra-${randomBytes(4).toString('hex')}@example.com`,
          passwordHash: await hashPassword('the current passphrase'),
        },
        select: { id: true, name: true, email: true },
      })
      return {
        actor: user,
        valid: async () => ({ currentPassword: 'the current passphrase', newPassword: 'a brand new passphrase' }),
      }
    },
    run: (actor, input) => changePassword(actor as unknown as { id: string; email: string }, null, input, 'battery'),
    fields: [
      { path: 'currentPassword', kind: 'secret', max: 200 },
      { path: 'newPassword', kind: 'secret', max: 200 },
    ],
  },

  // Map backups (the import route reads the JSON body, then hands it over with the group id)
  {
    via: ['app/api/groups/[groupId]/maps/import/route.ts'],
    calls: 'importMapBackup',
    setup: async (w) => ({
      actor: w.sam,
      valid: async () => ({
        groupId: w.a.groupId,
        backup: {
          format: 'colloquy-map',
          version: 1,
          title: 'Imported map',
          kind: 'PERSONAL',
          nodes: [
            { id: 'n1', kind: 'CLAIM', label: 'Alliances last', x: 0, y: 0, citation: null },
            { id: 'n2', kind: 'EVIDENCE', label: 'The record shows it', x: 0, y: 120, citation: null },
          ],
          relations: [{ id: 'r1', fromId: 'n2', toId: 'n1', kind: 'SUPPORTS', label: 'because' }],
        },
      }),
    }),
    run: importMapBackup,
    fields: [
      ref('groupId', 'group'),
      object('backup'),
      enumeration('backup.format'),
      enumeration('backup.version'),
      text('backup.title', 120, async (r) => (await mapOf(r, {})).title),
      enumeration('backup.kind'),
      array('backup.nodes', { id: 'n', kind: 'CLAIM', label: 'x', x: 0, y: 0 }),
      object('backup.nodes.0'),
      { path: 'backup.nodes.0.id', kind: 'backupId' },
      enumeration('backup.nodes.0.kind'),
      text(
        'backup.nodes.0.label',
        500,
        async (r) => (await db.mapNode.findFirstOrThrow({ where: { mapId: idOf(r), kind: 'CLAIM' } })).label,
      ),
      number('backup.nodes.0.x'),
      object('backup.nodes.0.citation', { optional: true, nullable: true }),
      array('backup.relations', { id: 'r', fromId: 'n1', toId: 'n2', kind: 'SUPPORTS' }),
      { path: 'backup.relations.0.fromId', kind: 'backupId' },
      enumeration('backup.relations.0.kind'),
      text(
        'backup.relations.0.label',
        80,
        async (r) => (await db.mapRelation.findFirstOrThrow({ where: { mapId: idOf(r) } })).label,
        { optional: true },
      ),
    ],
  },
  // Seminar archives (the import route reads the uploaded file and hands its bytes over; the JSON
  // inside is what these fields describe)
  {
    via: ['app/api/archives/route.ts'],
    calls: 'importSeminarArchive',
    setup: async (w) => ({ actor: w.sam, valid: async () => seminarArchive() }),
    run: importSeminarArchive,
    fields: [
      enumeration('format'),
      enumeration('version'),
      { path: 'exportedAt', kind: 'code' },
      object('group'),
      text('group.name', 100, async (r) => (await db.group.findUniqueOrThrow({ where: { id: idOf(r) } })).name),
      text(
        'group.description',
        1000,
        async (r) => (await db.group.findUniqueOrThrow({ where: { id: idOf(r) } })).description,
      ),
      { path: 'group.readFirst', kind: 'bool' },
      array('group.rubric', { name: 'Evidence', points: 5 }),
      array('people', { ref: 'p', name: 'Someone', role: 'STUDENT' }),
      text(
        'people.0.name',
        80,
        async (r) =>
          (
            await db.membership.findFirstOrThrow({
              where: { groupId: idOf(r), role: 'STUDENT' },
              include: { user: true },
            })
          ).user.name,
      ),
      enumeration('people.0.role', { nullable: true }),
      array('sources', { ref: 's' }),
      { path: 'sources.0.ref', kind: 'backupId' },
      text('sources.0.title', 300, async (r) => (await archivedSource(r)).title),
      text('sources.0.text', 500_000, async (r) => (await archivedSource(r)).text),
      { path: 'sources.0.url', kind: 'url', nullable: true },
      int('sources.0.version', 1),
      { path: 'highlights.0.source', kind: 'backupId' },
      text('highlights.0.exact', 5_000, async (r) => (await archivedHighlight(r)).exact),
      int('highlights.0.start', 0),
      enumeration('highlights.0.tag'),
      note('highlights.0.note', { nullable: true }),
      ...noteFields('highlights.0.note', async (r) => (await archivedHighlight(r)).note),
      note('highlights.0.replies.0.body'),
      text(
        'maps.0.title',
        120,
        async (r) => (await db.argumentMap.findFirstOrThrow({ where: { groupId: idOf(r) } })).title,
      ),
      enumeration('maps.0.kind'),
      text(
        'maps.0.nodes.0.label',
        500,
        async (r) => (await db.mapNode.findFirstOrThrow({ where: { map: { groupId: idOf(r) }, kind: 'CLAIM' } })).label,
      ),
      number('maps.0.nodes.0.x'),
      array('maps.0.operations', { seq: 2, actor: 'p1', type: 'node.move', payload: {}, createdAt: ARCHIVED_AT }),
      int('maps.0.operations.0.seq', 1),
      text(
        'maps.0.feedback.0.body',
        5_000,
        async (r) => (await db.feedback.findFirstOrThrow({ where: { map: { groupId: idOf(r) } } })).body,
      ),
    ],
  },
]

/** Actions that change nothing, with the reason they are not in the battery. */
export const READ_ONLY: Record<string, string> = {
  listHighlightsAction: 'reads the highlights of a source',
  readHighlightChangesAction:
    'reads some highlights of a source again (its bad inputs: tests/integration/highlight-changes.test.ts)',
  operationsSinceAction: 'reads the operation log of a map',
  mapHistoryAction: 'reads the history of a map',
  mapAtRevisionAction: 'reads a past revision of a map',
  listReadersAction: 'reads who is reading a source',
  listFeedbackAction: 'reads the feedback on a map',
  searchGroupAction: 'searches a group (its bad queries: tests/integration/search.test.ts)',
  unreadCountAction: 'counts the unread entries of the signed-in person’s inbox',
}

/** Routes with a POST that are covered apart from the table: the upload route takes a file, not JSON. */
export const COVERED_APART: Record<string, string> = {
  'app/api/groups/[groupId]/sources/extract/route.ts': 'extractText: the bad-file table in bad-input.test.ts',
}
