// The whole-seminar archive: an instructor downloads the seminar and anyone imports it as a new
// group (here or on another instance), with every source revision, highlight, reply, map with its
// full history, feedback and the rubric; the map history still replays to the maps. Refused for
// students and outsiders; a damaged, hostile or oversized file is refused and changes nothing.
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { createHighlight, createReply } from '@/lib/annotations/mutations'
import { archiveFile, exportSeminarArchive } from '@/lib/archive/export'
import { importSeminarArchive, LOCKED_PASSWORD } from '@/lib/archive/import'
import type { SeminarArchiveFile } from '@/lib/archive/schema'
import { checkCredentials, registerUser } from '@/lib/auth/credentials'
import { db } from '@/lib/db'
import { toFailure } from '@/lib/errors'
import { createMap } from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import { replay } from '@/lib/maps/reducer'
import { loadMapState } from '@/lib/maps/state'
import { addFeedback, setRubric } from '@/lib/review/feedback'
import { editSourceText } from '@/lib/sources/editing/mutations'
import { seedDemo } from '@/prisma/seed'
import { fingerprint } from './bad-input-world'

type Person = { id: string }
let instructor: Person
let alex: Person
let bea: Person
let outsider: Person
let groupId: string
let mapId: string

const id = () => Math.random().toString(36).slice(2).padEnd(12, '0') + Date.now().toString(36).padStart(12, '0')
const note = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

beforeAll(async () => {
  await seedDemo(db)
  const user = (email: string) => db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })
  ;[instructor, alex, bea] = (await Promise.all(
    ['instructor', 'alex', 'bea'].map((name) => user(`${name}@colloquy.test`)),
  )) as [Person, Person, Person]
  await registerUser(
    { name: 'Olga Outsider', email: 'olga@example.com', password: 'outsider-passphrase' },
    '198.51.100.40',
  )
  outsider = await db.user.findUniqueOrThrow({ where: { email: 'olga@example.com' }, select: { id: true } })
  groupId = (await db.group.findFirstOrThrow({ select: { id: true } })).id
  const source = await db.source.findFirstOrThrow({ where: { groupId }, orderBy: { createdAt: 'asc' } })

  // Real work through the domain functions: a revision, highlights with notes and replies, a map
  // built change by change, feedback scored with the rubric.
  await setRubric(instructor, { groupId, criteria: [{ name: 'Uses evidence 証拠', points: 5 }] })
  await editSourceText(instructor, {
    sourceId: source.id,
    expectedVersion: 1,
    text: `${source.text}\n\nAn added closing paragraph — 日本 🇯🇵.`,
  })
  const words = [...source.text.matchAll(/\p{L}{5,}/gu)].slice(0, 3)
  const highlights = []
  for (const [i, word] of words.entries()) {
    highlights.push(
      (
        await createHighlight(i === 2 ? bea : alex, {
          sourceId: source.id,
          start: word.index,
          end: word.index + word[0].length,
          tag: 'EVIDENCE',
          visibility: i === 1 ? 'PRIVATE' : 'GROUP',
          note: note(`Note ${i} التحالف`),
        })
      ).id,
    )
  }
  await createReply(instructor, { highlightId: highlights[0], body: note('Good catch 👍') })
  mapId = (await createMap(alex, { groupId, title: 'Why alliances endure', kind: 'PERSONAL' })).id
  const [a, b] = [id(), id()]
  const r = id()
  for (const op of [
    { type: 'node.add', node: { id: a, kind: 'CLAIM', label: 'Alliances endure', x: 0, y: 0 } },
    { type: 'node.add', node: { id: b, kind: 'EVIDENCE', label: 'Quoted', x: 0, y: 150, highlightId: highlights[0] } },
    { type: 'relation.add', relation: { id: r, fromId: b, toId: a, kind: 'SUPPORTS', label: 'because' } },
    { type: 'node.move', nodeId: a, x: 40, y: -10 },
    { type: 'node.edit', nodeId: a, label: 'Alliances endure — 同盟', baseVersion: 1 },
  ]) {
    await applyMapOperation(alex, { mapId, op, opId: id() })
  }
  await addFeedback(instructor, { mapId, body: 'Cite a second source.', nodeId: a, scores: [4] })
  await addFeedback(instructor, { mapId, body: 'The relation holds.', relationId: r })
}, 60_000)

const groupCounts = async (id: string) => ({
  members: await db.membership.count({ where: { groupId: id } }),
  sources: await db.source.count({ where: { groupId: id } }),
  revisions: await db.sourceRevision.count({ where: { source: { groupId: id } } }),
  highlights: await db.highlight.count({ where: { source: { groupId: id } } }),
  replies: await db.reply.count({ where: { highlight: { source: { groupId: id } } } }),
  maps: await db.argumentMap.count({ where: { groupId: id } }),
  nodes: await db.mapNode.count({ where: { map: { groupId: id } } }),
  relations: await db.mapRelation.count({ where: { map: { groupId: id } } }),
  operations: await db.mapOperation.count({ where: { map: { groupId: id } } }),
  feedback: await db.feedback.count({ where: { map: { groupId: id } } }),
})

describe('a seminar archive', () => {
  let archive: SeminarArchiveFile

  it('is for the group’s instructors only', async () => {
    for (const [who, status] of [
      [alex, 403],
      [outsider, 404],
      [null, 401],
    ] as const) {
      const failure = toFailure(
        await exportSeminarArchive(who, groupId).then(
          () => undefined,
          (error: unknown) => error,
        ),
      )
      expect(failure.status, `${who?.id ?? 'anonymous'}`).toBe(status)
    }
    archive = (await exportSeminarArchive(instructor, groupId)).archive
    expect(JSON.stringify(archive)).not.toMatch(/@colloquy\.test|\$argon2/)
  })

  it('imports as a new group holding everything, with the importer as instructor', async () => {
    const original = await groupCounts(groupId)
    expect(
      Object.values(original).every((n) => n > 0),
      JSON.stringify(original),
    ).toBe(true)
    // Imported by someone else entirely (as on another instance), from the downloaded file.
    const imported = await importSeminarArchive(outsider, archiveFile(archive))
    expect(imported.name).toBe('US–Japan Alliance Seminar')
    // The exporter's place (the instructor who downloaded it) goes to the importer; everyone else
    // comes as a locked account of their own.
    expect(await groupCounts(imported.id)).toEqual(original)
    expect(
      await db.membership.findUniqueOrThrow({
        where: { groupId_userId: { groupId: imported.id, userId: outsider.id } },
      }),
    ).toMatchObject({ role: 'INSTRUCTOR' })
    const group = await db.group.findUniqueOrThrow({ where: { id: imported.id } })
    expect(group.rubric).toEqual([{ name: 'Uses evidence 証拠', points: 5 }])

    // Texts, notes and replies word for word; a private highlight stays private.
    const texts = async (id: string) =>
      (
        await db.highlight.findMany({
          where: { source: { groupId: id } },
          include: { replies: true, author: { select: { name: true } } },
          orderBy: { start: 'asc' },
        })
      )
        .map((h) => ({
          exact: h.exact,
          note: h.note,
          visibility: h.visibility,
          author: h.author.name,
          replies: h.replies.map((r) => r.body),
        }))
        // Highlights of different sources may start at the same offset: compared in one fixed order.
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))
    expect(await texts(imported.id)).toEqual(await texts(groupId))
    // Each source keeps its layout (the kinds of its blocks, the pages of the original), as edited.
    const layouts = async (id: string) =>
      await db.source.findMany({
        where: { groupId: id },
        orderBy: { title: 'asc' },
        select: { title: true, text: true, layout: true },
      })
    const before = await layouts(groupId)
    expect(before.every((s) => Array.isArray(s.layout) && s.layout.length === s.text.split('\n\n').length)).toBe(true)
    expect(await layouts(imported.id)).toEqual(before)

    // Every map's history still replays to the map, with the new ids.
    const maps = await db.argumentMap.findMany({
      where: { groupId: imported.id },
      select: { id: true, title: true, seq: true },
    })
    for (const map of maps) {
      const log = await db.mapOperation.findMany({ where: { mapId: map.id }, orderBy: { seq: 'asc' } })
      const byId = <T extends { id: string }>(items: T[]) => [...items].sort((x, y) => x.id.localeCompare(y.id))
      const state = await loadMapState(map.id)
      const replayed = replay(log.map((o) => o.payload as never))
      expect({ nodes: byId(state.nodes), relations: byId(state.relations) }, map.title).toEqual({
        nodes: byId(replayed.nodes),
        relations: byId(replayed.relations),
      })
      expect(log.at(-1)?.seq ?? 0).toBe(map.seq)
    }
    // The demo's own feedback and this test's, each where it was: on a node, a relation or the whole map, scored alike.
    const feedbackOf = async (id: string) =>
      (
        await db.feedback.findMany({
          where: { map: { groupId: id } },
          select: { body: true, nodeId: true, relationId: true, rubricScores: true, score: true },
        })
      )
        .map((f) => ({
          body: f.body,
          on: f.nodeId ? 'node' : f.relationId ? 'relation' : 'map',
          rubricScores: f.rubricScores,
          score: f.score,
        }))
        .sort((x, y) => x.body.localeCompare(y.body))
    const feedback = await feedbackOf(imported.id)
    expect(feedback).toEqual(await feedbackOf(groupId))
    expect(feedback).toEqual(
      expect.arrayContaining([
        {
          body: 'Cite a second source.',
          on: 'node',
          rubricScores: [{ name: 'Uses evidence 証拠', points: 4, max: 5 }],
          score: 4,
        },
        { body: 'The relation holds.', on: 'relation', rubricScores: null, score: null },
      ]),
    )
  })

  it('can be imported again (new ids), and its people cannot sign in', async () => {
    const again = await importSeminarArchive(bea, archive)
    const people = await db.membership.findMany({
      where: { groupId: again.id, userId: { not: bea.id } },
      include: { user: true },
    })
    expect(people.length).toBeGreaterThan(0)
    for (const { user } of people) {
      expect(user.passwordHash).toBe(LOCKED_PASSWORD)
      expect(user.email).toMatch(/@imported\.invalid$/)
      await expect(checkCredentials({ email: user.email, password: LOCKED_PASSWORD }, 'direct')).rejects.toThrow(
        'Wrong email or password.',
      )
    }
  })
})

describe('importing refuses, and changes nothing', () => {
  const refused = async (file: unknown) => {
    const before = await fingerprint()
    const failure = toFailure(
      await importSeminarArchive(alex, file).then(
        () => undefined,
        (error: unknown) => error,
      ),
    )
    expect(await fingerprint()).toEqual(before)
    return failure
  }

  it('a file that is not an archive, damaged, or a gzip bomb', async () => {
    expect(await refused(new TextEncoder().encode('Alliances endure.'))).toMatchObject({
      status: 400,
      error: 'This file is not a Colloquy seminar archive (it is not JSON).',
    })
    const good = archiveFile((await exportSeminarArchive(instructor, groupId)).archive)
    expect(await refused(good.subarray(0, good.length - 100))).toMatchObject({ status: 400 })
    // 300 MB of zeros compress to a few hundred KB.
    const bomb = gzipSync(Buffer.alloc(300 * 1024 * 1024))
    expect(await refused(new Uint8Array(bomb))).toMatchObject({
      status: 400,
      error: 'This archive unpacks to more than 200 MB, more than one seminar can hold.',
    })
    expect(await refused({ format: 'colloquy-map', version: 1 })).toMatchObject({
      status: 400,
      error: 'This file is not a Colloquy seminar archive.',
    })
  })

  it('labels that point nowhere, and people named who are not listed', async () => {
    const archive = (await exportSeminarArchive(instructor, groupId)).archive
    const broken = structuredClone(archive)
    broken.highlights[0]!.source = 'nosuchsource'
    expect(await refused(broken)).toMatchObject({
      status: 400,
      error: 'A highlight names a source (“nosuchsource”) the archive does not hold.',
      fieldErrors: { 'highlights.0.source': expect.any(String) },
    })
    const stranger = structuredClone(archive)
    stranger.maps[0]!.operations[0]!.actor = 'someoneelse'
    expect(await refused(stranger)).toMatchObject({
      status: 400,
      error: 'The archive names a person (“someoneelse”) it does not list.',
    })
  })

  it('anonymous callers', async () => {
    const failure = toFailure(
      await importSeminarArchive(null, new Uint8Array([1])).then(
        () => undefined,
        (error: unknown) => error,
      ),
    )
    expect(failure.status).toBe(401)
  })
})
