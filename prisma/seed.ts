// Seeds the demo seminar. Idempotent: running it again changes nothing that exists.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '@/lib/db'
import { hashPassword } from '@/lib/auth/password'
import { joinCodeExpiry, newJoinCode } from '@/lib/groups/join-code'
import { contentHashOf } from '@/lib/sources/content-hash'
import { canonicalTextOf, droppedBlocksOf, importText, layoutOf } from '@/lib/sources/importer'
import { DEMO_ESSAYS, DEMO_GROUP, DEMO_INSTRUCTOR, DEMO_PASSWORD, DEMO_STUDENTS } from './demo-content'

const ESSAY_DIR = join(process.cwd(), 'prisma', 'demo-essays')

async function ensureUser(db: Db, person: { name: string; email: string }, passwordHash: () => Promise<string>) {
  const existing = await db.user.findUnique({ where: { email: person.email } })
  return existing ?? db.user.create({ data: { ...person, passwordHash: await passwordHash() } })
}

export async function seedDemo(db: Db): Promise<{ joinCode: string; created: boolean }> {
  let hashed: Promise<string> | undefined
  const passwordHash = () => (hashed ??= hashPassword(DEMO_PASSWORD))

  const instructor = await ensureUser(db, DEMO_INSTRUCTOR, passwordHash)
  const students = []
  for (const student of DEMO_STUDENTS) students.push(await ensureUser(db, student, passwordHash))

  const existingGroup = await db.group.findFirst({ where: { name: DEMO_GROUP.name, createdById: instructor.id } })
  const group =
    existingGroup ??
    (await db.group.create({
      data: { ...DEMO_GROUP, joinCode: newJoinCode(), joinCodeExpiresAt: joinCodeExpiry(), createdById: instructor.id },
    }))

  // The demo must stay joinable however long ago it was seeded.
  if (group.joinCodeExpiresAt < new Date()) {
    Object.assign(group, await db.group.update({ where: { id: group.id }, data: { joinCode: newJoinCode(), joinCodeExpiresAt: joinCodeExpiry() } }))
  }

  const members = [{ userId: instructor.id, role: 'INSTRUCTOR' as const }, ...students.map((s) => ({ userId: s.id, role: 'STUDENT' as const }))]
  for (const member of members) {
    await db.membership.upsert({
      where: { groupId_userId: { groupId: group.id, userId: member.userId } },
      create: { groupId: group.id, ...member },
      update: {},
    })
  }

  for (const essay of DEMO_ESSAYS) {
    const exists = await db.source.findFirst({ where: { groupId: group.id, title: essay.title }, select: { id: true } })
    if (exists) continue
    const { blocks } = importText(readFileSync(join(ESSAY_DIR, essay.file), 'utf8'))
    const text = canonicalTextOf(blocks)
    await db.source.create({
      data: {
        groupId: group.id,
        title: essay.title,
        author: essay.author,
        year: essay.year,
        text,
        contentHash: contentHashOf(text),
        droppedBlocks: droppedBlocksOf(blocks),
        layout: layoutOf(blocks) as object[],
        createdById: instructor.id,
      },
    })
  }
  return { joinCode: group.joinCode, created: !existingGroup }
}
