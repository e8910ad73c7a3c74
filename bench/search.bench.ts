// search: searching a group of the demo seminar carrying 5,000 highlights (a fifth of them
// private, a third with notes), 1,000 replies and a 300-node group map, as a student, through
// lib/search (full-text and trigram indexes, visibility in SQL, ranking, marked excerpts),
// against a plain ILIKE scan of the same texts in the same run, on its own embedded database.
// Also counts what full-text search alone would find for Japanese queries, and which indexes the
// planner uses, for README's "why FTS + pg_trgm".
import pg from 'pg'
import { removeEmbeddedData, startEmbeddedPostgres, type EmbeddedDatabase } from '../scripts/embedded-postgres'
import { applyMigrations } from '../scripts/migrate'
import { noteFromText } from '../lib/annotations/note'
import { db } from '../lib/db'
import { newId } from '../lib/ids'
import { searchGroup } from '../lib/search/queries'
import { seedDemo } from '../prisma/seed'
import { connectToBenchDatabase, demoPeople } from './lib/map-db'
import { freePorts } from './lib/processes'
import { step, type BenchResult, type Row } from './lib/report'
import { percentile, seededRandom } from './lib/stats'

const HIGHLIGHTS = 5_000
const REPLIES = 1_000
const NODES = 300
const ROUNDS = 12
const DATA_DIR = '.data/bench-search'
const ENGLISH = [
  'Futenma',
  'China',
  'nuclear umbrella',
  'deterrence',
  'collective self-defense',
  'burden sharing',
  'alliance',
  'North Korea missile',
  'quokka',
]
const JAPANESE = ['米軍基地', '沖縄', '普天間飛行場', '抑止力']
const JAPANESE_TEXT = [
  '日米同盟の現在',
  '沖縄の米軍基地の負担軽減は、日米同盟にとって長年の課題である。普天間飛行場の移設をめぐる議論は今も続いている。',
  '一方で、北朝鮮のミサイル発射は同盟の抑止力の重要性を改めて示した。中国の海洋進出も同盟の役割を変えつつある。',
].join('\n\n')
const NOTE_WORDS = [
  'deterrence',
  'burden',
  'bases',
  'Okinawa',
  'treaty',
  'evidence?',
  'loaded wording',
  '米軍基地の負担',
  '抑止力とは何か',
  'compare ¶4',
]

/** A passage of the text: a run of whole words of 3 to 40 words. */
function passage(text: string, random: () => number): { start: number; end: number } {
  const spaces = [...text.matchAll(/\s+/g)].map((m) => m.index! + m[0].length)
  const from = spaces[Math.floor(random() * (spaces.length - 45))] ?? 0
  const to = spaces[spaces.indexOf(from) + 3 + Math.floor(random() * 37)] ?? text.length
  return { start: from, end: Math.max(from + 1, to - 1) }
}

async function populate(random: () => number) {
  const people = await demoPeople()
  const authors = [people.instructor, ...people.students]
  await db.source.create({
    data: {
      groupId: people.groupId,
      title: '日米同盟の現在',
      text: JAPANESE_TEXT,
      contentHash: 'bench',
      createdById: people.instructor.id,
    },
  })
  const sources = await db.source.findMany({ where: { groupId: people.groupId }, select: { id: true, text: true } })
  const highlights = Array.from({ length: HIGHLIGHTS }, (_, i) => {
    const source = sources[i % sources.length]!
    const { start, end } = passage(source.text, random)
    const words = random() < 0.33 ? `${NOTE_WORDS[Math.floor(random() * NOTE_WORDS.length)]} — note ${i}` : null
    return {
      id: newId(),
      sourceId: source.id,
      authorId: authors[i % authors.length]!.id,
      tag: (['CLAIM', 'EVIDENCE', 'BIAS'] as const)[i % 3]!,
      visibility: random() < 0.2 ? ('PRIVATE' as const) : ('GROUP' as const),
      exact: source.text.slice(start, end),
      prefix: source.text.slice(Math.max(0, start - 32), start),
      suffix: source.text.slice(end, end + 32),
      start,
      end,
      sourceVersion: 1,
      note: words ? noteFromText(words) : undefined,
    }
  })
  for (let i = 0; i < highlights.length; i += 500) await db.highlight.createMany({ data: highlights.slice(i, i + 500) })
  await db.reply.createMany({
    data: Array.from({ length: REPLIES }, (_, i) => ({
      highlightId: highlights[Math.floor(random() * highlights.length)]!.id,
      authorId: authors[(i + 1) % authors.length]!.id,
      body: noteFromText(`${NOTE_WORDS[i % NOTE_WORDS.length]}: reply ${i}`),
    })),
  })
  const map = await db.argumentMap.create({
    data: { groupId: people.groupId, kind: 'GROUP', title: 'Class map' },
    select: { id: true },
  })
  await db.mapNode.createMany({
    data: Array.from({ length: NODES }, (_, i) => ({
      mapId: map.id,
      kind: 'CLAIM' as const,
      label: highlights[i * 7]!.exact.slice(0, 200),
      x: i * 10,
      y: 0,
    })),
  })
  await db.$executeRawUnsafe('ANALYZE')
  return { groupId: people.groupId, student: people.students[2]! }
}

/** The naive search: every text of the group scanned with ILIKE, no ranking, no visibility rules. */
async function ilikeScan(client: pg.Client, groupId: string, q: string): Promise<number> {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const { rows } = await client.query(
    `SELECT id FROM "Source" WHERE "groupId" = $1 AND (title ILIKE $2 OR coalesce(author, '') ILIKE $2 OR text ILIKE $2)
     UNION ALL (SELECT h.id FROM "Highlight" h JOIN "Source" s ON s.id = h."sourceId" WHERE s."groupId" = $1 AND (h.exact ILIKE $2 OR h.note::text ILIKE $2) LIMIT 20)
     UNION ALL (SELECT r.id FROM "Reply" r JOIN "Highlight" h ON h.id = r."highlightId" JOIN "Source" s ON s.id = h."sourceId" WHERE s."groupId" = $1 AND r.body::text ILIKE $2 LIMIT 20)
     UNION ALL (SELECT n.id FROM "MapNode" n JOIN "ArgumentMap" a ON a.id = n."mapId" WHERE a."groupId" = $1 AND n.label ILIKE $2 LIMIT 20)`,
    [groupId, like],
  )
  return rows.length
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint()
  await run()
  return Number(process.hrtime.bigint() - started) / 1e6
}

export async function benchSearch(): Promise<BenchResult> {
  const failures: string[] = []
  const notes: string[] = []
  removeEmbeddedData(DATA_DIR)
  const [port] = await freePorts(1)
  let server: EmbeddedDatabase | undefined
  let release: (() => Promise<void>) | undefined
  try {
    server = await startEmbeddedPostgres({ dir: DATA_DIR, port: port!, database: 'postgres' })
    await applyMigrations(server.url)
    release = connectToBenchDatabase(server.url)
    await seedDemo(db)
    step(`populating: ${HIGHLIGHTS} highlights, ${REPLIES} replies, ${NODES} map nodes`)
    const { groupId, student } = await populate(seededRandom(20261205))
    const naive = new pg.Client({ connectionString: server.url })
    await naive.connect()

    const samples = {
      english: [] as number[],
      japanese: [] as number[],
      ilikeEnglish: [] as number[],
      ilikeJapanese: [] as number[],
    }
    // One warm-up round, not counted: plans cached, pages in memory for both.
    for (const q of [...ENGLISH, ...JAPANESE]) {
      await searchGroup(student, { groupId, q })
      await ilikeScan(naive, groupId, q)
    }
    step(`timing ${ROUNDS} rounds of ${ENGLISH.length + JAPANESE.length} queries, each beside its ILIKE scan`)
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of ENGLISH) {
        samples.english.push(await time(() => searchGroup(student, { groupId, q })))
        samples.ilikeEnglish.push(await time(() => ilikeScan(naive, groupId, q)))
      }
      for (const q of JAPANESE) {
        samples.japanese.push(await time(() => searchGroup(student, { groupId, q })))
        samples.ilikeJapanese.push(await time(() => ilikeScan(naive, groupId, q)))
      }
    }

    // What full-text search alone would find in Japanese, against the substring (trigram) match.
    for (const q of JAPANESE) {
      const { rows } = await naive.query<{ fts: string; substring: string }>(
        `SELECT count(*) FILTER (WHERE to_tsvector('english', h.exact) @@ websearch_to_tsquery('english', $2)) AS fts,
                count(*) FILTER (WHERE h.exact ILIKE '%' || $2 || '%') AS substring
           FROM "Highlight" h JOIN "Source" s ON s.id = h."sourceId" WHERE s."groupId" = $1`,
        [groupId, q],
      )
      notes.push(
        `Japanese "${q}": full-text alone finds ${rows[0]!.fts} highlights, the substring (trigram) match ${rows[0]!.substring}`,
      )
      const results = (await searchGroup(student, { groupId, q })).results
      if (results.length === 0) failures.push(`search found nothing for "${q}"`)
    }
    // Highlights of Futenma passages may rank above it, but the one essay about it must be found.
    if (!(await searchGroup(student, { groupId, q: 'Futenma' })).results.some((r) => r.kind === 'source'))
      failures.push('"Futenma" did not find its essay')

    // Which indexes the planner picks for the highlights, by query shape.
    for (const q of ['deterrence', '米軍基地', '沖縄']) {
      const { rows } = await naive.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT h.id FROM "Highlight" h WHERE
           (setweight(to_tsvector('english', h.exact), 'A') || setweight(to_tsvector('english', colloquy_doc_text(h.note)), 'B')) @@ websearch_to_tsquery('english', $1)
           OR (h.exact || ' ' || colloquy_doc_text(h.note)) ILIKE '%' || $1 || '%'`,
        [q],
      )
      const used = rows
        .map((r) => r['QUERY PLAN'])
        .filter((line) => /Index|Seq Scan/.test(line))
        .map((line) => line.trim().replace(/\s+\(cost.*$/, ''))
      notes.push(`plan for "${q}": ${used.join('; ')}`)
    }
    await naive.end()

    const rows: Row[] = [
      {
        name: 'English queries p50',
        unit: 'ms',
        figure: percentile(samples.english, 50),
        baseline: percentile(samples.ilikeEnglish, 50),
      },
      {
        name: 'English queries p99',
        unit: 'ms',
        figure: percentile(samples.english, 99),
        baseline: percentile(samples.ilikeEnglish, 99),
      },
      {
        name: 'Japanese queries p50',
        unit: 'ms',
        figure: percentile(samples.japanese, 50),
        baseline: percentile(samples.ilikeJapanese, 50),
      },
      {
        name: 'Japanese queries p99',
        unit: 'ms',
        figure: percentile(samples.japanese, 99),
        baseline: percentile(samples.ilikeJapanese, 99),
      },
    ]
    notes.unshift(
      `${HIGHLIGHTS} highlights, ${REPLIES} replies, ${NODES} map nodes in one group; the search ranks, marks excerpts and applies visibility; the ILIKE baseline only lists ids`,
    )
    return { name: 'search', rows, notes, failures }
  } finally {
    await release?.()
    await server?.stop()
    removeEmbeddedData(DATA_DIR)
  }
}
