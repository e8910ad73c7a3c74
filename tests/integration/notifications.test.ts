// The inbox: a reply tells the highlight's author and everyone who replied before; @mentions in
// replies and notes tell the people named, but never of a highlight they could not open; feedback
// and reopening tell a map's owner; each person's live event reaches only them; entries are marked
// read one by one or all at once, and only by their owner.
import { describe, expect, it } from 'vitest'
import { newId } from '@/lib/ids'
import { createHighlight, createReply, updateHighlight } from '@/lib/annotations/mutations'
import { noteFromText } from '@/lib/annotations/note'
import { db } from '@/lib/db'
import { toFailure } from '@/lib/errors'
import { updateGroupSettings } from '@/lib/groups/mutations'
import { createMap, reopenMap, submitMap } from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import { mentionedMembers } from '@/lib/notifications/mentions'
import { markNotificationsRead } from '@/lib/notifications/mutations'
import { listInbox, unreadCount } from '@/lib/notifications/queries'
import { mayReceive } from '@/lib/permissions/visibility'
import { addFeedback } from '@/lib/review/feedback'
import { seminarOfFour } from './fixtures'

const inbox = async (who: { id: string }) => (await listInbox(who)).notifications
const kinds = async (who: { id: string }) => (await inbox(who)).map((n) => n.kind)
const eventsFor = async (groupId: string, who: { id: string; standing: 'student' | 'instructor' }) =>
  (await db.groupEvent.findMany({ where: { groupId, type: 'notification.created' } })).filter((e) =>
    mayReceive(who, (e.payload as { audience?: never }).audience),
  )

describe('mentions', () => {
  const members = [
    { id: 'a', name: 'Bea Tanaka' },
    { id: 'b', name: 'Bea Ortiz' },
    { id: 'c', name: 'Chris Okafor' },
    { id: 'd', name: '佐藤 直美' },
  ]
  it('finds members by full name, or by a first name only one member has', () => {
    expect(mentionedMembers('@Chris, see this', members)).toEqual(['c'])
    expect(mentionedMembers('thanks @bea tanaka!', members)).toEqual(['a'])
    expect(mentionedMembers('@Bea what do you think', members)).toEqual([])
    // Followed by an honorific: the full name runs on into it, the unique family name does not.
    expect(mentionedMembers('@佐藤 直美さん', members)).toEqual(['d'])
    expect(mentionedMembers('@佐藤 直美 の意見', members)).toEqual(['d'])
    expect(mentionedMembers('mail chris@example.com or @Christopher', members)).toEqual([])
  })
})

describe('notifications', () => {
  it('tells the highlight’s author and earlier repliers of a reply, never the one who wrote it', async () => {
    const s = await seminarOfFour()
    const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    await createReply(s.ann, { highlightId: id, body: noteFromText('Gain for whom?') })
    expect(await kinds(s.sam)).toEqual(['REPLY'])
    expect(await kinds(s.ann)).toEqual([])
    await createReply(s.bob, { highlightId: id, body: noteFromText('For both, surely.') })
    expect(await kinds(s.sam)).toEqual(['REPLY', 'REPLY'])
    expect(await kinds(s.ann)).toEqual(['REPLY'])
    const [latest] = await inbox(s.ann)
    expect(latest).toMatchObject({
      sentence: 'Bob Kato replied in a thread you are part of',
      excerpt: 'For both, surely.',
      read: false,
      href: `/groups/${s.groupId}/sources/${s.sourceId}?highlight=${id}`,
    })
    expect(await unreadCount(s.sam)).toBe(2)
    // Each person's live event reaches them only.
    expect(await eventsFor(s.groupId, { id: s.ann.id, standing: 'student' })).toHaveLength(1)
    expect(await eventsFor(s.groupId, { id: s.iris.id, standing: 'instructor' })).toHaveLength(0)
  })

  it('tells those a reply or a note mentions, once, and never of a highlight they cannot open', async () => {
    const s = await seminarOfFour()
    const { id } = await createHighlight(s.sam, {
      ...s.at('Shared threats'),
      tag: 'EVIDENCE',
      note: noteFromText('@Ann Lee is this evidence?'),
    })
    expect(await kinds(s.ann)).toEqual(['MENTION'])
    expect((await inbox(s.ann))[0]!.sentence).toBe('Sam Park mentioned you in a note')
    // Editing the note keeps Ann's mention (not told again) and adds Bob's.
    await updateHighlight(s.sam, { highlightId: id, note: noteFromText('@Ann Lee is this evidence? @Bob too') })
    expect(await kinds(s.ann)).toEqual(['MENTION'])
    expect(await kinds(s.bob)).toEqual(['MENTION'])
    // A reply mentioning the author tells her once, as a mention.
    await createReply(s.ann, { highlightId: id, body: noteFromText('@Sam yes, it is') })
    expect(await kinds(s.sam)).toEqual(['MENTION'])

    // A private highlight: a classmate named in its note is not told; the instructor is.
    await createHighlight(s.sam, {
      ...s.at('burden sharing'),
      tag: 'BIAS',
      visibility: 'PRIVATE',
      note: noteFromText('@Bob and @Iris, loaded?'),
    })
    expect(await kinds(s.bob)).toEqual(['MENTION'])
    expect(await kinds(s.iris)).toEqual(['MENTION'])
  })

  it('with read first on, tells a mentioned classmate only once they may see the highlight', async () => {
    const s = await seminarOfFour()
    await updateGroupSettings(s.iris, { groupId: s.groupId, readFirst: true })
    await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM', note: noteFromText('@Ann agree?') })
    expect(await kinds(s.ann)).toEqual([])
    await createHighlight(s.ann, { ...s.at('Shared threats'), tag: 'CLAIM' })
    await createHighlight(s.sam, { ...s.at('keeps them honest'), tag: 'CLAIM', note: noteFromText('@Ann and this?') })
    expect(await kinds(s.ann)).toEqual(['MENTION'])
  })

  it('tells a student of feedback on their map and of its reopening, and hides an entry once its highlight turns private', async () => {
    const s = await seminarOfFour()
    const { id: mapId } = await createMap(s.sam, { groupId: s.groupId, title: 'My argument', kind: 'PERSONAL' })
    await applyMapOperation(s.sam, {
      mapId,
      op: {
        type: 'node.add',
        node: { id: newId(), kind: 'CLAIM', label: 'Alliances endure', x: 0, y: 0 },
      },
    })
    await submitMap(s.sam, { mapId })
    await addFeedback(s.iris, { mapId, body: 'Cite a passage for the claim.' })
    await reopenMap(s.iris, { mapId })
    const entries = await inbox(s.sam)
    expect(entries.map((n) => n.sentence)).toEqual([
      'Iris Wong reopened your map “My argument” for more work',
      'Iris Wong left feedback on your map “My argument”',
    ])
    expect(entries[0]!.href).toBe(`/groups/${s.groupId}/maps/${mapId}`)

    const { id } = await createHighlight(s.ann, {
      ...s.at('both partners gain'),
      tag: 'CLAIM',
      note: noteFromText('@Bob look'),
    })
    expect(await kinds(s.bob)).toEqual(['MENTION'])
    await updateHighlight(s.ann, { highlightId: id, visibility: 'PRIVATE' })
    expect(await kinds(s.bob)).toEqual([])
  })

  it('marks one entry read, then all, only the owner’s; another person’s entry answers as missing', async () => {
    const s = await seminarOfFour()
    const { id } = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    for (const text of ['One', 'Two', 'Three']) await createReply(s.ann, { highlightId: id, body: noteFromText(text) })
    const [first, second] = await inbox(s.sam)
    expect(await markNotificationsRead(s.sam, { notificationId: first!.id })).toEqual({ unread: 2 })
    expect((await inbox(s.sam)).map((n) => n.read)).toEqual([true, false, false])
    const stolen = toFailure(await markNotificationsRead(s.ann, { notificationId: second!.id }).catch((e) => e))
    expect(stolen).toMatchObject({ status: 404, error: 'This notification does not exist.' })
    expect(await unreadCount(s.sam)).toBe(2)
    expect(await markNotificationsRead(s.sam, { all: true })).toEqual({ unread: 0 })
    for (const bad of [
      {},
      { all: false },
      { notificationId: 'x' },
      { notificationId: second!.id, all: true },
      null,
      'all',
    ]) {
      expect(toFailure(await markNotificationsRead(s.sam, bad).catch((e) => e)).status, JSON.stringify(bad)).toBe(400)
    }
    expect(toFailure(await markNotificationsRead(null, { all: true }).catch((e) => e)).status).toBe(401)
  })
})
