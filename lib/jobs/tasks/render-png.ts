// A map's SVG to PNG: resvg's rasteriser is the slowest step of any export (seconds for a large map).
import { renderMapPng } from '@/lib/export/map-png'

export default async function renderPng(svg: string): Promise<Uint8Array> {
  return new Uint8Array(await renderMapPng(svg))
}
