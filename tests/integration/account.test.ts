// A person's own data, downloaded, and their account deleted with everything personal in it:
// their highlights, replies and maps go; what they gave a seminar stays, as "Former member", and
// every map's history still replays to the map; the only instructor of a group is stopped; open
// readers hear of it live, and a classmate nothing of a private highlight.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { deleteAccount, droppedHighlightEvents, FORMER_MEMBER } from '@/lib/account/delete-account'
import { personalData } from '@/lib/account/personal-data'
import { createHighlight, createReply } from '@/lib/annotations/mutations'
import { checkCredentials } from '@/lib/auth/credentials'
import { db } from '@/lib/db'
import { createGroup } from '@/lib/groups/mutations'
import { createMap } from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import { replayMany } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'
import { loadMapState } from '@/lib/maps/state'
import { addFeedback } from '@/lib/review/feedback'
import { mayReceive, type Audience } from '@/lib/permissions/visibility'
import { eventsNumbered } from '@/lib/realtime/numbering'
import { claimOnTrust, groupOf, note, person, refusal } from './fixtures'

const ADDRESS = '198.51.100.77'
const PASSWORD = 'a long enough passphrase'
const nodeId = () => randomBytes(16).toString('hex')

async function seminar() {
  const signsIn = { password: PASSWORD }
  const [iris, ines, sam, tom] = await Promise.all([
    person('Iris', signsIn),
    person('Ines', signsIn),
    person('Sam', signsIn),
    person('Tom', signsIn),
  ])
  const { groupId } = await groupOf(iris, [ines, sam, tom], { name: 'Seminar 日本' })
  await db.membership.update({ where: { groupId_userId: { groupId, userId: ines.id } }, data: { role: 'INSTRUCTOR' } })
  const { source, highlight: mine } = await claimOnTrust(ines, sam, groupId, 'Why trust? 信頼')
  const theirs = await createHighlight(tom, { sourceId: source.id, start: 26, end: 31, tag: 'EVIDENCE' })
  await createReply(tom, { highlightId: mine.id, body: note('Because of bases.') })
  await createReply(sam, { highlightId: theirs.id, body: note('Which bases?') })
  const personal = await createMap(sam, { groupId, title: 'My map', kind: 'PERSONAL' })
  const group = await createMap(iris, { groupId, title: 'Our map', kind: 'GROUP' })
  const cited = nodeId()
  await applyMapOperation(sam, {
    mapId: group.id,
    op: { type: 'node.add', node: { id: cited, kind: 'CLAIM', label: 'Alliances', x: 0, y: 0, highlightId: mine.id } },
  })
  await applyMapOperation(tom, {
    mapId: group.id,
    op: {
      type: 'node.add',
      node: { id: nodeId(), kind: 'EVIDENCE', label: 'Trust', x: 0, y: 200, highlightId: theirs.id },
    },
  })
  const pinned = nodeId()
  await applyMapOperation(sam, {
    mapId: personal.id,
    op: { type: 'node.add', node: { id: pinned, kind: 'NOTE', label: 'Mine alone', x: 0, y: 0 } },
  })
  await addFeedback(ines, { mapId: personal.id, body: 'Say more.', nodeId: pinned })
  return { groupId, iris, ines, sam, tom, source, mine, theirs, personal, group, cited }
}

describe('my data', () => {
  it('holds what is mine and nothing of others', async () => {
    const s = await seminar()
    const data = await personalData(s.sam)
    expect(data.person).toMatchObject({ name: 'Sam', email: s.sam.email })
    expect(data.groups).toEqual([expect.objectContaining({ name: 'Seminar 日本', role: 'student' })])
    expect(data.highlights).toEqual([
      expect.objectContaining({
        source: 'On trust',
        tag: 'claim',
        quote: 'Alliances',
        note: 'Why trust? 信頼',
        replies: [expect.objectContaining({ by: 'Tom', text: 'Because of bases.' })],
      }),
    ])
    expect(data.repliesToOthers).toEqual([expect.objectContaining({ on: 'Trust', text: 'Which bases?' })])
    expect(data.maps).toEqual([
      expect.objectContaining({
        title: 'My map',
        nodes: [expect.objectContaining({ label: 'Mine alone' })],
        feedback: [expect.objectContaining({ by: 'Ines', on: 'Mine alone', text: 'Say more.' })],
      }),
    ])
    expect(JSON.stringify(data)).not.toContain(s.tom.email)
  })
})

describe('deleting my account', () => {
  it('takes everything personal, keeps the seminar whole, and the history of its maps replays', async () => {
    const s = await seminar()
    await deleteAccount(s.sam, { password: PASSWORD, confirmed: true }, ADDRESS)
    const row = await db.user.findUniqueOrThrow({ where: { id: s.sam.id } })
    expect(row.name).toBe(FORMER_MEMBER)
    expect(row.email).not.toContain('sam')
    await expect(checkCredentials({ email: s.sam.email, password: PASSWORD }, ADDRESS)).rejects.toThrow(
      'Wrong email or password.',
    )
    expect(await db.highlight.count({ where: { authorId: s.sam.id } })).toBe(0)
    expect(await db.reply.count({ where: { authorId: s.sam.id } })).toBe(0)
    // Tom's reply went with Sam's highlight; Tom's own highlight stays.
    expect(await db.reply.count({ where: { authorId: s.tom.id } })).toBe(0)
    expect(await db.highlight.count({ where: { id: s.theirs.id } })).toBe(1)
    expect(await db.argumentMap.count({ where: { id: s.personal.id } })).toBe(0)
    expect(await db.membership.count({ where: { userId: s.sam.id } })).toBe(0)
    // The group map keeps Sam's node, without the citation, and its log still gives the map.
    const state = await loadMapState(s.group.id)
    expect(state.nodes.find((n) => n.id === s.cited)).toMatchObject({ label: 'Alliances', highlightId: null })
    const log = await db.mapOperation.findMany({ where: { mapId: s.group.id }, orderBy: { seq: 'asc' } })
    const replayed = replayMany(log.map((o) => o.payload as Operation))
    expect(replayed.nodes.map((n) => [n.id, n.highlightId]).sort()).toEqual(
      state.nodes.map((n) => [n.id, n.highlightId]).sort(),
    )
    expect(log.at(-1)!.seq).toBe((await db.argumentMap.findUniqueOrThrow({ where: { id: s.group.id } })).seq)
    // Its people and its sources are untouched.
    expect(await db.membership.count({ where: { groupId: s.groupId } })).toBe(3)
    expect(await db.source.count({ where: { groupId: s.groupId } })).toBe(1)
  })

  it('an instructor who is not the only one: their sources and feedback stay, signed "Former member"', async () => {
    const s = await seminar()
    await deleteAccount(s.ines, { password: PASSWORD, confirmed: true }, ADDRESS)
    expect(
      await db.source.findUniqueOrThrow({ where: { id: s.source.id }, include: { createdBy: true } }),
    ).toMatchObject({ createdBy: { name: FORMER_MEMBER } })
    expect(
      await db.feedback.findFirstOrThrow({ where: { mapId: s.personal.id }, include: { author: true } }),
    ).toMatchObject({ body: 'Say more.', author: { name: FORMER_MEMBER } })
  })

  it('refuses the only instructor of a group, a wrong password and an unconfirmed request, changing nothing', async () => {
    const s = await seminar()
    await createGroup(s.iris, { name: 'Solo 🇯🇵' })
    const before = async () => ({
      user: await db.user.findUniqueOrThrow({ where: { id: s.iris.id } }),
      memberships: await db.membership.count({ where: { userId: s.iris.id } }),
    })
    const was = await before()
    expect(await refusal(deleteAccount(s.iris, { password: PASSWORD, confirmed: true }, ADDRESS))).toMatchObject({
      status: 409,
      error: 'You are the only instructor of “Solo 🇯🇵”. Delete that group on its page first, then your account.',
    })
    expect(
      await refusal(deleteAccount(s.iris, { password: 'not the password', confirmed: true }, ADDRESS)),
    ).toMatchObject({ status: 400, error: 'Your current password is not right.' })
    expect(await refusal(deleteAccount(s.iris, { password: PASSWORD, confirmed: false }, ADDRESS))).toMatchObject({
      status: 400,
    })
    expect(await before()).toEqual(was)
  })
})

describe('deleting my account, live', () => {
  it('tells open readers to drop the highlights and replies, and a classmate nothing of a private highlight', async () => {
    const s = await seminar()
    const hidden = await createHighlight(s.sam, {
      sourceId: s.source.id,
      start: 10,
      end: 15,
      tag: 'BIAS',
      visibility: 'PRIVATE',
      note: note('Only mine'),
    })
    await eventsNumbered()
    const since = (await db.group.findUniqueOrThrow({ where: { id: s.groupId }, select: { eventSeq: true } })).eventSeq
    await deleteAccount(s.sam, { password: PASSWORD, confirmed: true }, ADDRESS)
    await eventsNumbered()
    const events = (
      await db.groupEvent.findMany({
        where: { groupId: s.groupId, seq: { gt: since }, type: 'highlight.changed' },
        orderBy: { seq: 'asc' },
      })
    ).map((e) => e.payload as { sourceId: string; highlightId: string; audience?: Audience })
    const heard = (who: { id: string }, standing: 'student' | 'instructor') =>
      events.filter((e) => mayReceive({ id: who.id, standing }, e.audience))
    // One event per source and audience, not one per highlight: the shared ones (Sam's highlight,
    // Sam's reply on Tom's) for everyone, the private one for those who could see it.
    expect(events).toHaveLength(2)
    expect(heard(s.tom, 'student')).toEqual([
      { type: 'highlight.changed', sourceId: s.source.id, highlightId: s.mine.id },
    ])
    for (const instructor of [s.iris, s.ines])
      expect(
        heard(instructor, 'instructor')
          .map((e) => e.highlightId)
          .sort(),
        instructor.name,
      ).toEqual([s.mine.id, hidden.id].sort())
    // Nothing a classmate hears names the private highlight, and events carry ids only.
    expect(JSON.stringify(heard(s.tom, 'student'))).not.toContain(hidden.id)
    expect(JSON.stringify(events)).not.toContain('Only mine')
  })

  it('groups the events by source and audience', () => {
    const h = (id: string, sourceId: string, authorId: string, visibility: 'GROUP' | 'PRIVATE') => ({
      id,
      sourceId,
      groupId: 'g',
      authorId,
      visibility,
    })
    const events = droppedHighlightEvents([
      h('a', 's1', 'u', 'GROUP'),
      h('b', 's1', 'u', 'GROUP'),
      h('c', 's1', 'u', 'PRIVATE'),
      h('d', 's2', 'u', 'GROUP'),
      h('e', 's1', 'v', 'PRIVATE'),
    ])
    expect(events.map((e) => e.event)).toEqual([
      { type: 'highlight.changed', sourceId: 's1', highlightId: 'a', audience: undefined },
      {
        type: 'highlight.changed',
        sourceId: 's1',
        highlightId: 'c',
        audience: { rule: 'privateHighlight', ownerId: 'u' },
      },
      { type: 'highlight.changed', sourceId: 's2', highlightId: 'd', audience: undefined },
      {
        type: 'highlight.changed',
        sourceId: 's1',
        highlightId: 'e',
        audience: { rule: 'privateHighlight', ownerId: 'v' },
      },
    ])
  })
})
