// The map picture shared by the PDF, SVG and PNG exports: nodes where the canvas puts them,
// text wrapped to the node width and cut to the node's lines, relations placed by the shared
// geometry, pages planned for 8 pt text, and an SVG in which nothing typed by a user can become markup.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { drawMap, readingOrder, type MeasureText, type TextShape } from '@/lib/export/map-drawing'
import { MIN_TEXT_PT, planMap } from '@/lib/export/map-pdf-pages'
import { escapeXml, renderMapSvg } from '@/lib/export/map-svg'
import { printable, truncateToWidth, wrapText } from '@/lib/export/text-fit'
import { NODE_HEIGHT, NODE_WIDTH } from '@/lib/maps/layout'
import type { MapState } from '@/lib/maps/reducer'

/** Every character 0.6 em wide: simple, and enough to check layout. */
const mono: MeasureText = (text, _face, size) => [...text].length * size * 0.6
const width = (s: string) => mono(s, 'sans', 10)

const node = (id: string, x: number, y: number, label = 'A claim', kind: 'CLAIM' | 'NOTE' = 'CLAIM') => ({
  id,
  kind,
  label,
  highlightId: null,
  x,
  y,
  version: 1,
})

const texts = (shapes: { type: string }[]) => shapes.filter((s): s is TextShape => s.type === 'text')

describe('wrapping text for a node', () => {
  it('breaks at spaces, never wider than the line unless one character is, and keeps every word', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-zé’“”]{1,30}$/), { maxLength: 40 }),
        fc.integer({ min: 6, max: 300 }),
        (words, max) => {
          const lines = wrapText(words.join(' '), max, width)
          for (const line of lines) expect(width(line) <= max || [...line].length === 1).toBe(true)
          for (const line of lines) expect(line).toBe(line.trim())
          expect(lines.join('').replaceAll(' ', '')).toBe(words.join(''))
        },
      ),
    )
  })

  it('cuts a title that does not fit with an ellipsis', () => {
    expect(truncateToWidth('US-Japan Alliance amid Changing Security Environment', 120, width)).toBe(
      'US-Japan Alliance a…',
    )
    expect(truncateToWidth('Short', 120, width)).toBe('Short')
  })

  it('makes control characters and broken surrogates into plain spaces', () => {
    expect(printable('one\u0000two\nthree\u0007 \ud800four')).toBe('one two three four')
  })
})

describe('drawing a map', () => {
  const state: MapState = {
    nodes: [
      node('b', 300, 260, 'Because the record shows it'),
      node('a', 0, 0, 'Alliances endure'),
      node('n', 0, 260, '', 'NOTE'),
    ],
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

  it('draws a relation from the side of its source facing the target to the facing side of the target, labelled in words', () => {
    // b sits below and to the right of a: the line leaves b's top and ends on a's bottom.
    const relation = drawMap(state, [], mono).relations[0]!
    const line = relation.shapes[0]!
    const { points, arrow } = relation.geometry
    expect(points[0]!.y).toBe(260)
    expect(points[0]!.x).toBeGreaterThan(300)
    expect(points.at(-1)!.y).toBe(NODE_HEIGHT)
    expect(points.at(-1)!.x).toBeLessThan(NODE_WIDTH)
    expect(arrow.tip).toEqual(points.at(-1))
    expect(arrow.back.y).toBeGreaterThan(arrow.tip.y)
    expect(line).toMatchObject({ stroke: '#b91c1c', dash: [6, 4] })
    expect(line.type === 'path' && line.d.startsWith(`M${points[0]!.x} 260`)).toBe(true)
    // The user's words isolated, so Arabic or Hebrew ones cannot reorder "attacks:" around them.
    expect(texts(relation.shapes).map((t) => t.text)).toEqual(['attacks: \u2068partly\u2069'])
  })

  it('cuts a long node text to its lines with an ellipsis, keeping the whole text for the tooltip', () => {
    const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ')
    const drawn = drawMap({ nodes: [node('l', 0, 0, long)], relations: [] }, [], mono).nodes[0]!
    const lines = texts(drawn.shapes).slice(2)
    expect(lines).toHaveLength(5)
    expect(lines.at(-1)!.text.endsWith('…')).toBe(true)
    expect(drawn.fullText).toBe(long)
    expect(drawn.box).toEqual({ x: 0, y: 0, width: NODE_WIDTH, height: NODE_HEIGHT })
  })

  it('wraps Japanese between characters without spaces of its own, and sets an Arabic label from the right edge', () => {
    const japanese = '日米同盟は地域の平和と安定の礎であり、抑止力と対処力を一層強化する必要がある。'.repeat(4)
    const arabic = 'السلام عليكم ورحمة الله'
    const drawn = drawMap(
      { nodes: [node('j', 0, 0, japanese), node('a', 300, 0, arabic)], relations: [] },
      [],
      mono,
    ).nodes
    const lines = texts(drawn[0]!.shapes).slice(2)
    expect(lines).toHaveLength(5)
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(NODE_WIDTH - 2 * 10 + 1e-6)
    expect(lines.at(-1)!.text.endsWith('…')).toBe(true)
    // Every line is the text as written, from where the one before it stopped: nothing added.
    expect(lines.map((l) => l.text.replace(/…$/, '')).join('')).toBe(
      japanese.slice(0, lines.map((l) => l.text.replace(/…$/, '')).join('').length),
    )
    expect(lines.every((l) => !l.text.includes(' ') && l.anchor === 'start' && l.direction === undefined)).toBe(true)
    const [rtl] = texts(drawn[1]!.shapes).slice(2)
    expect(rtl).toMatchObject({ text: arabic, anchor: 'end', x: 300 + NODE_WIDTH - 10, direction: 'rtl' })
  })

  it('puts a cited passage’s source at the card’s foot, its title isolated from the paragraph number', () => {
    const cited = {
      highlightId: 'h',
      sourceId: 's',
      sourceTitle: 'مقالة عن التحالف',
      paragraph: 3,
      exact: 'x',
      tag: 'CLAIM' as const,
      anchorStatus: 'EXACT' as const,
      authorName: 'Sam',
    }
    const drawn = drawMap(
      { nodes: [{ ...node('c', 0, 0, 'A quoted passage'), highlightId: 'h' }], relations: [] },
      [cited],
      mono,
    ).nodes[0]!
    const source = texts(drawn.shapes).at(-1)!
    expect(source.text).toBe('\u2068مقالة عن التحالف\u2069 ¶3')
    expect(source.y).toBeGreaterThan(NODE_HEIGHT - 16)
    expect(source.y).toBeLessThan(NODE_HEIGHT)
  })

  it('wraps a long caption to two lines, the user’s words isolated and the last line cut', () => {
    const words = 'في بعض الأحيان فقط وليس دائما عندما تكون الظروف مناسبة'.repeat(2)
    const two: MapState = {
      nodes: [node('a', 0, 0), node('b', 0, 400)],
      relations: [{ id: 'r', fromId: 'b', toId: 'a', kind: 'SUPPORTS', label: words }],
    }
    const relation = drawMap(two, [], mono).relations[0]!
    const lines = texts(relation.shapes)
    expect(lines).toHaveLength(2)
    expect(lines[0]!.text.startsWith('supports: \u2068')).toBe(true)
    expect(lines[1]!.text.endsWith('…')).toBe(true)
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(150)
    expect(relation.caption).toBe(`supports: \u2068${words}\u2069`)
  })

  it('reads top to bottom, then left to right', () => {
    expect(readingOrder(state.nodes).map((n) => n.id)).toEqual(['a', 'n', 'b'])
  })

  it('fills one page with a small map, and never prints map text under 8 pt', () => {
    const two: MapState = {
      nodes: [node('a', 0, 0), node('b', 0, 260)],
      relations: [{ id: 'r', fromId: 'b', toId: 'a', kind: 'SUPPORTS', label: '' }],
    }
    const plan = planMap(drawMap(two, [], mono), 'a4', 'auto')
    expect(plan.tiles).toBeNull()
    expect(plan.scale).toBe(1.5)
    const wide: MapState = { nodes: Array.from({ length: 3 }, (_, i) => node(`w${i}`, i * 280, 0)), relations: [] }
    expect(planMap(drawMap(wide, [], mono), 'a4', 'auto').page.layout).toBe('landscape')
    const tall: MapState = { nodes: Array.from({ length: 4 }, (_, i) => node(`t${i}`, 0, i * 200)), relations: [] }
    expect(planMap(drawMap(tall, [], mono), 'letter', 'auto').page).toMatchObject({
      layout: 'portrait',
      width: 612,
      height: 792,
    })
    expect(planMap(drawMap(tall, [], mono), 'a4', 'landscape').page.layout).toBe('landscape')
  })

  it('continues a large map over overlapping parts at the scale where its smallest text is 8 pt', () => {
    const big: MapState = {
      nodes: Array.from({ length: 60 }, (_, i) => node(`g${i}`, (i % 10) * 280, Math.floor(i / 10) * 200)),
      relations: [],
    }
    const drawing = drawMap(big, [], mono)
    const plan = planMap(drawing, 'a4', 'auto')
    const smallest = Math.min(...drawing.nodes.flatMap((n) => texts(n.shapes).map((t) => t.size)))
    expect(plan.scale * smallest).toBeCloseTo(MIN_TEXT_PT, 6)
    const parts = plan.tiles!.parts
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.length).toBeLessThanOrEqual(plan.tiles!.rows * plan.tiles!.columns)
    // Together the parts cover the whole map, and neighbours overlap.
    const { bounds } = drawing
    expect(Math.min(...parts.map((p) => p.window.x))).toBeLessThanOrEqual(bounds.x)
    expect(Math.max(...parts.map((p) => p.window.x + p.window.width))).toBeGreaterThanOrEqual(
      bounds.x + bounds.width - 1e-6,
    )
    expect(Math.max(...parts.map((p) => p.window.y + p.window.height))).toBeGreaterThanOrEqual(
      bounds.y + bounds.height - 1e-6,
    )
    const [first, second] = parts
    if (plan.tiles!.columns > 1) expect(first!.window.x + first!.window.width).toBeGreaterThan(second!.window.x)
    expect(planMap(drawing, 'a3', 'auto').tiles!.parts.length).toBeLessThan(parts.length)
  })
})

describe('the SVG', () => {
  it('escapes whatever users typed, in text and in the title', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (label, title) => {
        const svg = renderMapSvg(
          drawMap({ nodes: [node('x', 0, 0, label)], relations: [] }, [], mono),
          { title, byline: label },
          mono,
        )
        const markup = svg.replace(/^<\?xml[^>]*>\n/, '')
        // Every element is one of ours; no user text opened a tag or an entity of its own.
        for (const tag of markup.match(/<\/?([a-zA-Z]+)/g) ?? [])
          expect(['svg', 'title', 'desc', 'rect', 'text', 'g', 'path']).toContain(tag.replace(/[</]/g, ''))
        for (const entity of markup.match(/&[^;\s]*;?/g) ?? []) expect(entity).toMatch(/^&#\d+;$/)
      }),
    )
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;')
  })

  it('says so when a map has no nodes', () => {
    const svg = renderMapSvg(
      drawMap({ nodes: [], relations: [] }, [], mono),
      { title: 'Empty', byline: 'Seminar' },
      mono,
    )
    expect(svg).toContain('This map has no nodes yet.')
  })
})
