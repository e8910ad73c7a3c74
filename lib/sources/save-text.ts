// Saving a new text of a source: the old text is kept as a revision, the version goes up and
// every highlight is placed again. Placing them (a diff per old version, then a search per
// highlight) is computed first, in a job worker thread within its time budget, from a snapshot
// of the source and its highlights; only then a short transaction checks that nothing changed
// meanwhile and writes it all, the stored layout (relayout.ts) kept in step with the new text.
// A save that runs past the budget changes nothing.
import type { AnchorStatus } from '@/lib/annotations/anchoring'
import { anchorAt } from '@/lib/annotations/anchoring'
import { db } from '@/lib/db'
import { Conflict, NotFound } from '@/lib/errors'
import type { Prisma } from '@/lib/generated/prisma/client'
import { runJob } from '@/lib/jobs/run-job'
import type { AnchoredHighlight, PlacedHighlight } from '@/lib/jobs/tasks/reanchor'
import { publishInTransaction, transactionWithEvents } from '@/lib/realtime/publish'
import { SOURCE_NOT_FOUND } from './access'
import { contentHashOf } from './content-hash'
import { StoredLayout, type DroppedBlock } from './editing/schema'
import { relayout } from './relayout'

type Tx = Prisma.TransactionClient

/** How the source's highlights stand after a text edit. */
export interface TextSaved {
  version: number
  exact: number
  moved: number
  orphaned: number
}

export interface SourceText {
  id: string
  groupId: string
  text: string
  version: number
  droppedBlocks: Prisma.JsonValue
  layout: Prisma.JsonValue
}

/** A block put back into the text with the layout the importer gave it (kind, level, page). */
export type InsertedBlock = NonNullable<Parameters<typeof relayout>[3]>

/** What a save makes of the text as it is now. */
export type TextChange = (current: SourceText) => { text: string; dropped?: DroppedBlock[]; inserted?: InsertedBlock }

const STALE_VERSION = 'Someone else edited this source; reload to see their changes.'
const BUSY_HIGHLIGHTS =
  'Highlights on this source kept changing while it was saved, so nothing was saved. Please save again.'

/** Highlights added or confirmed while one save computed send it round again, at most this often. */
const ATTEMPTS = 3

const ANCHOR = {
  id: true,
  exact: true,
  prefix: true,
  suffix: true,
  start: true,
  end: true,
  sourceVersion: true,
  anchorStatus: true,
} as const
type Anchor = AnchoredHighlight & { anchorStatus: AnchorStatus }

const COUNTED = { EXACT: 'exact', MOVED: 'moved', ORPHANED: 'orphaned' } as const

/** A highlight a person was asked to confirm stays that way until they do (confirmAnchor). */
function statusAfterEdit(previous: AnchorStatus, placed: AnchorStatus): AnchorStatus {
  return placed === 'EXACT' && previous !== 'EXACT' ? 'MOVED' : placed
}

const sameAnchor = (a: Anchor, b: Anchor) =>
  a.start === b.start &&
  a.end === b.end &&
  a.sourceVersion === b.sourceVersion &&
  a.anchorStatus === b.anchorStatus &&
  a.exact === b.exact

class HighlightsChanged extends Error {}

export async function saveText(
  actorId: string,
  sourceId: string,
  expectedVersion: number,
  change: TextChange,
): Promise<TextSaved> {
  for (let attempt = 1; ; attempt++) {
    const current = await db.source.findUnique({
      where: { id: sourceId },
      select: { id: true, groupId: true, text: true, version: true, droppedBlocks: true, layout: true },
    })
    if (!current) throw new NotFound(SOURCE_NOT_FOUND)
    if (current.version !== expectedVersion) throw new Conflict(STALE_VERSION)
    const next = change(current)
    if (next.text === current.text && next.dropped === undefined)
      return { version: current.version, ...(await countByStatus(db, sourceId)) }

    const highlights: Anchor[] = await db.highlight.findMany({ where: { sourceId }, select: ANCHOR })
    // Nothing anchored, nothing to place: the diff is skipped altogether.
    const placed = highlights.length === 0 ? [] : await placeAgain(actorId, current, next.text, highlights)
    try {
      return await transactionWithEvents((tx) => write(tx, actorId, current, next, highlights, placed))
    } catch (error) {
      if (!(error instanceof HighlightsChanged)) throw error
      if (attempt >= ATTEMPTS) throw new Conflict(BUSY_HIGHLIGHTS)
    }
  }
}

/** The job: every highlight placed in the new text, from the text of the version it was made on. */
async function placeAgain(
  actorId: string,
  current: SourceText,
  newText: string,
  highlights: Anchor[],
): Promise<PlacedHighlight[]> {
  const older = [...new Set(highlights.map((h) => h.sourceVersion))].filter((v) => v !== current.version)
  const revisions = await db.sourceRevision.findMany({
    where: { sourceId: current.id, version: { in: older } },
    select: { version: true, text: true },
  })
  const texts: [number, string][] = [
    ...revisions.map((r): [number, string] => [r.version, r.text]),
    [current.version, current.text],
  ]
  return runJob('reanchor', { newText, texts, highlights }, { owner: actorId })
}

async function write(
  tx: Tx,
  actorId: string,
  current: SourceText,
  next: ReturnType<TextChange>,
  highlights: Anchor[],
  placed: PlacedHighlight[],
): Promise<TextSaved> {
  // The row lock makes highlight creation wait (it takes FOR SHARE), so the set checked here holds.
  const rows = await tx.$queryRaw<
    { version: number }[]
  >`SELECT version FROM "Source" WHERE id = ${current.id} FOR UPDATE`
  if (rows.length === 0) throw new NotFound(SOURCE_NOT_FOUND)
  if (rows[0]!.version !== current.version) throw new Conflict(STALE_VERSION)
  const now: Anchor[] = await tx.highlight.findMany({ where: { sourceId: current.id }, select: ANCHOR })
  const before = new Map(highlights.map((h) => [h.id, h]))
  if (now.some((h) => !before.has(h.id) || !sameAnchor(h, before.get(h.id)!))) throw new HighlightsChanged()

  const version = current.version + 1
  // Highlights made on the old text are re-anchored from it, now and after later edits.
  await tx.sourceRevision.createMany({
    data: [
      {
        sourceId: current.id,
        version: current.version,
        text: current.text,
        contentHash: contentHashOf(current.text),
        createdById: actorId,
      },
    ],
    skipDuplicates: true,
  })
  await tx.source.update({
    where: { id: current.id },
    data: {
      text: next.text,
      contentHash: contentHashOf(next.text),
      version,
      // The layout read with the text: the version check above holds both as they were.
      layout: relayout(current.text, StoredLayout.parse(current.layout), next.text, next.inserted) as object[],
      ...(next.dropped && { droppedBlocks: next.dropped }),
    },
  })
  const still = new Set(now.map((h) => h.id))
  const counts = await writePlacements(
    tx,
    next.text,
    version,
    placed.filter((p) => still.has(p.id)),
    before,
  )
  await publishInTransaction(tx, current.groupId, { type: 'source.changed', sourceId: current.id })
  return { version, ...counts }
}

/**
 * Two statements whatever the number of highlights. An orphan keeps its whole old anchor (quote,
 * offsets, version), so a later edit that brings the passage back can find it again.
 */
async function writePlacements(
  tx: Tx,
  text: string,
  version: number,
  placed: PlacedHighlight[],
  before: Map<string, Anchor>,
) {
  const counts = { exact: 0, moved: 0, orphaned: 0 }
  const orphaned: string[] = []
  const anchored = {
    ids: [] as string[],
    exact: [] as string[],
    prefix: [] as string[],
    suffix: [] as string[],
    start: [] as number[],
    end: [] as number[],
    status: [] as string[],
  }
  for (const placement of placed) {
    const previous = before.get(placement.id)!
    const status = statusAfterEdit(previous.anchorStatus, placement.status)
    counts[COUNTED[status]]++
    if (status === 'ORPHANED') {
      if (previous.anchorStatus !== 'ORPHANED') orphaned.push(placement.id)
      continue
    }
    const anchor = anchorAt(text, placement.start, placement.end)
    anchored.ids.push(placement.id)
    anchored.exact.push(anchor.exact)
    anchored.prefix.push(anchor.prefix)
    anchored.suffix.push(anchor.suffix)
    anchored.start.push(anchor.start)
    anchored.end.push(anchor.end)
    anchored.status.push(status)
  }
  if (anchored.ids.length > 0) {
    await tx.$executeRaw`
      UPDATE "Highlight" AS h
         SET exact = u.exact, prefix = u.prefix, suffix = u.suffix, start = u.start, "end" = u."end",
             "anchorStatus" = u.status::"AnchorStatus", "sourceVersion" = ${version}, "updatedAt" = CURRENT_TIMESTAMP
        FROM unnest(${anchored.ids}::text[], ${anchored.exact}::text[], ${anchored.prefix}::text[], ${anchored.suffix}::text[],
                    ${anchored.start}::int[], ${anchored.end}::int[], ${anchored.status}::text[]) AS u(id, exact, prefix, suffix, start, "end", status)
       WHERE h.id = u.id`
  }
  if (orphaned.length > 0) {
    await tx.$executeRaw`UPDATE "Highlight" SET "anchorStatus" = 'ORPHANED', "updatedAt" = CURRENT_TIMESTAMP WHERE id = ANY(${orphaned}::text[])`
  }
  return counts
}

async function countByStatus(client: Tx | typeof db, sourceId: string) {
  const groups = await client.highlight.groupBy({ by: ['anchorStatus'], where: { sourceId }, _count: { _all: true } })
  const count = (status: AnchorStatus) => groups.find((g) => g.anchorStatus === status)?._count._all ?? 0
  return { exact: count('EXACT'), moved: count('MOVED'), orphaned: count('ORPHANED') }
}
