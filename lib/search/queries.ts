// Search in a group: sources (title, author, text), highlights and their notes, replies and map
// nodes, ranked together, each with an excerpt whose matching words are marked and a link that
// opens the passage in the reader or the node on its map. Only what the viewer could open is found.
import { db } from '@/lib/db'
import { isStatementTimeout, TooComplex } from '@/lib/errors'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { Actor } from '@/lib/groups/access'
import { authorizeInGroup } from '@/lib/groups/access'
import { can } from '@/lib/permissions'
import { canSeeHighlight, canSeeMap, readFirstApplies } from '@/lib/permissions/visibility'
import { blockAt, blocksOf, type BlockLayout } from '@/lib/sources/blocks'
import { MAX_QUERY_TERMS, SearchInput } from './schema'
import { snippetOf, termsOf, type Segment } from './snippet'
import { searchHighlights, searchMapNodes, searchReplies, searchSources, type Matcher, type Scope } from './sql'

/** Results shown at most, all kinds together. */
export const MAX_RESULTS = 40

export interface SearchResult {
  kind: 'source' | 'highlight' | 'reply' | 'node'
  id: string
  /** What the result is in: the source's title (marked, for a source), or the map's. */
  title: Segment[]
  /** Who and what: the author, the tag, the node's kind. */
  meta: string
  excerpt: Segment[]
  /** A highlight's note, when it has one. */
  note: Segment[] | null
  href: string
  rank: number
}

export interface SearchResults {
  query: string
  results: SearchResult[]
}

const plain = (text: string): Segment[] => [{ text, mark: false }]
const tagWord = (tag: string) => tag.charAt(0) + tag.slice(1).toLowerCase()

/**
 * The time each search statement may run, far past the p99 `npm run bench` measures over 5,000
 * highlights: a search that needs more is stopped, so it cannot hold a connection for the
 * 10 s every other statement may take.
 */
export const SEARCH_STATEMENT_MS = 2_000
export const SEARCH_TOO_SLOW =
  'This search took too long and was stopped. Try a longer or rarer word, or a few words more.'

/** One query in a transaction of its own whose statements stop at SEARCH_STATEMENT_MS. */
async function withinBudget<T>(query: Prisma.PrismaPromise<T>): Promise<T> {
  try {
    const [, rows] = await db.$transaction([
      db.$executeRawUnsafe(`SET LOCAL statement_timeout = ${SEARCH_STATEMENT_MS}`),
      query,
    ])
    return rows
  } catch (error) {
    if (isStatementTimeout(error)) throw new TooComplex(SEARCH_TOO_SLOW)
    throw error
  }
}

export async function searchGroup(actor: Actor, input: unknown): Promise<SearchResults> {
  const data = SearchInput.parse(input)
  const access = await authorizeInGroup(actor, data.groupId, 'group:read')
  const viewerId = actor!.id
  const { standing, group } = access
  const scope: Scope = {
    groupId: group.id,
    viewerId,
    allHighlights: can(standing, 'highlight:readAll'),
    classmates: standing === 'student',
    readFirst: readFirstApplies(standing, group.readFirst),
    groupMaps: can(standing, 'groupMap:read'),
    othersPersonalMaps: can(standing, 'personalMap:read', { isOwner: false }),
    ownPersonalMaps: can(standing, 'personalMap:read', { isOwner: true }),
  }
  const terms = termsOf(data.q).slice(0, MAX_QUERY_TERMS)
  const matcher: Matcher = { query: data.q, terms }
  const [sources, highlights, replies, nodes] = await Promise.all([
    withinBudget(searchSources(matcher, scope)),
    withinBudget(searchHighlights(matcher, scope)),
    withinBudget(searchReplies(matcher, scope)),
    withinBudget(searchMapNodes(matcher, scope)),
  ])
  const base = `/groups/${group.id}`
  // The SQL filters by the same rules; these checks keep it from ever showing more.
  const sees = (row: { authorId: string; visibility: 'GROUP' | 'PRIVATE'; viewerHasOwn: boolean }) =>
    canSeeHighlight({ viewerId, standing, lockedByReadFirst: scope.readFirst && !row.viewerHasOwn }, row)

  const results: SearchResult[] = [
    ...sources.map((row): SearchResult => {
      const excerpt = snippetOf(row.text, row.headline, terms)
      const block =
        excerpt.offset === null
          ? undefined
          : blockAt(blocksOf(row.text, row.layout as BlockLayout[] | null), excerpt.offset)
      const titleSegments = snippetOf(row.title, row.titleHeadline, terms)
      return {
        kind: 'source',
        id: row.id,
        title:
          titleSegments.offset === null && !titleSegments.segments.some((s) => s.mark)
            ? plain(row.title)
            : titleSegments.segments,
        meta: row.author ?? 'Author unknown',
        excerpt: excerpt.segments,
        note: null,
        href: `${base}/sources/${row.id}${block?.number ? `#p${block.number}` : ''}`,
        rank: row.rank,
      }
    }),
    ...highlights.filter(sees).map((row): SearchResult => {
      const note = row.noteText ? snippetOf(row.noteText, row.noteHeadline, terms) : null
      return {
        kind: 'highlight',
        id: row.id,
        title: plain(row.sourceTitle),
        meta: `${tagWord(row.tag)} · ${row.authorName}${row.visibility === 'PRIVATE' ? ' · private' : ''}`,
        excerpt: snippetOf(row.exact, row.exactHeadline, terms).segments,
        note: note && note.segments.some((s) => s.mark) ? note.segments : null,
        href: `${base}/sources/${row.sourceId}?highlight=${row.id}`,
        rank: row.rank,
      }
    }),
    ...replies.filter(sees).map((row): SearchResult => ({
      kind: 'reply',
      id: row.id,
      title: plain(row.sourceTitle),
      meta: `Reply · ${row.replyAuthorName}`,
      excerpt: snippetOf(row.text, row.headline, terms).segments,
      note: null,
      href: `${base}/sources/${row.sourceId}?highlight=${row.highlightId}`,
      rank: row.rank,
    })),
    ...nodes
      .filter((row) => canSeeMap({ id: viewerId, standing }, { kind: row.mapKind, ownerId: row.ownerId }))
      .map((row): SearchResult => ({
        kind: 'node',
        id: row.id,
        title: plain(row.mapTitle),
        meta: `Map node · ${tagWord(row.kind)}`,
        excerpt: snippetOf(row.label, row.headline, terms).segments,
        note: null,
        href: `${base}/maps/${row.mapId}?node=${row.id}`,
        rank: row.rank,
      })),
  ]
  results.sort((a, b) => b.rank - a.rank)
  return { query: data.q, results: results.slice(0, MAX_RESULTS) }
}
