// A map as the PDF handout: the drawing, set in the embedded fonts, and the evidence appendix.
import type { CitedPassage } from '@/lib/maps/queries'
import type { MapState } from '@/lib/maps/reducer'
import { drawMap } from '@/lib/export/map-drawing'
import { renderMapPdf, type MapPdfContent, type Orientation, type Paper } from '@/lib/export/map-pdf'

export interface PdfInput {
  content: MapPdfContent
  state: MapState
  cited: CitedPassage[]
  paper: Paper
  orientation: Orientation
}

export default async function renderPdf({ content, state, cited, paper, orientation }: PdfInput): Promise<Uint8Array> {
  return new Uint8Array(await renderMapPdf(content, (measure) => drawMap(state, cited, measure), paper, orientation))
}
