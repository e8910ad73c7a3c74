// Highlight and reply mutations: parse, authorize, change and publish in one transaction.
import { db } from '@/lib/db'
import { sqlRows } from '@/lib/db-raw'
import { Conflict, Invalid, NotFound } from '@/lib/errors'
import type { Actor } from '@/lib/groups/access'
import { Id, newId } from '@/lib/ids'
import { authorize, type Action } from '@/lib/permissions'
import { canSeeHighlight, highlightAudience } from '@/lib/permissions/visibility'
import { unciteHighlight } from '@/lib/maps/operations'
import type { LiveEvent } from '@/lib/realtime/events'
import { eventsCommitted } from '@/lib/realtime/numbering'
import { publishInTransaction, transactionWithEvents } from '@/lib/realtime/publish'
import { authorizeOnSource, SOURCE_NOT_FOUND, type SourceAccess } from '@/lib/sources/access'
import type { Prisma } from '@/lib/generated/prisma/client'
import { anchorAt } from './anchoring'
import { isEmptyNote, type NoteDoc } from './note'
import {
  ConfirmAnchor,
  CreateHighlight,
  MAX_HIGHLIGHT_CHARS,
  CreateReply,
  HighlightRef,
  ReplyRef,
  UpdateHighlight,
  UpdateReply,
} from './schema'
import { readerContext } from './reader-context'
import { notePlainText } from './note-text'
import { notifyNoteMentions, notifyReply } from '@/lib/notifications/notify'

const HIGHLIGHT_NOT_FOUND = 'This highlight no longer exists.'
const REPLY_NOT_FOUND = 'This reply no longer exists.'
const SOURCE_EDITED = 'The text of this source was just edited. Reload the page and select the passage again.'

/** Same alphabet and length range as the cuids Prisma makes, which `Id` accepts. */

const noteValue = (note: NoteDoc | null | undefined) =>
  note && !isEmptyNote(note) ? (note as Prisma.InputJsonValue) : undefined

function assertSelection(text: string, start: number, end: number) {
  if (end > text.length) throw new Invalid('The selection is outside the text of this source.')
  if (text.slice(start, end).trim() === '') throw new Invalid('Select some words, not only spaces.')
}

/**
 * The actor may be the id a session cookie merely claims (getClaimedActor): authorizeOnSource
 * checks the account before anything is written, and a deleted account stands as signed out.
 */
export async function createHighlight(actor: Actor, input: unknown): Promise<{ id: string }> {
  const data = CreateHighlight.parse(input)
  const { source } = await authorizeOnSource(actor, data.sourceId, 'highlight:create')
  if (data.sourceVersion !== undefined && data.sourceVersion !== source.version) throw new Conflict(SOURCE_EDITED)
  assertSelection(source.text, data.start, data.end)
  const anchor = anchorAt(source.text, data.start, data.end)
  const note = noteValue(data.note)
  const id = newId()
  const event: LiveEvent = {
    type: 'highlight.changed',
    sourceId: source.id,
    highlightId: id,
    audience: highlightAudience(actor!.id, data.visibility),
  }
  // The busiest write of a seminar, in one round trip: colloquy_create_highlight (see
  // prisma/migrations) takes the locks, refuses a twin or an edited text, inserts the highlight
  // and its event, pending; committed on return, the event is numbered and announced next.
  const [row] = await sqlRows<{ outcome: 'created' | 'twin' | 'edited' | 'gone' }>`
    SELECT colloquy_create_highlight(
      ${source.groupId}, ${id}, ${source.id}, ${source.version}, ${actor!.id},
      ${data.tag}::"HighlightTag", ${data.visibility}::"Visibility", ${anchor.exact}, ${anchor.prefix}, ${anchor.suffix},
      ${anchor.start}, ${anchor.end}, ${note === undefined ? null : JSON.stringify(note)}::jsonb, ${JSON.stringify(event)}::jsonb
    ) AS outcome`
  if (row?.outcome === 'gone') throw new NotFound(SOURCE_NOT_FOUND)
  if (row?.outcome === 'edited') throw new Conflict(SOURCE_EDITED)
  if (row?.outcome === 'twin') throw new Conflict(`You already tagged this passage as ${data.tag.toLowerCase()}.`)
  eventsCommitted(source.groupId)
  // After the one-call insert: a note that mentions classmates tells them (a rare, separate write).
  if (note !== undefined && data.note && notePlainText(data.note).includes('@')) {
    const highlight = { id, sourceId: source.id, authorId: actor!.id, visibility: data.visibility }
    await transactionWithEvents((tx) => notifyNoteMentions(tx, source.groupId, actor!.id, highlight, data.note ?? null))
  }
  return { id }
}

/** The highlight, if the actor may see it and perform the action on it. */
async function authorizeOnHighlight(actor: Actor, highlightId: string, action: Action) {
  const highlight = await db.highlight.findUnique({
    where: { id: highlightId },
    select: { id: true, sourceId: true, authorId: true, visibility: true, tag: true },
  })
  if (!highlight) throw new NotFound(HIGHLIGHT_NOT_FOUND)
  // Outsiders hear the same as for a missing highlight.
  const access: SourceAccess = await authorizeOnSource(actor, highlight.sourceId, 'source:read').catch(
    (error: unknown) => {
      throw error instanceof NotFound ? new NotFound(HIGHLIGHT_NOT_FOUND) : error
    },
  )
  if (!canSeeHighlight(await readerContext(actor!.id, access), highlight)) throw new NotFound(HIGHLIGHT_NOT_FOUND)
  authorize(access.standing, action, { isOwner: highlight.authorId === actor!.id, archived: access.archived })
  return { highlight, access }
}

type Tx = Prisma.TransactionClient
type Passage = { start: number; end: number; tag: 'CLAIM' | 'EVIDENCE' | 'BIAS' }

/**
 * No highlight may become a twin of another (the same author, passage and tag): a change of an
 * author's highlight on a source waits for every other change and create of theirs there, which
 * hold this lock too (colloquy_create_highlight shares it, so creates do not wait for each other).
 */
async function lockAuthorPassages(tx: Tx, highlight: { sourceId: string; authorId: string }) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${highlight.sourceId}:${highlight.authorId}`}))`
}

async function assertNoTwin(
  tx: Tx,
  highlight: { id: string; sourceId: string; authorId: string },
  passage: Passage,
  mine: boolean,
) {
  const twin = await tx.highlight.findFirst({
    where: {
      sourceId: highlight.sourceId,
      authorId: highlight.authorId,
      start: passage.start,
      end: passage.end,
      tag: passage.tag,
      id: { not: highlight.id },
    },
    select: { id: true },
  })
  if (!twin) return
  const whose = mine ? 'You already tagged' : 'Its author already tagged'
  throw new Conflict(`${whose} this passage as ${passage.tag.toLowerCase()}; delete one of the two highlights instead.`)
}

const changed = (
  highlight: { id: string; sourceId: string; authorId: string },
  ...visibilities: ('GROUP' | 'PRIVATE')[]
): LiveEvent => ({
  type: 'highlight.changed',
  sourceId: highlight.sourceId,
  highlightId: highlight.id,
  audience: highlightAudience(highlight.authorId, ...visibilities),
})

export async function updateHighlight(actor: Actor, input: unknown): Promise<void> {
  const data = UpdateHighlight.parse(input)
  const { highlight, access } = await authorizeOnHighlight(actor, data.highlightId, 'highlight:edit')
  await transactionWithEvents(async (tx) => {
    if (data.tag !== undefined && data.tag !== highlight.tag) {
      await lockAuthorPassages(tx, highlight)
      const current = await tx.highlight.findUniqueOrThrow({
        where: { id: highlight.id },
        select: { start: true, end: true },
      })
      await assertNoTwin(tx, highlight, { ...current, tag: data.tag }, highlight.authorId === actor!.id)
    }
    const before =
      data.note === undefined
        ? null
        : await tx.highlight.findUniqueOrThrow({ where: { id: highlight.id }, select: { note: true } })
    await tx.highlight.update({
      where: { id: highlight.id },
      data: {
        tag: data.tag,
        visibility: data.visibility,
        note:
          data.note === undefined ? undefined : (noteValue(data.note) ?? (null as unknown as Prisma.InputJsonValue)),
      },
    })
    if (before) {
      const now = { ...highlight, visibility: data.visibility ?? highlight.visibility }
      await notifyNoteMentions(
        tx,
        access.source.groupId,
        actor!.id,
        now,
        noteValue(data.note) ? (data.note ?? null) : null,
        before.note as NoteDoc | null,
      )
    }
    // Private before and after: only those who could see it hear of it; made private: everyone
    // who saw it must learn it is gone from their view.
    await publishInTransaction(
      tx,
      access.source.groupId,
      changed(highlight, highlight.visibility, data.visibility ?? highlight.visibility),
    )
  })
}

export async function deleteHighlight(actor: Actor, input: unknown): Promise<void> {
  const { highlightId } = HighlightRef.parse(input)
  const { highlight, access } = await authorizeOnHighlight(actor, highlightId, 'highlight:delete')
  await transactionWithEvents(async (tx) => {
    await unciteHighlight(tx, highlight.id, actor!.id)
    await tx.highlight.delete({ where: { id: highlight.id } })
    await publishInTransaction(tx, access.source.groupId, changed(highlight, highlight.visibility))
  })
}

/** Accepts a moved highlight where it now is, or places it on a new selection; either way it is exact again. */
export async function confirmAnchor(actor: Actor, input: unknown): Promise<void> {
  const data = ConfirmAnchor.parse(input)
  const { highlight, access } = await authorizeOnHighlight(actor, data.highlightId, 'highlight:confirm')
  if (data.start !== undefined && data.end !== undefined) checkLength(data.start, data.end)
  await transactionWithEvents(async (tx) => {
    // A text saved meanwhile re-anchored this highlight into the new version: these offsets are stale.
    const [locked] = await tx.$queryRaw<
      { version: number }[]
    >`SELECT version FROM "Source" WHERE id = ${access.source.id} FOR SHARE`
    if (locked?.version !== access.source.version) throw new Conflict(SOURCE_EDITED)
    await lockAuthorPassages(tx, highlight)
    const current = await tx.highlight.findUniqueOrThrow({
      where: { id: highlight.id },
      select: { start: true, end: true, tag: true },
    })
    const start = data.start ?? current.start
    const end = data.end ?? current.end
    checkLength(start, end)
    assertSelection(access.source.text, start, end)
    await assertNoTwin(tx, highlight, { start, end, tag: current.tag }, highlight.authorId === actor!.id)
    await tx.highlight.update({
      where: { id: highlight.id },
      data: {
        ...anchorAt(access.source.text, start, end),
        anchorStatus: 'EXACT',
        sourceVersion: access.source.version,
      },
    })
    await publishInTransaction(tx, access.source.groupId, changed(highlight, highlight.visibility))
  })
}

function checkLength(start: number, end: number) {
  if (end <= start) throw new Invalid('Select some text first.')
  if (end - start > MAX_HIGHLIGHT_CHARS) {
    throw new Invalid(
      `A highlight can be at most ${MAX_HIGHLIGHT_CHARS.toLocaleString('en')} characters; select a shorter passage.`,
    )
  }
}

export async function createReply(actor: Actor, input: unknown): Promise<{ id: string }> {
  const data = CreateReply.parse(input)
  if (isEmptyNote(data.body)) throw new Invalid('Write something before sending your reply.')
  const { highlight, access } = await authorizeOnHighlight(actor, data.highlightId, 'reply:create')
  return transactionWithEvents(async (tx) => {
    const reply = await tx.reply.create({
      data: { highlightId: highlight.id, authorId: actor!.id, body: data.body as Prisma.InputJsonValue },
      select: { id: true },
    })
    await notifyReply(tx, access.source.groupId, actor!.id, highlight, { id: reply.id, body: data.body as NoteDoc })
    await publishInTransaction(tx, access.source.groupId, changed(highlight, highlight.visibility))
    return reply
  })
}

async function authorizeOnReply(actor: Actor, replyId: unknown, action: Action) {
  const id = Id.safeParse(replyId)
  const reply = id.success
    ? await db.reply.findUnique({ where: { id: id.data }, select: { id: true, authorId: true, highlightId: true } })
    : null
  if (!reply) throw new NotFound(REPLY_NOT_FOUND)
  // Whatever hides the highlight hides its replies, in the same words as a missing reply.
  const { highlight, access } = await authorizeOnHighlight(actor, reply.highlightId, 'source:read').catch(
    (error: unknown) => {
      throw error instanceof NotFound ? new NotFound(REPLY_NOT_FOUND) : error
    },
  )
  authorize(access.standing, action, { isOwner: reply.authorId === actor!.id, archived: access.archived })
  return { reply, highlight, access }
}

export async function updateReply(actor: Actor, input: unknown): Promise<void> {
  const data = UpdateReply.parse(input)
  if (isEmptyNote(data.body)) throw new Invalid('A reply cannot be empty; delete it instead.')
  const { reply, highlight, access } = await authorizeOnReply(actor, data.replyId, 'reply:edit')
  await transactionWithEvents(async (tx) => {
    await tx.reply.update({ where: { id: reply.id }, data: { body: data.body as Prisma.InputJsonValue } })
    await publishInTransaction(tx, access.source.groupId, changed(highlight, highlight.visibility))
  })
}

export async function deleteReply(actor: Actor, input: unknown): Promise<void> {
  const { replyId } = ReplyRef.parse(input)
  const { reply, highlight, access } = await authorizeOnReply(actor, replyId, 'reply:delete')
  await transactionWithEvents(async (tx) => {
    await tx.reply.delete({ where: { id: reply.id } })
    await publishInTransaction(tx, access.source.groupId, changed(highlight, highlight.visibility))
  })
}
