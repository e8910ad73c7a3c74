// Searching a group: the demo seminar's essays found by the words a student remembers, ranked,
// with the words marked and a link to the paragraph; highlights, notes, replies and map nodes
// found only by those who could open them (private highlights, "read first", personal maps);
// Japanese found by any part of a sentence; bad queries refused with a sentence; searches past
// their rate limits or statement time budget refused.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { newId } from '@/lib/ids'
import { createHighlight, createReply } from '@/lib/annotations/mutations'
import { noteFromText } from '@/lib/annotations/note'
import { db } from '@/lib/db'
import { toFailure } from '@/lib/errors'
import { joinGroupByCode, updateGroupSettings } from '@/lib/groups/mutations'
import { createMap } from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import { limiter, LIMITS } from '@/lib/rate-limits'
import { searchGroupAsked } from '@/lib/search/limited'
import { SEARCH_STATEMENT_MS, SEARCH_TOO_SLOW, searchGroup, type SearchResult } from '@/lib/search/queries'
import { blocksOf } from '@/lib/sources/blocks'
import { createSource } from '@/lib/sources/mutations'
import { seedDemo } from '@/prisma/seed'

const JAPANESE = [
  '日米同盟の現在',
  '沖縄の米軍基地の負担軽減は、日米同盟にとって長年の課題である。普天間飛行場の移設をめぐる議論は今も続いている。',
  '一方で、北朝鮮のミサイル発射は同盟の抑止力の重要性を改めて示した。',
].join('\n\n')

const marked = (result: SearchResult, field: 'excerpt' | 'title' | 'note' = 'excerpt') =>
  (result[field] ?? []).filter((s) => s.mark).map((s) => s.text.toLowerCase())
const ids = (results: SearchResult[]) => results.map((r) => r.id)

let w: Awaited<ReturnType<typeof demoSeminar>>

async function demoSeminar() {
  await seedDemo(db)
  const group = await db.group.findFirstOrThrow({ select: { id: true, joinCode: true } })
  const person = (email: string) => db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })
  const [naomi, alex, bea, chris] = await Promise.all([
    person('instructor@colloquy.test'),
    person('alex@colloquy.test'),
    person('bea@colloquy.test'),
    person('chris@colloquy.test'),
  ])
  const source = (title: string) =>
    db.source.findFirstOrThrow({ where: { groupId: group.id, title }, select: { id: true, text: true } })
  const essay002 = await source('US – Japan Alliance')
  const outsider = await db.user.create({
    data: { name: 'Olga', email: `olga-${randomBytes(4).toString('hex')}@example.com`, passwordHash: 'unused' },
    select: { id: true },
  })
  const { id: japaneseId } = await createSource(naomi, {
    groupId: group.id,
    title: '日米同盟の現在',
    author: '佐藤 直美',
    text: JAPANESE,
  })
  return { groupId: group.id, joinCode: group.joinCode, naomi, alex, bea, chris, outsider, essay002, japaneseId }
}

/** A selection of the first occurrence of `quote` in a source. */
async function at(sourceId: string, quote: string) {
  const { text } = await db.source.findUniqueOrThrow({ where: { id: sourceId }, select: { text: true } })
  const start = text.indexOf(quote)
  expect(start, `"${quote}" is in the source`).toBeGreaterThanOrEqual(0)
  return { sourceId, start, end: start + quote.length }
}

const search = async (actor: { id: string }, q: string) => (await searchGroup(actor, { groupId: w.groupId, q })).results

beforeAll(async () => {
  w = await demoSeminar()
}, 60_000)

describe('finding the essays of the demo seminar', () => {
  it('puts the one essay about Futenma first, marks the word and links to its paragraph', async () => {
    const [top, ...rest] = await search(w.alex, 'Futenma relocation')
    expect(top).toMatchObject({ kind: 'source', id: w.essay002.id })
    expect(rest.filter((r) => r.kind === 'source')).toEqual([])
    expect(marked(top!)).toContain('futenma')
    // The link opens the reader at the paragraph the excerpt comes from.
    const paragraph = Number(/#p(\d+)$/.exec(top!.href)?.[1])
    const block = blocksOf(w.essay002.text).find((b) => b.number === paragraph)!
    expect(w.essay002.text.slice(block.start, block.end)).toMatch(/Futenma/)
  })

  it('ranks an essay whose title matches above essays that merely mention the words', async () => {
    const results = await search(w.bea, 'converging interests shared values')
    expect(results[0]).toMatchObject({ kind: 'source' })
    expect(results[0]!.title.map((s) => s.text).join('')).toMatch(/^Converging Interests and Shared Values/)
    expect(marked(results[0]!, 'title')).toEqual(expect.arrayContaining(['converging', 'interests']))
  })

  it('finds every essay that uses the words, each with a word marked', async () => {
    // "nuclear" is in all five essays.
    // (The demo's highlights and map nodes that say it are found too; every result marks the word.)
    const results = await search(w.chris, 'nuclear')
    expect(results.filter((r) => r.kind === 'source')).toHaveLength(5)
    for (const r of results) expect(marked(r).some((word) => word.toLowerCase().startsWith('nuclear'))).toBe(true)
  })

  it('finds a word by its stem: "alliances" finds "alliance"', async () => {
    const [top] = await search(w.chris, 'alliances')
    expect(marked(top!).some((word) => word === 'alliance')).toBe(true)
  })

  it('finds Japanese by any part of a sentence, two characters or more, and marks it', async () => {
    for (const q of ['米軍基地', '沖縄', '普天間飛行場の移設']) {
      const [top] = await search(w.alex, q)
      expect(top, q).toMatchObject({ kind: 'source', id: w.japaneseId })
      expect(marked(top!), q).toContain(q)
    }
    // By author too.
    expect(ids(await search(w.alex, '佐藤'))).toContain(w.japaneseId)
  })
})

describe('highlights, notes, replies and map nodes, only for those who may see them', () => {
  it('finds a shared highlight by its passage and its note, and a reply, all linking to the passage', async () => {
    const { id } = await createHighlight(w.alex, {
      ...(await at(w.essay002.id, 'Futenma')),
      tag: 'EVIDENCE',
      note: noteFromText('The heliport move keeps stalling in Nago'),
    })
    const { id: replyId } = await createReply(w.bea, {
      highlightId: id,
      body: noteFromText('Henoko landfill protests explain the stall'),
    })
    const byNote = await search(w.chris, 'heliport Nago')
    expect(byNote[0]).toMatchObject({
      kind: 'highlight',
      id,
      href: `/groups/${w.groupId}/sources/${w.essay002.id}?highlight=${id}`,
    })
    expect(marked(byNote[0]!, 'note')).toEqual(expect.arrayContaining(['heliport', 'nago']))
    const byReply = await search(w.chris, 'Henoko landfill')
    expect(byReply[0]).toMatchObject({
      kind: 'reply',
      id: replyId,
      href: `/groups/${w.groupId}/sources/${w.essay002.id}?highlight=${id}`,
    })
  })

  it('never shows a classmate’s private highlight, nor replies on it, to another student; its author and the instructor find it', async () => {
    const { id } = await createHighlight(w.bea, {
      ...(await at(w.essay002.id, 'host nation')),
      tag: 'BIAS',
      visibility: 'PRIVATE',
      note: noteFromText('Quietly doubting the zephyrine figures'),
    })
    await createReply(w.bea, { highlightId: id, body: noteFromText('zephyrine follow-up for myself') })
    for (const q of ['zephyrine', 'zephyrine figures', 'zephyr']) {
      expect(ids(await search(w.alex, q)), `Alex searching "${q}"`).not.toContain(id)
      expect(
        (await search(w.alex, q)).filter((r) => r.kind !== 'source'),
        `Alex searching "${q}"`,
      ).toEqual([])
    }
    expect(ids(await search(w.bea, 'zephyrine'))).toContain(id)
    expect((await search(w.naomi, 'zephyrine')).map((r) => r.kind).sort()).toEqual(['highlight', 'reply'])
    expect((await search(w.naomi, 'zephyrine')).find((r) => r.kind === 'highlight')?.meta).toMatch(/private/)
  })

  it('with "read first", finds classmates’ highlights on a source only once the student has made one there', async () => {
    await updateGroupSettings(w.naomi, { groupId: w.groupId, readFirst: true })
    try {
      const { id } = await createHighlight(w.alex, {
        ...(await at(w.japaneseId, '負担軽減')),
        tag: 'CLAIM',
        note: noteFromText('負担の公平性が論点'),
      })
      const kinds = async (q: string) =>
        (await search(w.chris, q)).filter((r) => r.kind === 'highlight').map((r) => r.id)
      expect(await kinds('負担')).toEqual([])
      expect(await kinds('公平性')).toEqual([])
      await createHighlight(w.chris, { ...(await at(w.japaneseId, '北朝鮮のミサイル')), tag: 'EVIDENCE' })
      expect(await kinds('公平性')).toEqual([id])
      // The instructor is never held back by read first.
      expect(ids(await search(w.naomi, '公平性'))).toContain(id)
    } finally {
      await updateGroupSettings(w.naomi, { groupId: w.groupId, readFirst: false })
    }
  })

  it('finds nodes of group maps for everyone, of a personal map for its owner and the instructor only', async () => {
    const { id: groupMap } = await createMap(w.naomi, { groupId: w.groupId, title: 'Class map', kind: 'GROUP' })
    const { id: personal } = await createMap(w.bea, { groupId: w.groupId, title: 'Bea’s map', kind: 'PERSONAL' })
    const node = async (actor: { id: string }, mapId: string, label: string) => {
      const id = newId()
      await applyMapOperation(actor, {
        mapId,
        op: { type: 'node.add', node: { id, kind: 'CLAIM', label, x: 0, y: 0 } },
      })
      return id
    }
    const shared = await node(w.alex, groupMap, 'Deterrence depends on forward quarterbacking')
    const own = await node(w.bea, personal, 'My quarterbacking hunch')
    const found = async (actor: { id: string }) =>
      ids((await search(actor, 'quarterbacking')).filter((r) => r.kind === 'node'))
    expect((await found(w.chris)).sort()).toEqual([shared])
    expect((await found(w.bea)).sort()).toEqual([shared, own].sort())
    expect((await found(w.naomi)).sort()).toEqual([shared, own].sort())
    const [hit] = (await search(w.alex, 'forward quarterbacking')).filter((r) => r.kind === 'node')
    expect(hit).toMatchObject({
      href: `/groups/${w.groupId}/maps/${groupMap}?node=${shared}`,
      title: [{ text: 'Class map', mark: false }],
    })
  })
})

describe('who may search, and bad queries', () => {
  it('answers an outsider as if the group did not exist, and a signed-out person with a request to sign in', async () => {
    expect(
      toFailure(await searchGroup(w.outsider, { groupId: w.groupId, q: 'alliance' }).catch((e) => e)),
    ).toMatchObject({ status: 404, error: 'This group does not exist.' })
    expect(toFailure(await searchGroup(null, { groupId: w.groupId, q: 'alliance' }).catch((e) => e))).toMatchObject({
      status: 401,
    })
    // Once they join, they find what every member finds.
    await joinGroupByCode(w.outsider, { code: w.joinCode })
    expect(ids(await search(w.outsider, 'Futenma'))).toContain(w.essay002.id)
  })

  it.each([
    ['empty', '   ', 'Type something to search for.'],
    ['not text', 42, 'Type something to search for.'],
    ['too long', 'a'.repeat(201), 'Search for at most 200 characters.'],
    ['a control character', 'base\u0000s', 'Search for text on one line, without control characters.'],
    ['a lone surrogate', 'base\uD800', 'Search for text on one line, without control characters.'],
  ])('refuses a query that is %s with a sentence', async (_name, q, message) => {
    const failure = toFailure(await searchGroup(w.alex, { groupId: w.groupId, q }).catch((e) => e))
    expect(failure).toMatchObject({ status: 400 })
    expect(JSON.stringify(failure)).toContain(message)
  })

  it('treats query syntax, wildcards and SQL as text', async () => {
    for (const q of ['%', '_', '\\', '\'; DROP TABLE "Source"; --', '"unclosed', 'a & | ! b', '-', 'or or or', '(((']) {
      const results = await search(w.alex, q)
      expect(Array.isArray(results), q).toBe(true)
    }
    // A wildcard is a character like any other: only text that has it is found.
    for (const r of await search(w.alex, '%')) expect(marked(r)).toEqual(['%'])
    expect(await db.source.count()).toBeGreaterThan(0)
  })
})

describe('the budget of a search', () => {
  it('refuses an account past its limit, then an address past its own, saying when to try again', async () => {
    const asked = (actor: { id: string }, address: string) =>
      searchGroupAsked(actor, { groupId: w.groupId, q: 'alliance' }, address)
    const { account, address } = LIMITS.search
    // All but the last search of Bea's minute already made; the last one is answered.
    await limiter('search:account', account).penalty(w.bea.id, account.points - 1)
    expect((await asked(w.bea, '192.0.2.10')).results.length).toBeGreaterThan(0)
    const refused = toFailure(await asked(w.bea, '192.0.2.11').catch((e) => e))
    expect(refused).toMatchObject({
      status: 429,
      error: expect.stringMatching(/^Too many searches were made in the last minute\. Please try again in \d+ s\.$/),
    })
    expect(refused.retryAfterSeconds).toBeGreaterThan(0)
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(account.duration)
    // Chris, from another address, searches on.
    expect((await asked(w.chris, '192.0.2.12')).results.length).toBeGreaterThan(0)

    // A school address that has made its minute's searches: every account behind it waits.
    await limiter('search:address', address).penalty('192.0.2.20', address.points)
    expect(toFailure(await asked(w.chris, '192.0.2.20').catch((e) => e))).toMatchObject({ status: 429 })
    expect(toFailure(await asked(w.naomi, '192.0.2.20').catch((e) => e))).toMatchObject({ status: 429 })
    expect((await asked(w.naomi, '192.0.2.21')).results.length).toBeGreaterThan(0)
  })

  it('stops a search whose statements run past their time budget, and says so', async () => {
    // Another session holds the highlights table, so the search's statements wait on it.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await holder.connect()
    try {
      await holder.query('BEGIN')
      await holder.query('LOCK TABLE "Highlight" IN ACCESS EXCLUSIVE MODE')
      const started = Date.now()
      const failure = toFailure(await searchGroup(w.alex, { groupId: w.groupId, q: 'alliance' }).catch((e) => e))
      const took = Date.now() - started
      expect(failure).toMatchObject({ status: 422, error: SEARCH_TOO_SLOW })
      expect(took).toBeGreaterThanOrEqual(SEARCH_STATEMENT_MS - 100)
      expect(took).toBeLessThan(SEARCH_STATEMENT_MS + 2_000)
    } finally {
      await holder.query('ROLLBACK')
      await holder.end()
    }
    expect((await search(w.alex, 'alliance')).length).toBeGreaterThan(0)
  })
})
