// The search queries, one per kind of thing found. Each matches by full-text search (stemmed
// English words, ranked) or by every term occurring as a substring (trigram-indexed; what finds
// Japanese), and filters by what the viewer may see, in SQL, so the limit counts visible rows.
// The index expressions of migration 20261205160000_group_search are repeated here exactly.
import { db } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'

/** Rows per kind: enough for a page of mixed results, few enough that ts_headline stays cheap. */
export const ROWS_PER_KIND = 20
/** What a substring match adds to the rank: a phrase typed as it stands in the text counts. */
const LITERAL_BONUS = 0.2
const HEADLINE = `StartSel=${'\uE000'}, StopSel=${'\uE001'}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=1`
const TITLE_HEADLINE = `StartSel=${'\uE000'}, StopSel=${'\uE001'}, HighlightAll=true`

const SOURCE_FTS = Prisma.sql`(setweight(to_tsvector('english', s.title), 'A') || setweight(to_tsvector('english', coalesce(s.author, '')), 'B') || setweight(to_tsvector('english', s.text), 'C'))`
const SOURCE_TEXT = Prisma.sql`(s.title || ' ' || coalesce(s.author, '') || ' ' || s.text)`
const HIGHLIGHT_FTS = Prisma.sql`(setweight(to_tsvector('english', h.exact), 'A') || setweight(to_tsvector('english', colloquy_doc_text(h.note)), 'B'))`
const HIGHLIGHT_TEXT = Prisma.sql`(h.exact || ' ' || colloquy_doc_text(h.note))`
const REPLY_FTS = Prisma.sql`(to_tsvector('english', colloquy_doc_text(r.body)))`
const REPLY_TEXT = Prisma.sql`(colloquy_doc_text(r.body))`
const NODE_FTS = Prisma.sql`(to_tsvector('english', n.label))`
const NODE_TEXT = Prisma.sql`(n.label)`

export interface Matcher {
  query: string
  terms: string[]
}

/** Who is searching, as the permission table answers for them (lib/search/queries.ts fills it in). */
export interface Scope {
  groupId: string
  viewerId: string
  /** highlight:readAll — private highlights and those "read first" hides included. */
  allHighlights: boolean
  /** A student sees classmates' shared highlights, */
  classmates: boolean
  /** but with read first on, only on sources where they made one. */
  readFirst: boolean
  groupMaps: boolean
  othersPersonalMaps: boolean
  ownPersonalMaps: boolean
}

const like = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
const tsquery = (m: Matcher) => Prisma.sql`websearch_to_tsquery('english', ${m.query})`

function matches(m: Matcher, fts: Prisma.Sql, text: Prisma.Sql) {
  // A query of syntax alone ("(((") has no terms: then only the full-text match can apply.
  const literal =
    m.terms.length > 0
      ? Prisma.join(
          m.terms.map((term) => Prisma.sql`${text} ILIKE ${like(term)}`),
          ' AND ',
        )
      : Prisma.sql`FALSE`
  return {
    where: Prisma.sql`(${fts} @@ ${tsquery(m)} OR (${literal}))`,
    rank: Prisma.sql`(ts_rank(${fts}, ${tsquery(m)}, 32) + CASE WHEN ${literal} THEN ${LITERAL_BONUS}::float8 ELSE 0 END)`,
  }
}

/** The twin of canSeeHighlight (lib/permissions/visibility.ts) over the highlight `h`. */
function visibleHighlight(scope: Scope) {
  return Prisma.sql`(h."authorId" = ${scope.viewerId} OR ${scope.allHighlights} OR (${scope.classmates} AND h.visibility = 'GROUP'
    AND (NOT ${scope.readFirst} OR EXISTS (SELECT 1 FROM "Highlight" o WHERE o."sourceId" = h."sourceId" AND o."authorId" = ${scope.viewerId}))))`
}

/** Whether the viewer has a highlight of their own on h's source (read first is met there). */
const viewerHasOwn = (scope: Scope) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "Highlight" o WHERE o."sourceId" = h."sourceId" AND o."authorId" = ${scope.viewerId})`

/**
 * The best ROWS_PER_KIND of `rows` (a SELECT ordered best first, with a `rank` column), each given
 * its `headlines`: ts_headline reads the whole text, so it runs on the rows kept, not every match.
 */
function best<Row>(rows: Prisma.Sql, headlines: Prisma.Sql): Prisma.PrismaPromise<(Row & { rank: number })[]> {
  return db.$queryRaw<(Row & { rank: number })[]>`
    SELECT f.*, ${headlines} FROM (${rows} LIMIT ${ROWS_PER_KIND}) f ORDER BY f.rank DESC`
}

export interface SourceRow {
  id: string
  title: string
  author: string | null
  text: string
  layout: unknown
  titleHeadline: string
  headline: string
}

export function searchSources(m: Matcher, scope: Scope) {
  const { where, rank } = matches(m, SOURCE_FTS, SOURCE_TEXT)
  return best<SourceRow>(
    Prisma.sql`SELECT s.id, s.title, s.author, s.text, s.layout, ${rank}::float8 AS rank
                 FROM "Source" s
                WHERE s."groupId" = ${scope.groupId} AND ${where}
                ORDER BY rank DESC, s."createdAt"`,
    Prisma.sql`ts_headline('english', f.title, ${tsquery(m)}, ${TITLE_HEADLINE}) AS "titleHeadline",
               ts_headline('english', f.text, ${tsquery(m)}, ${HEADLINE}) AS headline`,
  )
}

export interface HighlightRow {
  id: string
  sourceId: string
  sourceTitle: string
  authorId: string
  authorName: string
  visibility: 'GROUP' | 'PRIVATE'
  tag: 'CLAIM' | 'EVIDENCE' | 'BIAS'
  exact: string
  noteText: string
  viewerHasOwn: boolean
  exactHeadline: string
  noteHeadline: string
}

export function searchHighlights(m: Matcher, scope: Scope) {
  const { where, rank } = matches(m, HIGHLIGHT_FTS, HIGHLIGHT_TEXT)
  return best<HighlightRow>(
    Prisma.sql`SELECT h.id, h."sourceId", s.title AS "sourceTitle", h."authorId", u.name AS "authorName", h.visibility::text AS visibility,
                      h.tag::text AS tag, h.exact, colloquy_doc_text(h.note) AS "noteText", ${viewerHasOwn(scope)} AS "viewerHasOwn", ${rank}::float8 AS rank
                 FROM "Highlight" h JOIN "Source" s ON s.id = h."sourceId" JOIN "User" u ON u.id = h."authorId"
                WHERE s."groupId" = ${scope.groupId} AND ${where} AND ${visibleHighlight(scope)}
                ORDER BY rank DESC, h."createdAt" DESC`,
    Prisma.sql`ts_headline('english', f.exact, ${tsquery(m)}, ${HEADLINE}) AS "exactHeadline",
               ts_headline('english', f."noteText", ${tsquery(m)}, ${HEADLINE}) AS "noteHeadline"`,
  )
}

export interface ReplyRow {
  id: string
  highlightId: string
  sourceId: string
  sourceTitle: string
  /** The highlight's author and visibility: a reply is seen by whoever sees its highlight. */
  authorId: string
  visibility: 'GROUP' | 'PRIVATE'
  replyAuthorName: string
  text: string
  viewerHasOwn: boolean
  headline: string
}

export function searchReplies(m: Matcher, scope: Scope) {
  const { where, rank } = matches(m, REPLY_FTS, REPLY_TEXT)
  return best<ReplyRow>(
    Prisma.sql`SELECT r.id, r."highlightId", h."sourceId", s.title AS "sourceTitle", h."authorId", h.visibility::text AS visibility,
                      u.name AS "replyAuthorName", colloquy_doc_text(r.body) AS text, ${viewerHasOwn(scope)} AS "viewerHasOwn", ${rank}::float8 AS rank
                 FROM "Reply" r JOIN "Highlight" h ON h.id = r."highlightId" JOIN "Source" s ON s.id = h."sourceId" JOIN "User" u ON u.id = r."authorId"
                WHERE s."groupId" = ${scope.groupId} AND ${where} AND ${visibleHighlight(scope)}
                ORDER BY rank DESC, r."createdAt" DESC`,
    Prisma.sql`ts_headline('english', f.text, ${tsquery(m)}, ${HEADLINE}) AS headline`,
  )
}

export interface NodeRow {
  id: string
  mapId: string
  mapTitle: string
  mapKind: 'GROUP' | 'PERSONAL'
  ownerId: string | null
  kind: 'CLAIM' | 'EVIDENCE' | 'BIAS' | 'NOTE'
  label: string
  headline: string
}

export function searchMapNodes(m: Matcher, scope: Scope) {
  const { where, rank } = matches(m, NODE_FTS, NODE_TEXT)
  // The twin of canSeeMap, from the same permission table.
  const visibleMap = Prisma.sql`((a.kind = 'GROUP' AND ${scope.groupMaps}) OR (a.kind = 'PERSONAL' AND (${scope.othersPersonalMaps} OR (${scope.ownPersonalMaps} AND a."ownerId" = ${scope.viewerId}))))`
  return best<NodeRow>(
    Prisma.sql`SELECT n.id, n."mapId", a.title AS "mapTitle", a.kind::text AS "mapKind", a."ownerId", n.kind::text AS kind, n.label, ${rank}::float8 AS rank
                 FROM "MapNode" n JOIN "ArgumentMap" a ON a.id = n."mapId"
                WHERE a."groupId" = ${scope.groupId} AND ${where} AND ${visibleMap}
                ORDER BY rank DESC, n."createdAt" DESC`,
    Prisma.sql`ts_headline('english', f.label, ${tsquery(m)}, ${HEADLINE}) AS headline`,
  )
}
