// A map's SVG rasterised to PNG with resvg compiled to WebAssembly (from npm: no browser, no
// native addon for the bundler to trip on), set in the fonts the PDF embeds so the two match.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { initWasm, Resvg } from '@resvg/resvg-wasm'
import { fontFiles } from './fonts'

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

export async function renderMapPng(svg: string): Promise<Buffer> {
  await loadResvg()
  const size = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg)
  const longest = size ? Math.max(Number(size[1]), Number(size[2])) : MAX_SIDE / 2
  const faces = fontFiles()
  const image = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: Math.min(2, MAX_SIDE / longest) },
    font: { fontBuffers: [faces.sans, faces.sansBold, faces.serif], defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans', serifFamily: 'DejaVu Serif' },
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
