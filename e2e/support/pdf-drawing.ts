// The map read back out of an exported PDF: each page's content stream is inflated and its path
// operators replayed (with the transformation matrix), so node boxes, relation lines, arrowheads
// and caption boxes come out in page points; poppler's pdftotext -bbox says where each node's
// "#n" is printed, which names the boxes. Only the drawing operators pdfkit writes are understood.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import { boundsOf, type Box, type Point } from '../../lib/maps/boxes'
import { sideOf, type DrawnMap } from './map-drawing'

interface Painted {
  points: Point[]
  /** The same points as written, before the page's transformation: the drawing's own coordinates. */
  raw: Point[]
  fill: string | null
  stroke: string | null
}

type Matrix = [number, number, number, number, number, number]
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
]

const hex = (r: number, g: number, b: number) =>
  `#${[r, g, b]
    .map((v) =>
      Math.round(v * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`

/** The content streams of every page, in page order, inflated, with the page's height. */
function pageStreams(pdf: Buffer): { height: number; content: string }[] {
  const text = pdf.toString('latin1')
  const objects = new Map<number, { dict: string; stream: Buffer | null }>()
  for (const match of text.matchAll(/(\d+) 0 obj\s*/g)) {
    const start = match.index! + match[0].length
    const end = text.indexOf('endobj', start)
    const body = text.slice(start, end)
    const at = body.indexOf('stream')
    let stream: Buffer | null = null
    if (at >= 0 && body.startsWith('<<')) {
      const length = Number(/\/Length (\d+)/.exec(body)![1])
      const from = start + at + 'stream'.length + (text[start + at + 6] === '\r' ? 2 : 1)
      stream = pdf.subarray(from, from + length)
    }
    objects.set(Number(match[1]), { dict: at >= 0 ? body.slice(0, at) : body, stream })
  }
  const root = [...objects.values()].find((o) => /\/Type \/Pages/.test(o.dict) && !/\/Parent/.test(o.dict))!
  const kids = [...root.dict.match(/\/Kids \[([^\]]*)\]/)![1]!.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]))
  return kids.map((id) => {
    const page = objects.get(id)!.dict
    const box = /\/MediaBox \[([^\]]*)\]/.exec(page)![1]!.trim().split(/\s+/).map(Number)
    const contents = objects.get(Number(/\/Contents (\d+) 0 R/.exec(page)![1]))!
    const raw = /\/FlateDecode/.test(contents.dict) ? inflateSync(contents.stream!) : contents.stream!
    return { height: box[3]! - box[1]!, content: raw.toString('latin1') }
  })
}

/** Where a path operator's end point stands among its operands: a curve's is its last pair. */
const END_POINT: Record<string, number> = { m: 0, l: 0, c: 4, v: 2, y: 2 }

/** Every painted path of a content stream, its points in page coordinates (y down). */
function paintedPaths(content: string, height: number): Painted[] {
  const tokens =
    content.match(
      /<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)|\/[^\s/[\]()<>]+|\[|\]|[+-]?(?:\d+\.?\d*|\.\d+)|[A-Za-z*'"]+/g,
    ) ?? []
  let ctm: Matrix = [1, 0, 0, 1, 0, 0]
  const stack: Matrix[] = []
  let fill: string | null = '#000000'
  let stroke: string | null = '#000000'
  let path: Point[] = []
  let raw: Point[] = []
  const operands: number[] = []
  const painted: Painted[] = []
  const place = (x: number, y: number): Point => {
    raw.push({ x, y })
    const px = ctm[0] * x + ctm[2] * y + ctm[4]
    const py = ctm[1] * x + ctm[3] * y + ctm[5]
    return { x: px, y: height - py }
  }
  const paint = (withFill: boolean, withStroke: boolean) => {
    painted.push({ points: path, raw, fill: withFill ? fill : null, stroke: withStroke ? stroke : null })
    path = []
    raw = []
  }
  for (const token of tokens) {
    if (/^[+-]?(?:\d|\.\d)/.test(token)) {
      operands.push(Number(token))
      continue
    }
    const o = operands.splice(0)
    switch (token) {
      case 'q':
        stack.push(ctm)
        break
      case 'Q':
        ctm = stack.pop() ?? ctm
        break
      case 'cm':
        ctm = multiply(o as Matrix, ctm)
        break
      case 'rg':
      case 'scn':
        if (o.length === 3) fill = hex(o[0]!, o[1]!, o[2]!)
        break
      case 'RG':
      case 'SCN':
        if (o.length === 3) stroke = hex(o[0]!, o[1]!, o[2]!)
        break
      case 'm':
      case 'l':
      case 'c':
      case 'v':
      case 'y': {
        const at = END_POINT[token]!
        path.push(place(o[at]!, o[at + 1]!))
        break
      }
      case 're':
        path.push(
          place(o[0]!, o[1]!),
          place(o[0]! + o[2]!, o[1]!),
          place(o[0]! + o[2]!, o[1]! + o[3]!),
          place(o[0]!, o[1]! + o[3]!),
        )
        break
      case 'f':
      case 'F':
      case 'f*':
        paint(true, false)
        break
      case 'S':
      case 's':
        paint(false, true)
        break
      case 'B':
      case 'B*':
      case 'b':
      case 'b*':
        paint(true, true)
        break
      case 'n':
        path = []
        raw = []
        break
    }
  }
  return painted
}

/** Where poppler finds each "#n" word on each page (y down, in points). */
function numberWords(pdf: Buffer): Map<number, { n: number; at: Point }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'map-pdf-'))
  try {
    writeFileSync(join(dir, 'map.pdf'), pdf)
    const html = execFileSync('pdftotext', ['-bbox', join(dir, 'map.pdf'), '-'], {
      maxBuffer: 256 * 1024 * 1024,
    }).toString('utf8')
    const pages = new Map<number, { n: number; at: Point }[]>()
    html
      .split(/<page /)
      .slice(1)
      .forEach((page, i) => {
        const words = [
          ...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">#(\d+)<\/word>/g),
        ]
        pages.set(
          i,
          words.map((w) => ({
            n: Number(w[5]),
            at: { x: (Number(w[1]) + Number(w[3])) / 2, y: (Number(w[2]) + Number(w[4])) / 2 },
          })),
        )
      })
    return pages
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export interface PdfColours {
  nodeFills: string[]
  nodeStrokes: string[]
  relationStrokes: string[]
}

/**
 * Each page's map drawing, its nodes keyed "#n" by the number printed in them and its relations
 * keyed by the nodes whose borders their two ends lie on (within `tolerance` points). `nodes` says
 * where the map has each node (its number and top-left corner): a box is named by the node drawn
 * there, which must agree with the number printed in it, if the page's edge did not cut it off.
 */
export function readPdf(
  pdf: Buffer,
  colours: PdfColours,
  tolerance: number,
  nodes: { key: string; x: number; y: number; width: number }[],
): DrawnMap[] {
  const words = numberWords(pdf)
  return pageStreams(pdf).map(({ height, content }, page) => {
    const paths = paintedPaths(content, height)
    const boxes: { box: Box; at: Point }[] = []
    const relations: DrawnMap['relations'] = []
    paths.forEach((p, i) => {
      const [next, after] = [paths[i + 1], paths[i + 2]]
      // A node: its coloured card, the white body, then its border, with a card's proportions (not the legend's swatch).
      if (
        p.fill &&
        colours.nodeFills.includes(p.fill) &&
        !p.stroke &&
        next?.fill === '#ffffff' &&
        after?.stroke &&
        colours.nodeStrokes.includes(after.stroke)
      ) {
        const box = boundsOf(p.points)
        if (box.width / box.height > 1.8 && box.width / box.height < 1.95) boxes.push({ box, at: boundsOf(p.raw) })
      }
      // A relation: its line, its arrowhead in the same colour, then the white box under its caption.
      if (
        !p.fill &&
        p.stroke &&
        colours.relationStrokes.includes(p.stroke) &&
        next &&
        (next.stroke === p.stroke || next.fill === p.stroke) &&
        next.points.length >= 3 &&
        after?.fill === '#ffffff' &&
        !after.stroke
      ) {
        const [left, tip, right] = next.points
        relations.push({
          from: '',
          to: '',
          start: p.points[0]!,
          end: p.points.at(-1)!,
          tip: tip!,
          back: { x: (left!.x + right!.x) / 2, y: (left!.y + right!.y) / 2 },
          label: boundsOf(after.points),
        })
      }
    })
    const named = boxes.map(({ box, at }) => {
      // The node the map has where this box is drawn (in the drawing's own coordinates), and the number printed in it.
      const placed = nodes.find((n) => Math.abs(n.x - at.x) < 0.5 && Math.abs(n.y - at.y) < 0.5)?.key
      const word = (words.get(page) ?? []).find(
        (w) => w.at.x > box.x && w.at.x < box.x + box.width && w.at.y > box.y && w.at.y < box.y + box.height,
      )
      const printed = word ? `#${word.n}` : undefined
      // A number cut by the page's edge is missing or shows its first digits only; one that contradicts the place is an error.
      const agrees = !printed || !placed || placed.startsWith(printed)
      return { key: agrees ? (placed ?? printed ?? '?') : `${printed}≠${placed}`, box }
    })
    const on = (p: Point) => named.find((n) => sideOf(n.box, p, tolerance))?.key ?? '?'
    return { nodes: named, relations: relations.map((r) => ({ ...r, from: on(r.start), to: on(r.end) })) }
  })
}
