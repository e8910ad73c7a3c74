// The map picture shared by the PDF, SVG and PNG exports: nodes where the canvas puts them,
// text wrapped to the node width, relations from the bottom of one node to the top of the
// other, and an SVG in which nothing typed by a user can become markup.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { drawMap, readingOrder, type MeasureText, type TextShape } from '@/lib/export/map-drawing'
import { choosePage } from '@/lib/export/map-pdf'
import { escapeXml, renderMapSvg } from '@/lib/export/map-svg'
import { printable, truncateToWidth, wrapText } from '@/lib/export/text-fit'
import { NODE_WIDTH } from '@/lib/maps/layout'
import type { MapState } from '@/lib/maps/reducer'

/** Every character 0.6 em wide: simple, and enough to check layout. */
const mono: MeasureText = (text, _face, size) => [...text].length * size * 0.6
const width = (s: string) => mono(s, 'sans', 10)

const node = (id: string, x: number, y: number, label = 'A claim', kind: 'CLAIM' | 'NOTE' = 'CLAIM') => ({ id, kind, label, highlightId: null, x, y, version: 1 })

const texts = (shapes: { type: string }[]) => shapes.filter((s): s is TextShape => s.type === 'text')

describe('wrapping text for a node', () => {
  it('breaks at spaces, never wider than the line unless one character is, and keeps every word', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zé’“”]{1,30}$/), { maxLength: 40 }), fc.integer({ min: 6, max: 300 }), (words, max) => {
        const lines = wrapText(words.join(' '), max, width)
        for (const line of lines) expect(width(line) <= max || [...line].length === 1).toBe(true)
        for (const line of lines) expect(line).toBe(line.trim())
        expect(lines.join('').replaceAll(' ', '')).toBe(words.join(''))
      }),
    )
  })

  it('cuts a title that does not fit with an ellipsis', () => {
    expect(truncateToWidth('US-Japan Alliance amid Changing Security Environment', 120, width)).toBe('US-Japan Alliance a…')
    expect(truncateToWidth('Short', 120, width)).toBe('Short')
  })

  it('makes control characters and broken surrogates into plain spaces', () => {
    expect(printable('one\u0000two\nthree\u0007 \ud800four')).toBe('one two three four')
  })
})

describe('drawing a map', () => {
  const state: MapState = {
    nodes: [node('b', 300, 260, 'Because the record shows it'), node('a', 0, 0, 'Alliances endure'), node('n', 0, 260, '', 'NOTE')],
    relations: [{ id: 'r', fromId: 'b', toId: 'a', kind: 'ATTACKS', label: 'partly' }],
  }

  it('places nodes where the canvas does and numbers them in reading order', () => {
    const drawing = drawMap(state, [], mono)
    expect(drawing.nodes.map((n) => [n.id, n.number])).toEqual([
      ['b', 3],
      ['a', 1],
      ['n', 2],
    ])
    const header = texts(drawing.nodes[1]!.shapes)[0]!
    expect(header).toMatchObject({ text: '◆ Claim', x: 10 })
    expect(texts(drawing.nodes[2]!.shapes).map((t) => t.text)).toContain('Empty note')
    expect(drawing.bounds.x).toBeLessThan(0)
    expect(drawing.bounds.x + drawing.bounds.width).toBeGreaterThan(300 + NODE_WIDTH)
  })

  it('draws a relation from the bottom middle of its source to the top middle of its target, labelled in words', () => {
    const relation = drawMap(state, [], mono).relations[0]!
    const line = relation.shapes[0]!
    expect(line.type === 'path' && line.d.startsWith(`M${300 + NODE_WIDTH / 2} `)).toBe(true)
    expect(line.type === 'path' && line.d.endsWith(` ${NODE_WIDTH / 2} 0`)).toBe(true)
    expect(line).toMatchObject({ stroke: '#b91c1c', dash: [6, 4] })
    // The user's words isolated, so Arabic or Hebrew ones cannot reorder "attacks:" around them.
    expect(texts(relation.shapes).map((t) => t.text)).toEqual(['attacks: \u2068partly\u2069'])
  })

  it('reads top to bottom, then left to right', () => {
    expect(readingOrder(state.nodes).map((n) => n.id)).toEqual(['a', 'n', 'b'])
  })

  it('chooses a landscape page for a wide map and a portrait one for a tall map', () => {
    const wide: MapState = { nodes: Array.from({ length: 8 }, (_, i) => node(`w${i}`, i * 280, 0)), relations: [] }
    const tall: MapState = { nodes: Array.from({ length: 8 }, (_, i) => node(`t${i}`, 0, i * 200)), relations: [] }
    expect(choosePage(drawMap(wide, [], mono), 'a4', 'auto').layout).toBe('landscape')
    expect(choosePage(drawMap(tall, [], mono), 'letter', 'auto')).toMatchObject({ layout: 'portrait', width: 612, height: 792 })
    expect(choosePage(drawMap(tall, [], mono), 'a4', 'landscape').layout).toBe('landscape')
  })
})

describe('the SVG', () => {
  it('escapes whatever users typed, in text and in the title', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (label, title) => {
        const svg = renderMapSvg(drawMap({ nodes: [node('x', 0, 0, label)], relations: [] }, [], mono), { title, byline: label }, mono)
        const markup = svg.replace(/^<\?xml[^>]*>\n/, '')
        // Every element is one of ours; no user text opened a tag or an entity of its own.
        for (const tag of markup.match(/<\/?([a-zA-Z]+)/g) ?? []) expect(['svg', 'title', 'desc', 'rect', 'text', 'g', 'path']).toContain(tag.replace(/[</]/g, ''))
        for (const entity of markup.match(/&[^;\s]*;?/g) ?? []) expect(entity).toMatch(/^&#\d+;$/)
      }),
    )
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;')
  })

  it('says so when a map has no nodes', () => {
    const svg = renderMapSvg(drawMap({ nodes: [], relations: [] }, [], mono), { title: 'Empty', byline: 'Seminar' }, mono)
    expect(svg).toContain('This map has no nodes yet.')
  })
})
