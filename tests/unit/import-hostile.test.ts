// Hostile input to the importers, called directly (the same files go through the real upload
// route in e2e/import.spec.ts). Each must end in bounded time with a clear refusal or a result:
// the bounds are generous budgets, tens of times what the work takes, to catch super-linear
// backtracking (a 100,000-character line once took 15 s) and unbounded unpacking, not to time it.
import { describe, expect, it } from 'vitest'
import { toFailure } from '@/lib/errors'
import { importFile, type UploadedFile } from '@/lib/sources/import/file'
import { MAX_UNZIPPED_BYTES } from '@/lib/sources/import/limits'
import { inspectZip } from '@/lib/sources/import/zip-guard'
import { importText } from '@/lib/sources/importer'
import { manyPagesPdf, zipBomb } from '../fixtures/import/build'

async function refusal(file: UploadedFile) {
  try {
    await importFile(file)
  } catch (error) {
    return toFailure(error)
  }
  throw new Error(`Expected ${file.name} to be refused, but it was read.`)
}

function within<T>(budgetMs: number, work: () => T): T {
  const started = performance.now()
  const result = work()
  expect(performance.now() - started, `took longer than its ${budgetMs} ms budget`).toBeLessThan(budgetMs)
  return result
}

describe('pasted text an attacker (or an accident) sends', () => {
  const lines: [string, string][] = [
    ['one line of 100,000 characters', 'The alliance endures because '.repeat(3500)],
    ['100,000 characters without a space', 'a'.repeat(100_000)],
    ['a hyphen after every letter', 'a-'.repeat(50_000)],
    ['an unclosed citation mark after every letter', 'a[1'.repeat(33_000)],
    ['a note number after every word', 'word.1 '.repeat(14_000)],
    ['an at-sign after every letter', 'a@'.repeat(50_000)],
    ['a byline that never ends', `By ${'Ab '.repeat(30_000)}`],
    ['50,000 repeated button lines', 'Order now\n'.repeat(50_000)],
  ]
  for (const [what, text] of lines) {
    it(`imports ${what} in bounded time`, () => {
      const result = within(5_000, () => importText(text))
      expect(result.blocks.length).toBeGreaterThan(0)
    })
  }
})

describe('files that would take more than their share', () => {
  it('refuses a zip bomb by what it really inflates to, not what it declares', async () => {
    const bomb = await zipBomb(100 * 1024 * 1024)
    expect(bomb.length).toBeLessThan(200 * 1024)
    expect(() => inspectZip(bomb, [], 'unreadable')).toThrow(/too complex to import/)
    expect(await refusal({ name: 'essay.docx', bytes: bomb })).toEqual({
      ok: false,
      status: 422,
      error: 'This file is too complex to import; paste the text instead.',
      fieldErrors: {},
    })
    // A zip within the budget is read, and its real size counted.
    const small = await zipBomb(1024 * 1024)
    expect(inspectZip(small, [], 'unreadable').inflatedBytes).toBeGreaterThan(1024 * 1024)
    expect(inspectZip(small, [], 'unreadable').inflatedBytes).toBeLessThan(MAX_UNZIPPED_BYTES)
  })

  it('refuses HTML nested deeper than any browser builds, before walking it', async () => {
    const depth = 50_000
    const html = `<html><body>${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}</body></html>`
    expect(await refusal({ name: 'nested.html', bytes: new TextEncoder().encode(html) })).toMatchObject({
      status: 422,
      error: expect.stringContaining('too complex to import'),
    })
  })

  it('refuses a PDF of more pages than it imports, saying how many it has', async () => {
    expect(await refusal({ name: 'long.pdf', bytes: await manyPagesPdf(320) })).toMatchObject({
      status: 422,
      error: 'This PDF has 320 pages; Colloquy imports at most 300 at a time. Split it, or paste the part you need.',
    })
  })

  it('reads a file for what it is, whatever its name says', async () => {
    const pdf = await manyPagesPdf(1)
    expect((await importFile({ name: 'essay.txt', bytes: pdf })).blocks.map((block) => block.text)).toEqual([
      'Page 1 says one thing.',
    ])
    expect(await refusal({ name: 'page.html', bytes: await zipBomb(1024) })).toMatchObject({
      status: 400,
      error: expect.stringContaining('compressed archive, not HTML'),
    })
    expect(await refusal({ name: 'essay.pdf', bytes: new TextEncoder().encode('MZ\x90\x00 not a pdf') })).toMatchObject(
      { status: 400, error: expect.stringContaining('is called a PDF but is not one') },
    )
  })
})
