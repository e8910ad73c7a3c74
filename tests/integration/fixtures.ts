// What the integration tests share: fresh people, the seminars they meet in, a selection of a
// quote in a source, the failure a refused call ends in (and a refused new source), and a watch on
// the database while work runs. A test file adds only what is its own.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { expect } from 'vitest'
import { createHighlight } from '@/lib/annotations/mutations'
import { hashPassword } from '@/lib/auth/password'
import { db } from '@/lib/db'
import { toFailure, type Failure } from '@/lib/errors'
import { createGroup, joinGroupByCode } from '@/lib/groups/mutations'
import { createSource } from '@/lib/sources/mutations'

type Actor = { id: string }

/**
 * A new account with a unique email (its name, lower-cased, words joined by dots). It signs in
 * only when given a password; otherwise its hash is a placeholder no password matches.
 */
export const person = async (name: string, { password }: { password?: string } = {}) =>
  db.user.create({
    data: {
      name,
      email: `${name.toLowerCase().replace(/\W+/g, '.')}-${randomBytes(4).toString('hex')}@example.com`,
      passwordHash: password === undefined ? 'unused' : await hashPassword(password),
    },
    select: { id: true, name: true, email: true },
  })

/** The failure `promise` is refused with, as the app would answer it; throws when it succeeds. */
export async function refusal(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise
  } catch (error) {
    return toFailure(error)
  }
  throw new Error('Expected the call to be refused, but it succeeded.')
}

/** A note of one plain paragraph, as the editor stores it. */
export const note = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})

/** A group `instructor` creates and each of `students` joins by its code. */
export async function groupOf(instructor: Actor, students: Actor[], settings: { name: string; description?: string }) {
  const { id: groupId } = await createGroup(instructor, settings)
  const { joinCode } = await db.group.findUniqueOrThrow({ where: { id: groupId }, select: { joinCode: true } })
  for (const student of students) await joinGroupByCode(student, { code: joinCode })
  return { groupId, joinCode }
}

/** The selection of the first occurrence of `quote` in `text`, the text of source `sourceId` (or of `source`). */
export const selections =
  (text: string, sourceId: string) =>
  (quote: string, source = sourceId) => {
    const start = text.indexOf(quote)
    expect(start, `"${quote}" is in the text`).toBeGreaterThanOrEqual(0)
    return { sourceId: source, start, end: start + quote.length }
  }

/** Iris teaches Sam; Olga belongs to no group. No source yet. */
export async function classroom(settings: { name: string; description?: string } = { name: 'Ethics seminar' }) {
  const instructor = await person('Iris')
  const student = await person('Sam')
  const outsider = await person('Olga')
  const { groupId, joinCode } = await groupOf(instructor, [student], settings)
  return { groupId, joinCode, instructor, student, outsider }
}

/** A new source from `form` (given the id of the group it goes in) is refused with `message`, and none is stored. */
export async function expectSourceRefused(form: (groupId: string) => Record<string, unknown>, message: string) {
  const { groupId, instructor } = await classroom()
  const before = await db.source.count()
  expect(await refusal(createSource(instructor, form(groupId)))).toMatchObject({ status: 400, error: message })
  expect(await db.source.count()).toBe(before)
}

export const ESSAY_TITLE = 'Why Alliances Endure'

export const ESSAY = [
  ESSAY_TITLE,
  'Alliances last when both partners gain from them, as the record of the last century shows.',
  'History shows that shared threats bind allies together, while burden sharing keeps them honest.',
].join('\n\n')

/**
 * Iris teaches Sam and Ann one essay (`ESSAY` unless told: another text, or more of the source's
 * details); Olga teaches a class of her own.
 */
export async function seminar(source: { text?: string; title?: string; author?: string; url?: string } = {}) {
  const iris = await person('Iris')
  const sam = await person('Sam')
  const ann = await person('Ann')
  const olga = await person('Olga')
  const { groupId, joinCode } = await groupOf(iris, [sam, ann], { name: 'Ethics seminar' })
  const { id: otherGroupId } = await createGroup(olga, { name: 'Olga’s own class' })
  const text = source.text ?? ESSAY
  const { id: sourceId } = await createSource(iris, { groupId, title: ESSAY_TITLE, ...source, text })
  return { groupId, otherGroupId, sourceId, joinCode, iris, sam, ann, olga, at: selections(text, sourceId) }
}

/**
 * A short source "On trust" that `instructor` adds to the group, with `student`'s claim on its first
 * word, noted `words`: for tests of what happens to a member's highlights and the source they are on.
 */
export async function claimOnTrust(instructor: Actor, student: Actor, groupId: string, words: string) {
  const text = 'Alliances rest on trust.\n\nTrust is built slowly and lost fast.'
  const source = await createSource(instructor, { groupId, title: 'On trust', text })
  const claim = { sourceId: source.id, start: 0, end: 'Alliances'.length, tag: 'CLAIM', note: note(words) }
  return { source, highlight: await createHighlight(student, claim) }
}

/** Iris Wong teaches Sam Park, Ann Lee and Bob Kato one short essay: full names, as mentions and emails show them. */
export async function seminarOfFour() {
  const iris = await person('Iris Wong')
  const sam = await person('Sam Park')
  const ann = await person('Ann Lee')
  const bob = await person('Bob Kato')
  const { groupId } = await groupOf(iris, [sam, ann, bob], { name: 'Ethics seminar' })
  const text = [
    ESSAY_TITLE,
    'Alliances last when both partners gain from them.',
    'Shared threats bind allies together, while burden sharing keeps them honest.',
  ].join('\n\n')
  const { id: sourceId } = await createSource(iris, { groupId, title: ESSAY_TITLE, text })
  return { groupId, sourceId, iris, sam, ann, bob, at: selections(text, sourceId) }
}

/**
 * Runs `work` while another connection asks `sql` (one row, one number: `value`) again and again,
 * `pauseMs` apart; returns the work's result and the largest value seen.
 */
export async function peakWhile<T>(
  sql: string,
  work: () => Promise<T>,
  { pauseMs = 0 } = {},
): Promise<{ result: T; peak: number }> {
  const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await watcher.connect()
  let peak = 0
  let running = true
  const watching = (async () => {
    while (running) {
      const { rows } = await watcher.query<{ value: string | number | null }>(sql)
      peak = Math.max(peak, Number(rows[0]?.value ?? 0))
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs))
    }
  })()
  let result: T
  try {
    result = await work()
  } finally {
    running = false
    await watching
    await watcher.end()
  }
  return { result, peak }
}
