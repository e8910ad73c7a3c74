// Seeds the demo seminar, once per database. That it was seeded is recorded (SystemState "demo"),
// so whatever an operator later removes (members, essays, the whole group) is never added again.
// The seminar arrives mid-term: read, argued over and mapped (seed-activity.ts).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '@/lib/db'
import { Prisma } from '@/lib/generated/prisma/client'
import { hashPassword } from '@/lib/auth/password'
import { joinCodeExpiry, newJoinCode } from '@/lib/groups/join-code'
import { transactionNumberingItsEvents } from '@/lib/realtime/publish'
import { contentHashOf } from '@/lib/sources/content-hash'
import { canonicalTextOf, droppedBlocksOf, importText, layoutOf } from '@/lib/sources/importer'
import { DEMO_ESSAYS, DEMO_GROUP, DEMO_INSTRUCTOR, DEMO_PASSWORD, DEMO_STUDENTS } from './demo-content'
import { seedDemoActivity } from './seed-activity'

const ESSAY_DIR = join(process.cwd(), 'prisma', 'demo-essays')
const DEMO_KEY = 'demo'

/** created: seeded now; present: seeded before and still there; removed: seeded before, since deleted. */
export type SeedOutcome =
  { status: 'created' | 'present'; joinCode: string } | { status: 'removed'; joinCode?: undefined }

const demoEmails = [DEMO_INSTRUCTOR, ...DEMO_STUDENTS].map((person) => person.email)

async function existingDemo(db: Db): Promise<SeedOutcome> {
  const group = await db.group.findFirst({
    where: { name: DEMO_GROUP.name, createdBy: { email: DEMO_INSTRUCTOR.email } },
  })
  if (!group) return { status: 'removed' }
  // The demo must stay joinable however long ago it was seeded.
  if (group.joinCodeExpiresAt < new Date()) {
    const renewed = await db.group.update({
      where: { id: group.id },
      data: { joinCode: newJoinCode(), joinCodeExpiresAt: joinCodeExpiry() },
    })
    return { status: 'present', joinCode: renewed.joinCode }
  }
  return { status: 'present', joinCode: group.joinCode }
}

export async function seedDemo(db: Db): Promise<SeedOutcome> {
  if (await db.systemState.findUnique({ where: { key: DEMO_KEY } })) return existingDemo(db)
  // Seeded by a version that kept no record: record it, and leave what is there as it is.
  if ((await db.user.count({ where: { email: { in: demoEmails } } })) > 0) {
    await db.systemState.upsert({
      where: { key: DEMO_KEY },
      create: { key: DEMO_KEY, value: { recordedAt: new Date().toISOString() } },
      update: {},
    })
    return existingDemo(db)
  }

  // The slow parts (hashing, importing the essays) before the transaction.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const essays = DEMO_ESSAYS.map((essay) => {
    const { blocks } = importText(readFileSync(join(ESSAY_DIR, essay.file), 'utf8'))
    const text = canonicalTextOf(blocks)
    return { ...essay, text, droppedBlocks: droppedBlocksOf(blocks), layout: layoutOf(blocks) as object[] }
  })

  try {
    return await transactionNumberingItsEvents(
      db,
      async (tx) => {
        // First: a second instance seeding at the same moment waits here, then finds the record.
        await tx.systemState.create({ data: { key: DEMO_KEY, value: { seededAt: new Date().toISOString() } } })
        const instructor = await tx.user.create({ data: { ...DEMO_INSTRUCTOR, passwordHash } })
        const students = []
        for (const student of DEMO_STUDENTS) students.push(await tx.user.create({ data: { ...student, passwordHash } }))
        const group = await tx.group.create({
          data: {
            ...DEMO_GROUP,
            joinCode: newJoinCode(),
            joinCodeExpiresAt: joinCodeExpiry(),
            createdById: instructor.id,
          },
        })
        await tx.membership.createMany({
          data: [
            { groupId: group.id, userId: instructor.id, role: 'INSTRUCTOR' as const },
            ...students.map((s) => ({ groupId: group.id, userId: s.id, role: 'STUDENT' as const })),
          ],
        })
        // Created a moment apart, so "oldest first" lists them in the course's order.
        const first = Date.now() - 8 * 24 * 3_600_000
        const sources = []
        for (const [i, essay] of essays.entries()) {
          sources.push(
            await tx.source.create({
              data: {
                groupId: group.id,
                title: essay.title,
                author: essay.author,
                year: essay.year,
                text: essay.text,
                contentHash: contentHashOf(essay.text),
                droppedBlocks: essay.droppedBlocks,
                layout: essay.layout,
                createdById: instructor.id,
                createdAt: new Date(first + i * 60_000),
              },
            }),
          )
        }
        const [alex, bea, chris] = students.map((s) => s.id) as [string, string, string]
        await seedDemoActivity(tx, { group, instructorId: instructor.id, students: { alex, bea, chris }, sources })
        return { status: 'created' as const, joinCode: group.joinCode }
      },
      { timeout: 60_000, maxWait: 60_000 },
    )
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return existingDemo(db)
    throw error
  }
}
