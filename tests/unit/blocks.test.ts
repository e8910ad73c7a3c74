import { describe, expect, it } from 'vitest'
import { blocksOf, listItemsOf } from '@/lib/sources/blocks'

describe('list blocks read as lists', () => {
  const text =
    'Research Questions\n\n• What events led to the alliance?\n• What challenges does it face?\n\n1. First, the treaty.\n2) Then the guidelines.'

  it('gives each line as an item, its bullet or number left out, with offsets into the text', () => {
    const [, bullets, numbered] = blocksOf(text, [{ kind: 'heading', level: 2 }, { kind: 'list' }, { kind: 'list' }])
    const list = listItemsOf(bullets!)
    expect(list.ordered).toBe(false)
    expect(list.items.map((item) => item.text)).toEqual([
      'What events led to the alliance?',
      'What challenges does it face?',
    ])
    for (const item of list.items) expect(text.slice(item.start, item.end)).toBe(item.text)
    const steps = listItemsOf(numbered!)
    expect(steps.ordered).toBe(true)
    expect(steps.items.map((item) => text.slice(item.start, item.end))).toEqual([
      'First, the treaty.',
      'Then the guidelines.',
    ])
  })

  it('keeps a heading’s level from the stored layout, and none for typed text', () => {
    expect(blocksOf(text, [{ kind: 'heading', level: 3 }, { kind: 'list' }, { kind: 'list' }])[0]!.level).toBe(3)
    expect(blocksOf(text)[0]).toMatchObject({ kind: 'heading', level: null })
  })

  it('takes a line without a marker whole', () => {
    const block = { start: 10, text: '• one\ntwo' }
    expect(listItemsOf(block).items).toEqual([
      { start: 12, end: 15, text: 'one' },
      { start: 16, end: 19, text: 'two' },
    ])
  })
})
