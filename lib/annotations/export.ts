// Exports the highlights of a source that the asking user may see, as a file to download:
// W3C Web Annotations (JSON-LD) or a CSV spreadsheet.
import { z } from 'zod'
import { slugOf } from '@/lib/file-names'
import { db } from '@/lib/db'
import { Conflict, NotFound } from '@/lib/errors'
import type { Actor } from '@/lib/groups/access'
import { authorizeOnSource } from '@/lib/sources/access'
import { exportHighlightsCsv } from './export-csv'
import { exportHighlightsJsonLd } from './export-jsonld'
import { listSourceHighlights } from './queries'

const ExportRequest = z.object({
  format: z.enum(['jsonld', 'csv'], {
    error: 'Choose an export format: format=jsonld (W3C Web Annotations) or format=csv (spreadsheet).',
  }),
})

/** The media type the Web Annotation Protocol gives annotations. */
const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'

export interface ExportFile {
  body: string
  contentType: string
  filename: string
}

/** `baseUrl`: the app's public origin, for the ids and links in the JSON-LD. */
export async function exportSourceHighlights(
  actor: Actor,
  sourceId: unknown,
  input: unknown,
  baseUrl: string,
): Promise<ExportFile> {
  const { format } = ExportRequest.parse(input)
  const access = await authorizeOnSource(actor, sourceId, 'source:export')
  const { highlights, sourceVersion } = await listSourceHighlights(actor, access.source.id)
  // Read after the highlights, so an edit that re-anchored them meanwhile shows as a newer version:
  // offsets and paragraph numbers are only right against the text they were placed on.
  const source = await db.source.findUnique({
    where: { id: access.source.id },
    select: { id: true, groupId: true, title: true, author: true, url: true, text: true, layout: true, version: true },
  })
  if (!source) throw new NotFound('This source does not exist.')
  if (source.version !== sourceVersion)
    throw new Conflict('The text of this source was just edited. Please export again.')
  const name = `${slugOf(source.title, 'source')}-highlights`
  if (format === 'csv') {
    return {
      body: exportHighlightsCsv(source, highlights),
      contentType: 'text/csv; charset=utf-8',
      filename: `${name}.csv`,
    }
  }
  const document = exportHighlightsJsonLd(source, highlights, baseUrl)
  return { body: JSON.stringify(document, null, 2), contentType: JSON_LD, filename: `${name}.jsonld` }
}
