// The access query leaves a source's text out when this process holds that version of it.
import { describe, expect, it } from 'vitest'
import { cachedTextOf, sourceText } from '@/lib/sources/text-cache'

describe('source text cache', () => {
  it('keeps the text read for a version and gives it back when the query leaves it out', () => {
    expect(cachedTextOf('s1')).toBeUndefined()
    expect(sourceText('s1', 1, 'First text.', undefined)).toBe('First text.')
    const cached = cachedTextOf('s1')
    expect(cached).toEqual({ version: 1, text: 'First text.' })
    expect(sourceText('s1', 1, null, cached)).toBe('First text.')
  })

  it('replaces the text when a newer version is read', () => {
    sourceText('s2', 1, 'Old.', undefined)
    expect(sourceText('s2', 2, 'New.', cachedTextOf('s2'))).toBe('New.')
    expect(cachedTextOf('s2')).toEqual({ version: 2, text: 'New.' })
  })

  it('refuses to answer for a version it neither read nor holds', () => {
    sourceText('s3', 1, 'One.', undefined)
    expect(() => sourceText('s3', 2, null, cachedTextOf('s3'))).toThrow(/neither read nor cached/)
    expect(() => sourceText('s4', 1, null, undefined)).toThrow(/neither read nor cached/)
  })

  it('answers from the entry captured with the query even if another request replaced it since', () => {
    sourceText('s5', 1, 'Version one.', undefined)
    const captured = cachedTextOf('s5')
    sourceText('s5', 2, 'Version two.', captured)
    expect(sourceText('s5', 1, null, captured)).toBe('Version one.')
  })

  it('drops the least recently used texts beyond its size limit', () => {
    const big = 'x'.repeat(6_000_000)
    sourceText('big-a', 1, big, undefined)
    sourceText('big-b', 1, big, undefined)
    sourceText('big-c', 1, big, undefined)
    // big-a used again from the cache, big-b read afresh at a new version: big-c is now the oldest.
    expect(sourceText('big-a', 1, null, cachedTextOf('big-a'))).toBe(big)
    sourceText('big-b', 2, big, cachedTextOf('big-b'))
    sourceText('big-d', 1, big, undefined)
    expect(cachedTextOf('big-c')).toBeUndefined()
    expect(cachedTextOf('big-a')?.version).toBe(1)
    expect(cachedTextOf('big-b')?.version).toBe(2)
    expect(cachedTextOf('big-d')?.version).toBe(1)
  })
})
