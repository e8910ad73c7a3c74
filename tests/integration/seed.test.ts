import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { seedDemo } from '@/prisma/seed'

describe('demo seed', () => {
  it('creates the seminar once and changes nothing when run again', async () => {
    const first = await seedDemo(db)
    const counts = async () => ({
      users: await db.user.count(),
      groups: await db.group.count(),
      memberships: await db.membership.count(),
      sources: await db.source.count(),
    })
    const after = await counts()
    expect(first.created).toBe(true)
    expect(after).toEqual({ users: 4, groups: 1, memberships: 4, sources: 5 })

    const second = await seedDemo(db)
    expect(second.created).toBe(false)
    expect(second.joinCode).toBe(first.joinCode)
    expect(await counts()).toEqual(after)
  })

  it('stores the junk-free text of essay 002 with its dropped blocks listed', async () => {
    const source = await db.source.findFirstOrThrow({ where: { title: 'US – Japan Alliance' } })
    expect(source.text).not.toContain('Order now')
    expect((source.droppedBlocks as unknown[]).length).toBeGreaterThan(20)
  })
})
