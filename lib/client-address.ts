// The address a request came from, as the key of per-address limits. Behind a trusted reverse
// proxy (TRUST_PROXY=true) it is the right-most X-Forwarded-For entry: the address the proxy itself
// saw, which a client cannot choose (entries to its left are whatever the client sent). Otherwise it
// is the socket's own address, which instrumentation.ts copies into PEER_HEADER for every request
// (anything a client sends under that name is overwritten). IPv6 addresses count per /64, the
// block one household or phone gets, so rotating through one's own block gains nothing.
import { isIPv4, isIPv6 } from 'node:net'
import { trustProxy } from '@/lib/env'

export const PEER_HEADER = 'x-colloquy-peer'

type HeaderSource = { get(name: string): string | null } | Record<string, unknown> | undefined

function header(headers: HeaderSource, name: string): string | null {
  if (!headers) return null
  if (typeof (headers as { get?: unknown }).get === 'function')
    return (headers as { get(name: string): string | null }).get(name)
  const value = (headers as Record<string, unknown>)[name]
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : null
}

/** The client's address for limits, from a Request's headers or next-auth's plain header object. */
export function clientAddress(headers: HeaderSource): string {
  if (trustProxy()) {
    const forwarded = header(headers, 'x-forwarded-for')
      ?.split(',')
      .map((part) => part.trim())
      .filter(Boolean)
    const seen = forwarded?.at(-1)
    if (seen) return limitKeyOf(seen)
  }
  const peer = header(headers, PEER_HEADER)
  return peer ? limitKeyOf(peer) : 'unknown'
}

/** An address as one limit key: IPv4 as is (also when mapped into IPv6), IPv6 by its /64 prefix. */
export function limitKeyOf(address: string): string {
  const bare = address.replace(/^\[|\](:\d+)?$/g, '').replace(/%.*$/, '')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!
  if (isIPv4(bare)) return bare
  if (!isIPv6(bare)) return `other:${bare.slice(0, 64)}`
  return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`
}

/** The eight groups of an IPv6 address, written out ("2001:db8::1" → ["2001", "db8", "0", …, "1"]). */
function expandIPv6(address: string): string[] {
  let text = address.toLowerCase()
  // A trailing dotted IPv4 part is two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.split('::') as [string, string | undefined]
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0')
  return [...left, ...middle, ...right].map((group) => (parseInt(group, 16) || 0).toString(16))
}
