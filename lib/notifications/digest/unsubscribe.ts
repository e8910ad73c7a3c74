// The unsubscribe link of a digest: the account id and an HMAC of it under AUTH_SECRET, so the
// link turns digests off without signing in, and nobody can make one for another account.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { authSecret } from '@/lib/env'

const mac = (userId: string) =>
  createHmac('sha256', authSecret()).update(`digest-unsubscribe:${userId}`).digest('base64url')

export function unsubscribeToken(userId: string): string {
  return `${userId}.${mac(userId)}`
}

/** The account the token was made for, or null when it was not made by this app. */
export function accountOfToken(token: string): string | null {
  const dot = token.lastIndexOf('.')
  if (dot <= 0 || token.length > 200) return null
  const userId = token.slice(0, dot)
  const given = Buffer.from(token.slice(dot + 1))
  const expected = Buffer.from(mac(userId))
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null
}
