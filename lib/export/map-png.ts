// A map's SVG rasterised to PNG with resvg compiled to WebAssembly (from npm: no browser, no
// native addon for the bundler to trip on), set in the fonts the PDF embeds so the two match:
// resvg shapes each run (Arabic joined) in the font the SVG names for it, and lays out bidi.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { initWasm, Resvg } from '@resvg/resvg-wasm'
import { coversFor, fontBytes } from './font-files'
import { FONT_FACES } from './fonts'
import type { FontFace } from './map-drawing'
import { fontRuns, type FontKey } from './text-runs'

// Read from disk at run time, like the fonts, rather than through the bundler.
const WASM = join(process.cwd(), 'node_modules', '@resvg', 'resvg-wasm', 'index_bg.wasm')

/** Sharp on high-density screens, but no side longer than this many pixels. */
const MAX_SIDE = 8000

let ready: Promise<void> | undefined

function loadResvg(): Promise<void> {
  ready ??= initWasm(readFile(WASM)).catch((error: unknown) => {
    ready = undefined
    throw error
  })
  return ready
}

/** The characters of some SVG markup. */
const textOf = (markup: string) =>
  markup.replace(/<[^>]*>/g, ' ').replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))

/**
 * The fonts the SVG's text needs, base faces first: a CJK font is megabytes to copy into resvg,
 * so only those its text uses, and a bold one only where bold text uses it.
 */
function fontsFor(svg: string): Uint8Array[] {
  const bold = textOf(
    [...svg.matchAll(/<(text|g)\b[^>]*font-weight="bold"[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => m[2]).join(' '),
  )
  const all = textOf(svg)
  const wanted: [FontFace, FontKey][] = FONT_FACES.map((face) => [face, 'base'])
  for (const face of ['sans', 'serif'] as const)
    for (const run of fontRuns(all, coversFor(face))) wanted.push([face, run.font])
  for (const run of fontRuns(bold, coversFor('sansBold'))) wanted.push(['sansBold', run.font])
  return [...new Set(wanted.map(([face, key]) => fontBytes(face, key)))]
}

export async function renderMapPng(svg: string): Promise<Buffer> {
  await loadResvg()
  const size = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg)
  const longest = size ? Math.max(Number(size[1]), Number(size[2])) : MAX_SIDE / 2
  const image = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: Math.min(2, MAX_SIDE / longest) },
    font: {
      fontBuffers: fontsFor(svg),
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
      serifFamily: 'DejaVu Serif',
      loadSystemFonts: false,
    },
    background: '#ffffff',
  })
  // WebAssembly memory is not garbage-collected: free what resvg made.
  try {
    const rendered = image.render()
    try {
      return Buffer.from(rendered.asPng())
    } finally {
      rendered.free()
    }
  } finally {
    image.free()
  }
}
