// Exports an argument map the asking user may read as a file to download: a PDF handout with an
// evidence appendix, a standalone SVG, or a PNG picture.
import { db } from '@/lib/db'
import { slugOf } from '@/lib/file-names'
import type { Actor } from '@/lib/groups/access'
import { runJob } from '@/lib/jobs/run-job'
import { authorizeOnMap } from '@/lib/maps/access'
import { citablePassages, type CitedPassage } from '@/lib/maps/queries'
import type { MapState } from '@/lib/maps/reducer'
import { loadMapState } from '@/lib/maps/state'
import { readingOrder } from './map-drawing'
import type { AppendixEntry, FeedbackNote } from './map-pdf'
import { MapExportRequest } from './schema'
import { isolate, printable } from './text-fit'

export interface MapExportFile {
  body: string | Buffer
  contentType: string
  filename: string
}

const dateOf = (date: Date) =>
  date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** "Why Alliances Endure?" → "why-alliances-endure-map.pdf". */
function fileName(title: string, extension: string): string {
  const name = slugOf(title, 'argument')
  return `${/(^|-)map$/.test(name) ? name : `${name}-map`}.${extension}`
}

const snippet = (text: string, length = 70) => {
  const line = printable(text)
  return line.length > length ? `${line.slice(0, length - 1)}…` : line
}

type FeedbackRow = {
  nodeId: string | null
  relationId: string | null
  body: string
  score: number | null
  createdAt: Date
  author: { name: string }
}

const noteOf = (row: FeedbackRow): FeedbackNote => ({
  author: row.author.name,
  body: row.body,
  score: row.score,
  date: dateOf(row.createdAt),
})

/** The appendix: every node in reading order, with its full passage, source, relations and feedback. */
function appendixOf(
  state: MapState,
  cited: CitedPassage[],
  sourceAuthors: Map<string, string | null>,
  feedback: FeedbackRow[],
): AppendixEntry[] {
  const passages = new Map(cited.map((p) => [p.highlightId, p]))
  const ordered = readingOrder(state.nodes)
  const numbers = new Map(ordered.map((n, i) => [n.id, i + 1]))
  const labels = new Map(state.nodes.map((n) => [n.id, n.label]))
  const notesOn = (key: 'nodeId' | 'relationId', id: string) => feedback.filter((row) => row[key] === id).map(noteOf)
  return ordered.map((node) => {
    const passage = node.highlightId ? passages.get(node.highlightId) : undefined
    // A node made from a passage starts with its words; show the node's text only if it was reworded.
    const ownWording = passage && !printable(passage.exact).startsWith(printable(node.label)) ? node.label : null
    return {
      number: numbers.get(node.id)!,
      kind: node.kind,
      text: passage ? passage.exact : node.label,
      quoted: passage !== undefined,
      label: ownWording,
      citation: passage
        ? {
            sourceTitle: passage.sourceTitle,
            sourceAuthor: sourceAuthors.get(passage.sourceId) ?? null,
            paragraph: passage.paragraph,
            page: passage.page,
            taggedBy: passage.authorName,
            orphaned: passage.anchorStatus === 'ORPHANED',
          }
        : null,
      relations: state.relations
        .filter((r) => r.fromId === node.id && numbers.has(r.toId))
        .map((r) => ({
          kind: r.kind,
          targetNumber: numbers.get(r.toId)!,
          targetText: snippet(labels.get(r.toId) ?? ''),
          label: r.label,
          feedback: notesOn('relationId', r.id),
        })),
      feedback: notesOn('nodeId', node.id),
    }
  })
}

/**
 * The drawing, the SVG, the PNG and the PDF are made in job worker threads, within the export
 * budgets (lib/jobs/budgets.ts): a large map takes seconds of CPU, which the request thread and
 * everyone else's pages never wait for. `signal` stops the job when the person goes away.
 */
export async function exportMap(
  actor: Actor,
  mapId: unknown,
  input: unknown,
  signal?: AbortSignal,
): Promise<MapExportFile> {
  const request = MapExportRequest.parse(input)
  const access = await authorizeOnMap(actor, mapId, 'read')
  const { map } = access
  const state = await loadMapState(map.id)
  const cited = await citablePassages(
    actor,
    map.groupId,
    state.nodes.flatMap((n) => (n.highlightId ? [n.highlightId] : [])),
  )
  const owner = map.ownerId ? await db.user.findUnique({ where: { id: map.ownerId }, select: { name: true } }) : null
  // The author is the owner, or the whole group for a group map; the byline says which kind it is,
  // with the names isolated, so a right-to-left one cannot reorder the words around it.
  const author = map.kind === 'GROUP' ? access.group.name : (owner?.name ?? 'A former member')
  const date = dateOf(new Date())
  const byline = [
    isolate(printable(access.group.name)),
    map.kind === 'GROUP' ? 'Group map' : `Personal map by ${isolate(printable(author))}`,
    ...(map.status === 'SUBMITTED' ? ['submitted for review'] : []),
    `exported ${date}`,
  ].join(' · ')
  // Only members get this far: the job's owner is a signed-in person.
  const job = { owner: actor!.id, signal }
  if (request.format !== 'pdf') {
    const heading = { title: map.title, byline }
    const picture = await runJob('render-map-picture', { format: request.format, state, cited, heading }, job)
    if (typeof picture === 'string')
      return { body: picture, contentType: 'image/svg+xml; charset=utf-8', filename: fileName(map.title, 'svg') }
    return { body: Buffer.from(picture), contentType: 'image/png', filename: fileName(map.title, 'png') }
  }

  const [sources, feedback] = await Promise.all([
    db.source.findMany({
      where: { id: { in: [...new Set(cited.map((p) => p.sourceId))] } },
      select: { id: true, author: true },
    }),
    db.feedback.findMany({
      where: { mapId: map.id },
      orderBy: { createdAt: 'asc' },
      select: {
        nodeId: true,
        relationId: true,
        body: true,
        score: true,
        createdAt: true,
        author: { select: { name: true } },
      },
    }),
  ])
  const entries = appendixOf(state, cited, new Map(sources.map((s) => [s.id, s.author])), feedback)
  const mapFeedback = feedback.filter((row) => !row.nodeId && !row.relationId).map(noteOf)
  const content = { title: map.title, groupName: access.group.name, author, byline, entries, mapFeedback }
  const pdf = await runJob(
    'render-map-pdf',
    { content, state, cited, paper: request.paper, orientation: request.orientation },
    job,
  )
  return { body: Buffer.from(pdf), contentType: 'application/pdf', filename: fileName(map.title, 'pdf') }
}
