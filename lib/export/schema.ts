// Inputs of the map download route (PDF, SVG, PNG).
import { z } from 'zod'

export const MapExportRequest = z.object({
  format: z.enum(['pdf', 'svg', 'png'], { error: 'Choose a file format: pdf, svg or png.' }).default('pdf'),
  paper: z.enum(['a4', 'letter', 'a3'], { error: 'Choose the paper size: a4, letter or a3.' }).default('a4'),
  orientation: z
    .enum(['auto', 'portrait', 'landscape'], { error: 'Choose the orientation: auto, portrait or landscape.' })
    .default('auto'),
})
export type MapExportRequest = z.infer<typeof MapExportRequest>
