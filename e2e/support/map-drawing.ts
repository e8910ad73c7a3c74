// Reading a drawn map back, from the live canvas and from the exported SVG, and the assertions the
// drawing must pass wherever it is drawn: every line from the source's border (on the side facing
// the target) to the target's border, the arrowhead there pointing into the target, no caption on a
// node, no node on another.
import { expect, type Page } from '@playwright/test'
import type { Box, Point } from '../../lib/maps/boxes'

export interface DrawnRelation {
  from: string
  to: string
  start: Point
  end: Point
  tip: Point
  /** The middle of the arrowhead's back. */
  back: Point
  label: Box | null
}

export interface DrawnMap {
  nodes: { key: string; box: Box }[]
  relations: DrawnRelation[]
}

type Drawing = 'canvas' | 'svg'

/**
 * Runs in the page, so it may use nothing of this module: the map as drawn, from the live canvas
 * (in map coordinates) or from an exported SVG (in drawing coordinates).
 */
function readDrawing(from: Drawing): DrawnMap {
  // An arrowhead is drawn "M back-left L tip L back-right".
  const relation = (source: string, target: string, line: SVGPathElement, arrow: SVGPathElement, label: Box | null) => {
    const n = (arrow.getAttribute('d')!.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number)
    const start = line.getPointAtLength(0)
    const end = line.getPointAtLength(line.getTotalLength())
    return {
      from: source,
      to: target,
      start: { x: start.x, y: start.y },
      end: { x: end.x, y: end.y },
      tip: { x: n[2]!, y: n[3]! },
      back: { x: (n[0]! + n[4]!) / 2, y: (n[1]! + n[5]!) / 2 },
      label,
    }
  }
  if (from === 'svg') {
    const bbox = (p: SVGGraphicsElement) => {
      const b = p.getBBox()
      return { x: b.x, y: b.y, width: b.width, height: b.height }
    }
    return {
      nodes: [...document.querySelectorAll<SVGGElement>('g.node')].map((g) => ({
        key: g.dataset.node!,
        box: bbox(g.querySelector('path')!),
      })),
      relations: [...document.querySelectorAll<SVGGElement>('g.relation')].map((g) => {
        const [line, arrow, label] = [...g.querySelectorAll<SVGPathElement>('path')]
        return relation(g.dataset.from!, g.dataset.to!, line!, arrow!, label ? bbox(label) : null)
      }),
    }
  }
  const flow = document.querySelector('.react-flow')!.getBoundingClientRect()
  const m = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform)
  const toMap = (r: DOMRect) => ({
    x: (r.left - flow.left - m.e) / m.a,
    y: (r.top - flow.top - m.f) / m.a,
    width: r.width / m.a,
    height: r.height / m.a,
  })
  return {
    nodes: [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => ({
      key: el.dataset.id!,
      box: toMap(el.getBoundingClientRect()),
    })),
    relations: [...document.querySelectorAll<SVGGElement>('.react-flow__edge')].map((g) => {
      const line = g.querySelector<SVGPathElement>('path.react-flow__edge-path')!
      const arrow = g.querySelector<SVGPathElement>('path.relation-arrow')!
      const label = document.querySelector(`[data-relation-label="${g.dataset.id}"]`)
      return relation(
        arrow.dataset.from!,
        arrow.dataset.to!,
        line,
        arrow,
        label ? toMap(label.getBoundingClientRect()) : null,
      )
    }),
  }
}

/** The map as the browser drew it on the canvas, in map coordinates. */
export function readCanvas(page: Page): Promise<DrawnMap> {
  return page.evaluate<DrawnMap, Drawing>(readDrawing, 'canvas')
}

/** The exported SVG opened in `page` (a page of its own) and read back, in drawing coordinates. */
export async function readSvg(page: Page, svg: string): Promise<DrawnMap> {
  const url = 'http://localhost/__exported-map.svg'
  await page.route(url, (route) => route.fulfill({ contentType: 'image/svg+xml', body: svg }))
  await page.goto(url)
  return page.evaluate<DrawnMap, Drawing>(readDrawing, 'svg')
}

type Side = 'top' | 'bottom' | 'left' | 'right'
const INWARD: Record<Side, Point> = {
  top: { x: 0, y: 1 },
  bottom: { x: 0, y: -1 },
  left: { x: 1, y: 0 },
  right: { x: -1, y: 0 },
}

/** The side of `b` that `p` lies on, within `tolerance`, or null. */
export function sideOf(b: Box, p: Point, tolerance: number): Side | null {
  const near = (v: number, w: number) => Math.abs(v - w) <= tolerance
  const within = (v: number, lo: number, hi: number) => v >= lo - tolerance && v <= hi + tolerance
  if (near(p.y, b.y) && within(p.x, b.x, b.x + b.width)) return 'top'
  if (near(p.y, b.y + b.height) && within(p.x, b.x, b.x + b.width)) return 'bottom'
  if (near(p.x, b.x) && within(p.y, b.y, b.y + b.height)) return 'left'
  if (near(p.x, b.x + b.width) && within(p.y, b.y, b.y + b.height)) return 'right'
  return null
}

/** Whether `other` lies beyond `side` of `b` (so that side faces it). */
function faces(b: Box, side: Side, other: Box): boolean {
  if (side === 'top') return other.y < b.y
  if (side === 'bottom') return other.y + other.height > b.y + b.height
  if (side === 'left') return other.x < b.x
  return other.x + other.width > b.x + b.width
}

export const overlap = (a: Box, b: Box, by = 0) =>
  a.x + by < b.x + b.width && b.x + by < a.x + a.width && a.y + by < b.y + b.height && b.y + by < a.y + a.height

/** No two node boxes share area (`tolerance` forgives rounding). */
export function expectNoOverlappingNodes(map: DrawnMap, tolerance: number) {
  const sorted = [...map.nodes].sort((a, b) => a.box.x - b.box.x)
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j]!.box.x < sorted[i]!.box.x + sorted[i]!.box.width; j++) {
      expect(
        overlap(sorted[i]!.box, sorted[j]!.box, tolerance),
        `nodes ${sorted[i]!.key} and ${sorted[j]!.key} overlap`,
      ).toBe(false)
    }
  }
}

/**
 * Every relation of `truth` drawn once (or, `partial`, every relation drawn is one of `truth`,
 * pointing its way), from its source's facing border to its target's border, with the arrowhead
 * there pointing in, and every caption clear of every node; no node on another.
 */
export function expectDrawnRight(
  map: DrawnMap,
  truth: readonly { fromId: string; toId: string }[],
  tolerance: number,
  partial = false,
) {
  const boxes = new Map(map.nodes.map((n) => [n.key, n.box]))
  const wanted = new Set(truth.map((r) => `${r.fromId}>${r.toId}`))
  const drawn = new Map(map.relations.map((r) => [`${r.from}>${r.to}`, r]))
  if (partial)
    for (const key of drawn.keys())
      expect(wanted.has(key), `the drawn relation ${key} is one of the map's, pointing its way`).toBe(true)
  else {
    expect(map.relations).toHaveLength(truth.length)
    for (const key of wanted)
      expect(drawn.has(key), `relation ${key} is drawn, pointing from its source to its target`).toBe(true)
  }
  for (const r of drawn.values()) {
    const name = `${r.from} → ${r.to}`
    const [from, to] = [boxes.get(r.from)!, boxes.get(r.to)!]
    const startSide = sideOf(from, r.start, tolerance)
    const endSide = sideOf(to, r.end, tolerance)
    expect(startSide, `${name} starts on its source's border`).not.toBeNull()
    expect(endSide, `${name} ends on its target's border`).not.toBeNull()
    expect(faces(from, startSide!, to), `${name} leaves the side of its source that faces the target`).toBe(true)
    expect(faces(to, endSide!, from), `${name} enters the side of its target that faces the source`).toBe(true)
    expect(
      Math.hypot(r.tip.x - r.end.x, r.tip.y - r.end.y),
      `${name}: the arrowhead's tip is where the line ends`,
    ).toBeLessThanOrEqual(tolerance)
    const inward = INWARD[endSide!]
    expect(
      (r.tip.x - r.back.x) * inward.x + (r.tip.y - r.back.y) * inward.y,
      `${name}: the arrowhead points into the target`,
    ).toBeGreaterThan(0)
    // One assertion per caption naming every node under it (one per node and caption is 350,000 on a 500-node map).
    const label = r.label
    if (label)
      expect(
        map.nodes.filter((n) => overlap(label, n.box, tolerance)).map((n) => n.key),
        `${name}: its caption is clear of every node`,
      ).toEqual([])
  }
  expectNoOverlappingNodes(map, tolerance)
}
