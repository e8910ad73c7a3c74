// The address per-address limits count by: the socket's own (never a header a client wrote), or
// behind a trusted proxy the right-most X-Forwarded-For entry, the one the proxy itself appended.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { clientAddress, limitKeyOf, PEER_HEADER } from '@/lib/client-address'

afterEach(() => {
  vi.unstubAllEnvs()
})

const headers = (values: Record<string, string>) => new Headers(values)

describe('clientAddress', () => {
  it('without TRUST_PROXY, counts the socket address and ignores whatever X-Forwarded-For the client sent', () => {
    vi.stubEnv('TRUST_PROXY', '')
    expect(clientAddress(headers({ [PEER_HEADER]: '198.51.100.7', 'x-forwarded-for': '203.0.113.1' }))).toBe(
      '198.51.100.7',
    )
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.1' }))).toBe('unknown')
  })

  it('with TRUST_PROXY, counts the address the proxy saw: the right end of X-Forwarded-For, not the client-written left', () => {
    vi.stubEnv('TRUST_PROXY', 'true')
    // The client sent "X-Forwarded-For: 1.2.3.4, 5.6.7.8"; the proxy appended the address it saw.
    const forged = headers({ 'x-forwarded-for': '1.2.3.4, 5.6.7.8,198.51.100.9', [PEER_HEADER]: '10.0.0.2' })
    expect(clientAddress(forged)).toBe('198.51.100.9')
    expect(clientAddress(headers({ 'x-forwarded-for': ' 198.51.100.10 ' }))).toBe('198.51.100.10')
    // next-auth hands plain header objects.
    expect(clientAddress({ 'x-forwarded-for': '1.2.3.4, 198.51.100.11' })).toBe('198.51.100.11')
    // No header from the proxy: the socket's address.
    expect(clientAddress(headers({ [PEER_HEADER]: '10.0.0.2' }))).toBe('10.0.0.2')
  })
})

describe('limitKeyOf', () => {
  it('keeps IPv4 as it is, also inside an IPv4-mapped IPv6 address', () => {
    expect(limitKeyOf('198.51.100.7')).toBe('198.51.100.7')
    expect(limitKeyOf('::ffff:198.51.100.7')).toBe('198.51.100.7')
    expect(limitKeyOf('::FFFF:198.51.100.7')).toBe('198.51.100.7')
  })

  it('counts IPv6 per /64, however the address is written', () => {
    const key = limitKeyOf('2001:db8:85a3:42::1')
    expect(key).toBe('2001:db8:85a3:42::/64')
    for (const same of [
      '2001:0db8:85a3:0042:ffff:ffff:ffff:ffff',
      '2001:db8:85a3:42:1:2:3:4',
      '[2001:db8:85a3:42::9]',
      '2001:db8:85a3:42::1%eth0',
      '2001:DB8:85A3:42::abcd',
    ]) {
      expect(limitKeyOf(same), same).toBe(key)
    }
    expect(limitKeyOf('2001:db8:85a3:43::1')).not.toBe(key)
    expect(limitKeyOf('::1')).toBe('0:0:0:0::/64')
    expect(limitKeyOf('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64')
  })

  it('keeps anything else apart, and short', () => {
    expect(limitKeyOf('not an address')).toBe('other:not an address')
    expect(limitKeyOf('x'.repeat(500))).toHaveLength(70)
  })
})
