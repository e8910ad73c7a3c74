// The SMTP connection email goes out through (nodemailer), made from SMTP_URL on first use. One
// connection at a time, with timeouts, so a slow or silent mail server holds one digest run at
// most a few seconds per message, never the app.
import nodemailer, { type Transporter } from 'nodemailer'
import { smtpUrl } from '@/lib/env'

const shared = globalThis as typeof globalThis & { colloquyMailer?: { url: string; transport: Transporter } }

export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }

/** The transport for SMTP_URL; null when email is not configured. */
export function mailer(): Transporter | null {
  const url = smtpUrl()
  if (!url) return null
  if (shared.colloquyMailer?.url !== url) {
    shared.colloquyMailer?.transport.close()
    const transport = nodemailer.createTransport({ url, pool: true, maxConnections: 1, ...SMTP_TIMEOUTS })
    shared.colloquyMailer = { url, transport }
  }
  return shared.colloquyMailer.transport
}
