// Email digests, sent to a real SMTP server started here: each person who asked for one gets one
// email of the notifications they have not read, as their inbox shows them (never a classmate's
// private highlight or note), once per period however many runs there are; turning digests off,
// or the link in the email, stops them; a mail server that refuses leaves the period to retry.
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHighlight, createReply, updateHighlight } from '@/lib/annotations/mutations'
import { noteFromText } from '@/lib/annotations/note'
import { db } from '@/lib/db'
import { toFailure } from '@/lib/errors'
import { sendDueDigests } from '@/lib/notifications/digest/send'
import { unsubscribeToken } from '@/lib/notifications/digest/unsubscribe'
import { setDigestFrequency, unsubscribeFromDigests } from '@/lib/notifications/mutations'
import { seminarOfFour } from './fixtures'

const DAY = 86_400_000

interface Received {
  to: string[]
  mail: ParsedMail
}
let received: Received[] = []
let server: SMTPServer
let smtpPort: number

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail })
          done()
        })
        .catch(done)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  smtpPort = (server.server.address() as AddressInfo).port
  process.env.NEXTAUTH_URL = 'http://colloquy.test'
  process.env.SMTP_FROM = 'Colloquy <digest@colloquy.test>'
})

beforeEach(async () => {
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`
  received = []
  // Each test's people are the only ones asking for digests.
  await db.user.updateMany({ data: { digest: 'OFF' } })
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const mailTo = (who: { email: string }) => received.filter((r) => r.to.includes(who.email))
/** Everything a person could read in the email: subject, text, HTML and headers. */
const wholeMail = (r: Received) =>
  [r.mail.subject, r.mail.text, r.mail.html, ...r.mail.headerLines.map((h) => h.line)].join('\n')

describe('email digests', () => {
  it('emails each person who asked the entries they may see, with no classmate’s private highlight or note', async () => {
    const s = await seminarOfFour()
    await setDigestFrequency(s.ann, { digest: 'DAILY' })
    await setDigestFrequency(s.iris, { digest: 'WEEKLY' })
    // Bob is mentioned too, but never asked for email.
    const shared = await createHighlight(s.sam, {
      ...s.at('both partners gain'),
      tag: 'CLAIM',
      note: noteFromText('@Ann Lee and @Bob Kato, do you agree?'),
    })
    const own = await createHighlight(s.ann, { ...s.at('Shared threats'), tag: 'EVIDENCE' })
    await createReply(s.bob, { highlightId: own.id, body: noteFromText('Threats change, Ann — 脅威は変わる.') })
    // Mentioned in a shared highlight that Sam then made private, with a new note for himself.
    const turned = await createHighlight(s.sam, {
      ...s.at('burden sharing'),
      tag: 'BIAS',
      note: noteFromText('@Ann Lee look at this'),
    })
    await updateHighlight(s.sam, {
      highlightId: turned.id,
      visibility: 'PRIVATE',
      note: noteFromText('SECRET-TURNED: my own doubt'),
    })
    // A private highlight naming Ann: she is never told; the instructor, who may see it, is.
    await createHighlight(s.sam, {
      ...s.at('keeps them honest'),
      tag: 'BIAS',
      visibility: 'PRIVATE',
      note: noteFromText('@Ann Lee @Iris SECRET-PRIVATE aside'),
    })
    expect(await db.notification.count({ where: { userId: s.ann.id } })).toBe(3)

    const now = new Date()
    expect(await sendDueDigests(now)).toMatchObject({ sent: 2, failed: 0, deferred: 0 })
    expect(received).toHaveLength(2)
    expect(mailTo(s.bob)).toEqual([])

    const [toAnn] = mailTo(s.ann)
    expect(toAnn!.to).toEqual([s.ann.email])
    expect(toAnn!.mail.from?.value).toEqual([{ name: 'Colloquy', address: 'digest@colloquy.test' }])
    expect(toAnn!.mail.subject).toBe('Colloquy: 2 unread notifications today')
    expect(toAnn!.mail.text).toContain('Sam Park mentioned you in a note (Ethics seminar)')
    expect(toAnn!.mail.text).toContain('“both partners gain”')
    expect(toAnn!.mail.text).toContain(
      `http://colloquy.test/groups/${s.groupId}/sources/${s.sourceId}?highlight=${shared.id}`,
    )
    expect(toAnn!.mail.text).toContain('Bob Kato replied in a thread you are part of (Ethics seminar)')
    expect(toAnn!.mail.text).toContain('Threats change, Ann — 脅威は変わる.')
    expect(toAnn!.mail.html).toContain('脅威は変わる')
    for (const secret of ['SECRET', 'burden sharing', 'keeps them honest', turned.id])
      expect(wholeMail(toAnn!), secret).not.toContain(secret)
    // One-click unsubscribe for mail clients (RFC 8058), and a link in the text for people.
    const header = (key: string) => toAnn!.mail.headerLines.find((h) => h.key === key)?.line
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    expect(header('list-unsubscribe')).toMatch(/<http:\/\/colloquy\.test\/api\/unsubscribe\?token=[^>]+>/)
    expect(toAnn!.mail.text).toContain('http://colloquy.test/unsubscribe?token=')

    const [toIris] = mailTo(s.iris)
    expect(toIris!.mail.subject).toBe('Colloquy: 1 unread notification this week')
    expect(toIris!.mail.text).toContain('Sam Park mentioned you in a note')
    expect(toIris!.mail.text).toContain('“keeps them honest”')

    // Within the period nothing more goes out, however many runs there are.
    received = []
    expect(await sendDueDigests(new Date(now.getTime() + DAY / 2))).toMatchObject({ sent: 0 })
    // A day later Ann gets only what came since her last digest, and only what is still unread.
    await createReply(s.sam, { highlightId: own.id, body: noteFromText('Some threats last.') })
    await db.notification.updateMany({ where: { userId: s.ann.id, kind: 'MENTION' }, data: { readAt: new Date() } })
    expect(await sendDueDigests(new Date(Date.now() + DAY))).toMatchObject({ sent: 1 })
    const [next] = mailTo(s.ann)
    expect(next!.mail.subject).toBe('Colloquy: 1 unread notification today')
    expect(next!.mail.text).toContain('Some threats last.')
    expect(next!.mail.text).not.toContain('Threats change')
    expect(received).toHaveLength(1)
  })

  it('sends nothing once digests are off, by the setting or the link in the email; refuses forged links and bad settings', async () => {
    const s = await seminarOfFour()
    await setDigestFrequency(s.ann, { digest: 'DAILY' })
    await setDigestFrequency(s.sam, { digest: 'DAILY' })
    const own = await createHighlight(s.ann, { ...s.at('Shared threats'), tag: 'EVIDENCE' })
    const his = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    await createReply(s.bob, { highlightId: own.id, body: noteFromText('One') })
    await createReply(s.bob, { highlightId: his.id, body: noteFromText('Two') })

    await unsubscribeFromDigests({ token: unsubscribeToken(s.ann.id) })
    await setDigestFrequency(s.sam, { digest: 'OFF' })
    expect(await sendDueDigests()).toMatchObject({ sent: 0 })
    expect(received).toEqual([])

    // A token for someone else, made up or altered, changes nothing.
    await setDigestFrequency(s.ann, { digest: 'WEEKLY' })
    const forged = `${s.ann.id}.${unsubscribeToken(s.sam.id).split('.')[1]}`
    for (const token of [forged, `${s.ann.id}.`, 'x', '', 'a'.repeat(500)]) {
      expect(toFailure(await unsubscribeFromDigests({ token }).catch((e) => e)).status, token).toBe(400)
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: s.ann.id } })).digest).toBe('WEEKLY')
    for (const bad of [{}, { digest: 'HOURLY' }, { digest: 1 }, null, 'DAILY']) {
      expect(toFailure(await setDigestFrequency(s.ann, bad).catch((e) => e)).status, JSON.stringify(bad)).toBe(400)
    }
    expect(toFailure(await setDigestFrequency(null, { digest: 'OFF' }).catch((e) => e)).status).toBe(401)
    expect((await db.user.findUniqueOrThrow({ where: { id: s.ann.id } })).digest).toBe('WEEKLY')
  })

  it('sends one email per person when two instances run at once, keeps to its budget, and retries when the mail server is away', async () => {
    const s = await seminarOfFour()
    const own = await createHighlight(s.ann, { ...s.at('Shared threats'), tag: 'EVIDENCE' })
    const his = await createHighlight(s.sam, { ...s.at('both partners gain'), tag: 'CLAIM' })
    await createReply(s.bob, { highlightId: own.id, body: noteFromText('One') })
    await createReply(s.bob, { highlightId: his.id, body: noteFromText('Two') })
    for (const who of [s.ann, s.sam]) await setDigestFrequency(who, { digest: 'DAILY' })

    // No mail server listening: nothing is lost, the next run tries again.
    process.env.SMTP_URL = 'smtp://127.0.0.1:9'
    expect(await sendDueDigests()).toMatchObject({ sent: 0, failed: 2 })
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`

    // A budget of one person per run: the other waits for the next.
    const now = new Date()
    const runs = await Promise.all([
      sendDueDigests(now, { people: 1, ms: 60_000 }),
      sendDueDigests(now, { people: 1, ms: 60_000 }),
    ])
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBeLessThanOrEqual(2)
    const rest = await sendDueDigests(now)
    expect(runs.reduce((n, r) => n + r.sent, 0) + rest.sent).toBe(2)
    expect(runs.every((r) => r.deferred >= 0)).toBe(true)
    expect(mailTo(s.ann)).toHaveLength(1)
    expect(mailTo(s.sam)).toHaveLength(1)
  })

  it('sends nothing when SMTP is not configured', async () => {
    const s = await seminarOfFour()
    const own = await createHighlight(s.ann, { ...s.at('Shared threats'), tag: 'EVIDENCE' })
    await createReply(s.bob, { highlightId: own.id, body: noteFromText('One') })
    await setDigestFrequency(s.ann, { digest: 'DAILY' })
    delete process.env.SMTP_URL
    expect(await sendDueDigests()).toEqual({ sent: 0, empty: 0, failed: 0, deferred: 0 })
    expect(received).toEqual([])
  })
})
