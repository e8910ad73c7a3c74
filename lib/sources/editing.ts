// An instructor edits a source: its metadata, or its text. A text edit keeps the old text as a
// revision, bumps the version and re-anchors every highlight, all in one transaction.
import { anchorAt, reanchor, TextEdit, type AnchorStatus } from '@/lib/annotations/anchoring'
import { db } from '@/lib/db'
import { Conflict, Invalid, NotFound } from '@/lib/errors'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { Actor } from '@/lib/groups/access'
import { publishInTransaction } from '@/lib/realtime/publish'
import { authorizeOnSource, SOURCE_NOT_FOUND } from './access'
import { BLOCK_SEPARATOR } from './blocks'
import { contentHashOf } from './content-hash'
import { DroppedBlocks, EditSourceText, RestoreDroppedBlock, StoredLayout, UpdateSourceMetadata, type DroppedBlock } from './editing-schema'
import { canonicalLines } from './importer'
import { relayout } from './relayout'
import { MAX_SOURCE_CHARS } from './schema'

type Tx = Prisma.TransactionClient

/** How the source's highlights stand after a text edit. */
export interface TextSaved {
  version: number
  exact: number
  moved: number
  orphaned: number
}

const STALE_VERSION = 'Someone else edited this source; reload to see their changes.'

// Diffing a long text after a large rewrite takes a while, so this may need longer than
// Prisma's default 5 s transaction.
const TEXT_TRANSACTION = { maxWait: 10_000, timeout: 60_000 }

/**
 * The importer's normalization (NFC, "\n" line ends, tidy spaces, blocks separated by exactly
 * one blank line) without its junk detection: what an instructor typed is kept.
 */
function canonicalTextOfEdit(raw: string): string {
  const blocks: string[] = []
  let lines: string[] = []
  for (const line of [...canonicalLines(raw), '']) {
    if (line !== '') lines.push(line)
    else if (lines.length > 0) {
      blocks.push(lines.join('\n'))
      lines = []
    }
  }
  return blocks.join(BLOCK_SEPARATOR)
}

/**
 * Puts a dropped block back after the block that preceded it at import. Positions count all
 * imported blocks; those before it that are not still dropped are in the text (kept or restored).
 */
function restoreBlock(text: string, dropped: DroppedBlock[], position: number): { text: string; dropped: DroppedBlock[]; block: DroppedBlock } {
  const block = dropped.find((b) => b.position === position)
  if (!block) throw new NotFound('This block is no longer among the dropped blocks; reload the page.')
  const blocks = text.split(BLOCK_SEPARATOR)
  const stillDroppedBefore = dropped.filter((b) => b.position < position).length
  // Blocks added or removed by hand since the import shift the count; never go past the end.
  blocks.splice(Math.min(position - stillDroppedBefore, blocks.length), 0, block.text)
  return { text: blocks.join(BLOCK_SEPARATOR), dropped: dropped.filter((b) => b.position !== position), block }
}

const COUNTED = { EXACT: 'exact', MOVED: 'moved', ORPHANED: 'orphaned' } as const

/** A highlight a person was asked to confirm stays that way until they do (confirmAnchor). */
function statusAfterEdit(previous: AnchorStatus, placed: AnchorStatus): AnchorStatus {
  return placed === 'EXACT' && previous !== 'EXACT' ? 'MOVED' : placed
}

export async function updateSourceMetadata(actor: Actor, input: unknown): Promise<void> {
  const data = UpdateSourceMetadata.parse(input)
  const { source } = await authorizeOnSource(actor, data.sourceId, 'source:edit')
  await db.$transaction(async (tx) => {
    await tx.source.update({
      where: { id: source.id },
      data: { title: data.title, author: data.author, year: data.year, url: data.url },
    })
    await publishInTransaction(tx, source.groupId, { type: 'source.changed', sourceId: source.id })
  })
}

export async function editSourceText(actor: Actor, input: unknown): Promise<TextSaved> {
  const data = EditSourceText.parse(input)
  const { source } = await authorizeOnSource(actor, data.sourceId, 'source:edit')
  const text = checkedText(canonicalTextOfEdit(data.text))
  return db.$transaction(async (tx) => {
    const locked = await lockSource(tx, source.id, data.expectedVersion)
    return saveText(tx, actor!.id, locked, text)
  }, TEXT_TRANSACTION)
}

export async function restoreDroppedBlock(actor: Actor, input: unknown): Promise<TextSaved> {
  const data = RestoreDroppedBlock.parse(input)
  const { source } = await authorizeOnSource(actor, data.sourceId, 'source:edit')
  return db.$transaction(async (tx) => {
    const locked = await lockSource(tx, source.id, data.expectedVersion)
    const restored = restoreBlock(locked.text, DroppedBlocks.parse(locked.droppedBlocks), data.position)
    const { block } = restored
    const inserted = block.kind ? { text: block.text, layout: { kind: block.kind, ...(block.level ? { level: block.level } : {}), ...(block.page ? { page: block.page } : {}) } } : undefined
    return saveText(tx, actor!.id, locked, checkedText(canonicalTextOfEdit(restored.text)), restored.dropped, inserted)
  }, TEXT_TRANSACTION)
}

function checkedText(text: string): string {
  if (!text) throw new Invalid('The text of a source cannot be empty.', { text: 'The text of a source cannot be empty.' })
  if (text.length > MAX_SOURCE_CHARS) {
    const message = `A source can have at most ${MAX_SOURCE_CHARS.toLocaleString('en')} characters.`
    throw new Invalid(message, { text: message })
  }
  return text
}

type LockedSource = Awaited<ReturnType<typeof lockSource>>

/** The source row, locked until the transaction ends, if it is still at the version the editor saw. */
async function lockSource(tx: Tx, sourceId: string, expectedVersion: number) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Source" WHERE id = ${sourceId} FOR UPDATE`
  if (rows.length === 0) throw new NotFound(SOURCE_NOT_FOUND)
  const source = await tx.source.findUniqueOrThrow({
    where: { id: sourceId },
    select: { id: true, groupId: true, text: true, version: true, droppedBlocks: true, layout: true },
  })
  if (source.version !== expectedVersion) throw new Conflict(STALE_VERSION)
  return source
}

async function saveText(
  tx: Tx,
  actorId: string,
  source: LockedSource,
  text: string,
  dropped?: DroppedBlock[],
  inserted?: Parameters<typeof relayout>[3],
): Promise<TextSaved> {
  if (text === source.text && dropped === undefined) return { version: source.version, ...(await countByStatus(tx, source.id)) }
  const version = source.version + 1
  // Highlights made on the old text are re-anchored from it, now and after later edits.
  await tx.sourceRevision.createMany({
    data: [{ sourceId: source.id, version: source.version, text: source.text, contentHash: contentHashOf(source.text), createdById: actorId }],
    skipDuplicates: true,
  })
  await tx.source.update({
    where: { id: source.id },
    data: {
      text,
      contentHash: contentHashOf(text),
      version,
      layout: relayout(source.text, StoredLayout.parse(source.layout), text, inserted) as object[],
      ...(dropped && { droppedBlocks: dropped }),
    },
  })
  const counts = await reanchorHighlights(tx, source, text, version)
  await publishInTransaction(tx, source.groupId, { type: 'source.changed', sourceId: source.id })
  return { version, ...counts }
}

/**
 * Places every highlight of the source in the new text, diffing from the text it was made on.
 * An orphan keeps its whole old anchor (quote, offsets, version), so a later edit that brings
 * the passage back can find it again.
 */
async function reanchorHighlights(tx: Tx, source: LockedSource, newText: string, version: number) {
  const highlights = await tx.highlight.findMany({
    where: { sourceId: source.id },
    select: { id: true, exact: true, prefix: true, suffix: true, start: true, end: true, sourceVersion: true, anchorStatus: true },
  })
  const older = [...new Set(highlights.map((h) => h.sourceVersion))].filter((v) => v !== source.version)
  const revisions = await tx.sourceRevision.findMany({
    where: { sourceId: source.id, version: { in: older } },
    select: { version: true, text: true },
  })
  const textOf = new Map<number, string>([...revisions.map((r): [number, string] => [r.version, r.text]), [source.version, source.text]])
  // One diff per old version, shared by every highlight made on it.
  const edits = new Map([...textOf].map(([v, text]): [number, TextEdit] => [v, new TextEdit(text, newText)]))
  const counts = { exact: 0, moved: 0, orphaned: 0 }
  for (const highlight of highlights) {
    // Without the text it was made on (no revision), reanchor falls back to the stored position.
    const placed = reanchor(highlight, newText, edits.get(highlight.sourceVersion))
    const status = statusAfterEdit(highlight.anchorStatus, placed.status)
    if (status === 'ORPHANED') {
      if (highlight.anchorStatus !== 'ORPHANED') {
        await tx.highlight.update({ where: { id: highlight.id }, data: { anchorStatus: 'ORPHANED' } })
      }
    } else {
      await tx.highlight.update({
        where: { id: highlight.id },
        data: { ...anchorAt(newText, placed.start, placed.end), anchorStatus: status, sourceVersion: version },
      })
    }
    counts[COUNTED[status]]++
  }
  return counts
}

async function countByStatus(tx: Tx, sourceId: string) {
  const groups = await tx.highlight.groupBy({ by: ['anchorStatus'], where: { sourceId }, _count: { _all: true } })
  const count = (status: AnchorStatus) => groups.find((g) => g.anchorStatus === status)?._count._all ?? 0
  return { exact: count('EXACT'), moved: count('MOVED'), orphaned: count('ORPHANED') }
}
