import { describe, expect, it } from 'vitest'
import { reanchor } from '@/lib/annotations/anchoring'
import { db } from '@/lib/db'
import { checkArgument } from '@/lib/maps/checks'
import { replayMany } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'
import { loadMapState } from '@/lib/maps/state'
import { DEMO_EDIT, DEMO_HIGHLIGHTS } from '@/prisma/demo-highlights'
import { seedDemo } from '@/prisma/seed'

const counts = async () => ({
  users: await db.user.count(),
  groups: await db.group.count(),
  memberships: await db.membership.count(),
  sources: await db.source.count(),
})

describe('demo seed', () => {
  it('creates the seminar once, even when several instances seed at the same moment', async () => {
    const outcomes = await Promise.all([seedDemo(db), seedDemo(db), seedDemo(db)])
    expect(outcomes.map((o) => o.status).sort()).toEqual(['created', 'present', 'present'])
    expect(new Set(outcomes.map((o) => o.joinCode)).size).toBe(1)
    const after = await counts()
    expect(after).toEqual({ users: 4, groups: 1, memberships: 4, sources: 5 })

    const again = await seedDemo(db)
    expect(again).toEqual({ status: 'present', joinCode: outcomes[0]!.joinCode })
    expect(await counts()).toEqual(after)
  })

  it('stores the junk-free text of essay 002 with its dropped blocks listed', async () => {
    const source = await db.source.findFirstOrThrow({ where: { title: 'US – Japan Alliance' } })
    expect(source.text).not.toContain('Order now')
    expect((source.droppedBlocks as unknown[]).length).toBeGreaterThan(20)
  })

  it('arrives lived in: every student has highlighted every essay, with tags, notes and threads that argue', async () => {
    const highlights = await db.highlight.findMany({ include: { author: true, source: true, replies: true } })
    expect(highlights.length).toBeGreaterThanOrEqual(40)
    const students = ['alex@colloquy.test', 'bea@colloquy.test', 'chris@colloquy.test']
    for (const email of students) {
      const sources = new Set(highlights.filter((h) => h.author.email === email).map((h) => h.sourceId))
      expect(sources.size, email).toBe(5)
    }
    expect(new Set(highlights.map((h) => h.tag))).toEqual(new Set(['CLAIM', 'EVIDENCE', 'BIAS']))
    // The essay service's paper: its framing read as bias, its statistics as evidence.
    const sold = highlights.filter((h) => h.source.title === 'US – Japan Alliance')
    expect(sold.filter((h) => h.tag === 'BIAS').length).toBeGreaterThanOrEqual(4)
    expect(sold.filter((h) => h.tag === 'EVIDENCE' && /\d/.test(h.exact)).length).toBeGreaterThanOrEqual(5)
    expect(highlights.filter((h) => h.note !== null).length).toBeGreaterThanOrEqual(10)
    // Threads where the highlight's author answers a classmate: an argument, not a comment.
    const argued = highlights.filter(
      (h) => h.replies.some((r) => r.authorId !== h.authorId) && h.replies.some((r) => r.authorId === h.authorId),
    )
    expect(argued.length).toBeGreaterThanOrEqual(4)
    expect(highlights.every((h) => h.replies.every((r) => r.createdAt > h.createdAt))).toBe(true)
    // Nothing reads "(edited)": written at their time, never changed since.
    expect(highlights.flatMap((h) => h.replies).every((r) => r.updatedAt.getTime() === r.createdAt.getTime())).toBe(
      true,
    )
  })

  it('quotes the essays exactly: every highlight anchors EXACT where it is stored, but the one the edit moved', async () => {
    const highlights = await db.highlight.findMany({ include: { source: { include: { revisions: true } } } })
    const moved = DEMO_HIGHLIGHTS.find((h) => h.key === DEMO_EDIT.moved)!
    for (const h of highlights) {
      expect(h.source.text.slice(h.start, h.end), h.exact).toBe(h.exact)
      if (h.anchorStatus === 'MOVED') continue
      expect(h.anchorStatus, h.exact).toBe('EXACT')
      expect(reanchor(h, h.source.text), h.exact).toEqual({ start: h.start, end: h.end, status: 'EXACT' })
    }
    const asking = highlights.filter((h) => h.anchorStatus === 'MOVED')
    expect(asking).toHaveLength(1)
    const [edited] = asking.map((h) => h.source)
    expect(edited!.version).toBe(2)
    // Made on the first version, where its quote stood word for word; placed again, it asks to be confirmed.
    expect(edited!.revisions.find((r) => r.version === 1)!.text).toContain(moved.quote)
    expect(edited!.text).not.toContain(moved.quote)
    expect(reanchor({ ...asking[0]!, exact: moved.quote }, edited!.text, edited!.revisions[0]!.text).status).toBe(
      'MOVED',
    )
    // The rest of the edited essay's highlights came through the edit exactly.
    expect(
      highlights.filter((h) => h.sourceId === edited!.id && h.anchorStatus === 'EXACT').length,
    ).toBeGreaterThanOrEqual(5)
  })

  it('holds a group debate map across the essays and a submitted, reviewed map per student', async () => {
    const anchorOf = new Map((await db.highlight.findMany()).map((h) => [h.id, h.anchorStatus]))
    const group = await db.argumentMap.findFirstOrThrow({
      where: { kind: 'GROUP' },
      include: { operations: { orderBy: { seq: 'asc' } } },
    })
    const state = await loadMapState(group.id)
    expect(state.nodes.length).toBeGreaterThanOrEqual(15)
    expect(new Set(state.relations.map((r) => r.kind))).toEqual(new Set(['SUPPORTS', 'ATTACKS']))
    const cited = await db.highlight.findMany({
      where: { id: { in: state.nodes.flatMap((n) => (n.highlightId ? [n.highlightId] : [])) } },
      select: { sourceId: true, authorId: true },
    })
    expect(new Set(cited.map((c) => c.sourceId)).size).toBe(5)
    expect(new Set(group.operations.map((o) => o.actorId)).size).toBe(3)
    // The log replays to the stored map, as it does for maps built by hand.
    expect(group.seq).toBe(group.operations.length)
    const replayed = replayMany(group.operations.map((o) => o.payload as Operation))
    expect(replayed.relations.map((r) => r.id).sort()).toEqual(state.relations.map((r) => r.id).sort())
    expect(replayed.nodes.map((n) => [n.id, n.x, n.y]).sort()).toEqual(state.nodes.map((n) => [n.id, n.x, n.y]).sort())
    const flags = checkArgument(state, (id) => anchorOf.get(id))
    expect(flags.map((f) => f.kind)).toContain('passage-moved')

    const rubric = (await db.group.findFirstOrThrow()).rubric as { name: string; points: number }[]
    expect(rubric.length).toBeGreaterThanOrEqual(3)
    const personal = await db.argumentMap.findMany({
      where: { kind: 'PERSONAL' },
      include: { owner: true, feedback: true, nodes: true },
    })
    expect(personal.map((m) => m.owner!.email).sort()).toEqual([
      'alex@colloquy.test',
      'bea@colloquy.test',
      'chris@colloquy.test',
    ])
    for (const map of personal) {
      expect(map.status, map.title).toBe('SUBMITTED')
      expect(map.nodes.length, map.title).toBeGreaterThanOrEqual(4)
      expect(
        map.feedback.some((f) => f.nodeId !== null && map.nodes.some((n) => n.id === f.nodeId)),
        map.title,
      ).toBe(true)
      const scored = map.feedback.find((f) => f.rubricScores !== null)!
      const scores = scored.rubricScores as { name: string; points: number; max: number }[]
      expect(scores.map((s) => s.name)).toEqual(rubric.map((c) => c.name))
      expect(scores.every((s, i) => s.points <= rubric[i]!.points && s.max === rubric[i]!.points)).toBe(true)
      expect(scored.score).toBe(scores.reduce((sum, s) => sum + s.points, 0))
    }
  })

  it('never adds back a member, an essay or the group an operator removed', async () => {
    const bea = await db.user.findUniqueOrThrow({ where: { email: 'bea@colloquy.test' } })
    await db.membership.deleteMany({ where: { userId: bea.id } })
    await db.user.delete({ where: { id: bea.id } })
    await db.source.deleteMany({ where: { title: 'US – Japan Alliance' } })
    const trimmed = await counts()
    expect(trimmed).toEqual({ users: 3, groups: 1, memberships: 3, sources: 4 })

    expect((await seedDemo(db)).status).toBe('present')
    expect(await counts()).toEqual(trimmed)

    await db.group.deleteMany({})
    expect(await seedDemo(db)).toEqual({ status: 'removed' })
    expect(await counts()).toEqual({ users: 3, groups: 0, memberships: 0, sources: 0 })
  })

  it('takes a demo seeded before the record existed as seeded, and adds nothing to it', async () => {
    await db.systemState.deleteMany({})
    expect(await seedDemo(db)).toEqual({ status: 'removed' })
    expect(await db.systemState.count({ where: { key: 'demo' } })).toBe(1)
    expect((await counts()).users).toBe(3)
  })
})
