// Colloquy's own JSON backup of a map: written from what the exporting user may see, and read
// back as a new personal map, built through the operation log in one transaction so the log
// replays to it (the format itself: backup-schema.ts). Ids in a backup are only labels: every node and relation gets a fresh id, and
// every citation must name a passage the importing user can see in the target group.
import { z } from 'zod'
import { Invalid } from '@/lib/errors'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { Id } from '@/lib/ids'
import { runJob } from '@/lib/jobs/run-job'
import { applyBulk, BULK_TRANSACTION, withinBulkBudget } from '@/lib/maps/bulk'
import { diffStates } from '@/lib/maps/diff'
import { newId } from '@/lib/ids'
import { citablePassages } from '@/lib/maps/queries'
import type { MapState } from '@/lib/maps/reducer'
import type { MapBackup } from './backup-schema'
import { citationsByHighlight, type MapSnapshot } from './snapshot'
import { transactionWithEvents } from '@/lib/realtime/publish'

export { MAX_BACKUP_BYTES, type MapBackup } from './backup-schema'

const MAX_LISTED = 5

/** The backup itself is checked in a job (lib/jobs/tasks/check-backup.ts). */
const ImportMapBackup = z.object({ groupId: Id, backup: z.unknown() })

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
        citation: citation && {
          highlightId: citation.highlightId,
          sourceTitle: citation.sourceTitle,
          exact: citation.exact,
        },
      }
    }),
    relations: snapshot.state.relations.map((r) => ({
      id: r.id,
      fromId: r.fromId,
      toId: r.toId,
      kind: r.kind,
      label: r.label,
    })),
  }
}

type BackupCitation = NonNullable<MapBackup['nodes'][number]['citation']>

const quoteKey = (sourceTitle: string, exact: string) => `${sourceTitle.trim()}\u0000${exact}`

/**
 * The highlight each cited node will point at: the one it names if the actor can see it in this
 * group, otherwise one the actor can see there with the same quote in a source of the same title.
 */
async function resolveCitations(
  actor: Actor,
  groupId: string,
  nodes: MapBackup['nodes'],
): Promise<Map<string, string>> {
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
    const highlightId = visible.has(citation.highlightId)
      ? citation.highlightId
      : byQuote.get(quoteKey(citation.sourceTitle, citation.exact))
    if (highlightId) resolved.set(node.id, highlightId)
    else if (!missing.has(citation.highlightId)) missing.set(citation.highlightId, { citation, index })
  })
  if (missing.size > 0) throw missingCitations([...missing.values()])
  return resolved
}

function missingCitations(missing: { citation: BackupCitation; index: number }[]): Invalid {
  const short = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text)
  const named = (c: BackupCitation) =>
    `“${short(c.exact.replace(/\s+/g, ' ').trim())}” (${short(c.sourceTitle.trim()) || 'untitled source'})`
  const listed = missing.slice(0, MAX_LISTED).map((m) => named(m.citation))
  const more = missing.length > MAX_LISTED ? `, and ${missing.length - MAX_LISTED} more` : ''
  const what =
    missing.length === 1
      ? 'This citation does not match a passage'
      : `${missing.length} citations do not match passages`
  return new Invalid(
    `${what} you can see in this group: ${listed.join(', ')}${more}. Import the backup into the group it came from, or add those highlights here first. Nothing was imported.`,
    Object.fromEntries(
      missing.map((m) => [
        `backup.nodes.${m.index}.citation`,
        `No passage you can see in this group matches ${named(m.citation)}.`,
      ]),
    ),
  )
}

/**
 * A new personal map of the actor's from a backup; nothing is created unless all of it fits. The
 * file is checked in a job worker thread, and the map written in one short transaction within the
 * bulk-write budget (lib/maps/bulk.ts).
 */
export async function importMapBackup(actor: Actor, input: unknown, signal?: AbortSignal): Promise<{ id: string }> {
  const { groupId, backup: unchecked } = ImportMapBackup.parse(input)
  const access = await authorizeInGroup(actor, groupId, 'map:create')
  const { backup } = await runJob('check-backup', { backup: unchecked }, { owner: actor!.id, signal })
  const highlightOf = await resolveCitations(actor, access.group.id, backup.nodes)
  const ids = new Map(backup.nodes.map((node) => [node.id, newId()]))
  const state: MapState = {
    nodes: backup.nodes.map((n) => ({
      id: ids.get(n.id)!,
      kind: n.kind,
      label: n.label,
      highlightId: highlightOf.get(n.id) ?? null,
      x: n.x,
      y: n.y,
      version: 1,
    })),
    relations: backup.relations.map((r) => ({
      id: newId(),
      fromId: ids.get(r.fromId)!,
      toId: ids.get(r.toId)!,
      kind: r.kind,
      label: r.label,
    })),
  }
  return withinBulkBudget(actor!.id, () =>
    transactionWithEvents(async (tx) => {
      const map = await tx.argumentMap.create({
        data: { groupId: access.group.id, kind: 'PERSONAL', ownerId: actor!.id, title: backup.title },
        select: { id: true, groupId: true, ownerId: true, kind: true, status: true, title: true, seq: true },
      })
      await applyBulk(tx, { ...access, map, isOwner: true }, actor!.id, () =>
        diffStates({ nodes: [], relations: [] }, state),
      )
      return { id: map.id }
    }, BULK_TRANSACTION),
  )
}
