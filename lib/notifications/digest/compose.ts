// The digest email of one person's unread notifications, as plain text and HTML. Pure: the
// entries arrive already filtered to what the person may see (queries.ts, visibleEntries).
import type { NotificationView } from '../queries'

export const DIGEST_ITEMS = 20

export interface DigestEmail {
  subject: string
  text: string
  html: string
}

export interface DigestInput {
  name: string
  frequency: 'DAILY' | 'WEEKLY'
  entries: NotificationView[]
  /** New unread entries beyond those listed. */
  more: number
  origin: string
  settingsUrl: string
  unsubscribeUrl: string
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

export function composeDigest(input: DigestInput): DigestEmail {
  const count = input.entries.length + input.more
  const period = input.frequency === 'DAILY' ? 'today' : 'this week'
  const subject = `Colloquy: ${count} unread notification${count === 1 ? '' : 's'} ${period}`
  const link = (href: string) => new URL(href, input.origin).toString()
  const moreLine = input.more > 0 ? `…and ${input.more} more in your inbox.` : null

  const text = [
    `Hello ${input.name},`,
    '',
    `What happened in your seminars that you have not read yet:`,
    '',
    ...input.entries.flatMap((e) => [
      `• ${e.sentence} (${e.groupName})`,
      ...(e.excerpt ? [`  “${e.excerpt}”`] : []),
      `  ${link(e.href)}`,
      '',
    ]),
    ...(moreLine ? [moreLine, ''] : []),
    `Your inbox: ${link('/inbox')}`,
    `Change how often these come: ${input.settingsUrl}`,
    `Stop these emails: ${input.unsubscribeUrl}`,
  ].join('\n')

  const items = input.entries
    .map(
      (e) =>
        `<li style="margin:0 0 12px"><a href="${escapeHtml(link(e.href))}">${escapeHtml(e.sentence)}</a> <span style="color:#78716c">· ${escapeHtml(e.groupName)}</span>` +
        (e.excerpt ? `<br><q dir="auto" style="color:#57534e">${escapeHtml(e.excerpt)}</q>` : '') +
        '</li>',
    )
    .join('')
  const html = [
    `<!doctype html><html><body style="font-family:sans-serif;color:#1c1917">`,
    `<p>Hello ${escapeHtml(input.name)},</p>`,
    `<p>What happened in your seminars that you have not read yet:</p>`,
    `<ul style="padding-left:20px">${items}</ul>`,
    moreLine ? `<p>${escapeHtml(moreLine)}</p>` : '',
    `<p><a href="${escapeHtml(link('/inbox'))}">Open your inbox</a></p>`,
    `<p style="font-size:12px;color:#78716c"><a href="${escapeHtml(input.settingsUrl)}">Change how often these come</a> · <a href="${escapeHtml(input.unsubscribeUrl)}">Stop these emails</a></p>`,
    `</body></html>`,
  ].join('')
  return { subject, text, html }
}
