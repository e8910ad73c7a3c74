// The server-action body limit in next.config.js against the app's own text limits: the largest
// source anyone may save, in the script that takes the most bytes, fits into one request.
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { MAX_SOURCE_CHARS } from '@/lib/sources/limits'
import { CreateSource } from '@/lib/sources/schema'
import { EditSourceText } from '@/lib/sources/editing/schema'
import type { NextConfig } from 'next'

const require = createRequire(import.meta.url)
const bytes = require('next/dist/compiled/bytes') as { parse: (size: string) => number }

/** What a server action's request carries for `input`: its arguments as JSON, in UTF-8. */
const requestBytes = (input: unknown) => Buffer.byteLength(JSON.stringify([input]), 'utf8')

// Imported by path: the configuration is plain JavaScript, which Next reads as it is.
const CONFIG = '../../next.config.js'
const { default: nextConfig, SERVER_ACTION_BODY_LIMIT } = (await import(CONFIG)) as {
  default: NextConfig
  SERVER_ACTION_BODY_LIMIT: string
}
const LIMIT = bytes.parse(SERVER_ACTION_BODY_LIMIT)
const ID = 'cmgroup00000000000000001'

describe('server-action body limit', () => {
  it('is the one Next uses', () => {
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(SERVER_ACTION_BODY_LIMIT)
  })

  it('takes the longest source the schema accepts, in Japanese, emoji or the costliest characters to escape', () => {
    const texts = {
      japanese: '平和を愛する諸国民'.repeat(MAX_SOURCE_CHARS / 10).padEnd(MAX_SOURCE_CHARS, '。'),
      emoji: '🤝'.repeat(MAX_SOURCE_CHARS / 2),
      // Control characters (allowed, though odd) become six bytes each in JSON.
      escaped: 'a\u0001'.repeat(MAX_SOURCE_CHARS / 2),
    }
    for (const [name, text] of Object.entries(texts)) {
      expect(text, name).toHaveLength(MAX_SOURCE_CHARS)
      const create = {
        groupId: ID,
        title: '題'.repeat(300),
        author: '著'.repeat(200),
        year: '2024',
        url: `https://example.org/${'a'.repeat(1900)}`,
        text,
        restore: Array.from({ length: 10_000 }, (_, i) => 1e9 + i),
      }
      expect(CreateSource.safeParse(create).success, name).toBe(true)
      expect(requestBytes(create), name).toBeLessThan(LIMIT)
      const edit = { sourceId: ID, expectedVersion: 1, text }
      expect(EditSourceText.safeParse(edit).success, name).toBe(true)
      expect(requestBytes(edit), name).toBeLessThan(LIMIT)
    }
  })

  it('was too small at Next’s default of 1 MB for a long Japanese essay within the limit', () => {
    expect(requestBytes({ text: '平'.repeat(MAX_SOURCE_CHARS) })).toBeGreaterThan(1024 * 1024)
  })
})
