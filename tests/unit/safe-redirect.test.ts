// The redirect filter of sign-in and sign-up: only paths of this app, however the value is spelled.
import { describe, expect, it } from 'vitest'
import { safeCallbackUrl } from '@/lib/safe-redirect'

describe('safeCallbackUrl', () => {
  it.each([
    ['/groups/abc', '/groups/abc'],
    ['/groups/abc?tab=maps#top', '/groups/abc?tab=maps#top'],
    ['/dashboard', '/dashboard'],
    ['/a/../groups', '/groups'],
  ])('keeps the path %s of this app', (value, expected) => {
    expect(safeCallbackUrl(value)).toBe(expected)
  })

  it.each([
    ['a tab between slashes (/%09/evil decoded)', '/\t/evil.example'],
    ['a line feed between slashes', '/\n/evil.example'],
    ['a carriage return between slashes', '/\r/evil.example'],
    ['two slashes', '//evil.example'],
    ['a slash and a backslash', '/\\evil.example'],
    ['a backslash path', '/\\/evil.example'],
    ['a dot segment that leaves two slashes', '/.//evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a scheme-relative URL with spaces', ' //evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'groups/abc'],
    ['an empty string', ''],
  ])('falls back for %s', (_case, value) => {
    expect(safeCallbackUrl(value)).toBe('/dashboard')
  })

  it('falls back for values that are not strings, and for very long ones', () => {
    for (const value of [undefined, null, 42, ['/groups'], { href: '/groups' }])
      expect(safeCallbackUrl(value)).toBe('/dashboard')
    expect(safeCallbackUrl(`/${'a'.repeat(3000)}`)).toBe('/dashboard')
  })

  it('returns a value that is always a valid header: line breaks dropped, other characters percent-encoded', () => {
    const latin1 = /^[\x21-\x7e]*$/
    for (const value of [
      '/groups/\r\nSet-Cookie: x=1',
      '/groups/日本語?q=アライアンス#見出し',
      '/groups/😀',
      '/a b',
      '/"<x>"',
      '/\u0000x',
      '/groups/\u2028x',
    ]) {
      const result = safeCallbackUrl(value)
      expect(result, JSON.stringify(value)).toMatch(latin1)
      expect(result.startsWith('/') && !result.startsWith('//'), JSON.stringify(value)).toBe(true)
    }
    expect(safeCallbackUrl('/groups/日本語')).toBe('/groups/%E6%97%A5%E6%9C%AC%E8%AA%9E')
  })
})
