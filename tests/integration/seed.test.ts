import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
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
