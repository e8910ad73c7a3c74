// A map drawn as SVG, and rasterised to PNG when asked: measuring and wrapping every label (a
// 2,000-node map has thousands) and resvg's rasteriser are the slowest steps of any export.
import type { CitedPassage } from '@/lib/maps/queries'
import type { MapState } from '@/lib/maps/reducer'
import { newMeasurer } from '@/lib/export/fonts'
import { drawMap } from '@/lib/export/map-drawing'
import { renderMapPng } from '@/lib/export/map-png'
import { renderMapSvg, type MapHeading } from '@/lib/export/map-svg'

export interface PictureInput {
  format: 'svg' | 'png'
  state: MapState
  cited: CitedPassage[]
  heading: MapHeading
}

export default async function renderMapPicture({
  format,
  state,
  cited,
  heading,
}: PictureInput): Promise<string | Uint8Array> {
  const measure = newMeasurer()
  const svg = renderMapSvg(drawMap(state, cited, measure), heading, measure)
  return format === 'svg' ? svg : new Uint8Array(await renderMapPng(svg))
}
