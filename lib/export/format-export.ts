// Downloads of a map in an exchange format: AIF JSON (AIFdb, OVA), Argdown text, or a Colloquy
// backup to import again. Each holds only what the asking user may see of the map.
import { z } from 'zod'
import type { ExportFile } from '@/lib/annotations/export'
import type { Actor } from '@/lib/groups/access'
import { getMapForEditor } from '@/lib/maps/queries'
import { exportMapAif } from './aif'
import { exportMapArgdown } from './argdown'
import { exportMapBackup } from './backup'
import type { MapSnapshot } from './snapshot'

const FormatRequest = z.object({
  format: z.enum(['aif', 'argdown', 'backup'], {
    error: 'Choose an export format: format=aif (Argument Interchange Format), format=argdown or format=backup (Colloquy backup).',
  }),
})

const JSON_TYPE = 'application/json; charset=utf-8'

/** An ASCII file name from a title: "Is the alliance worth it?" → "is-the-alliance-worth-it". */
function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '')
  return slug || 'argument-map'
}

export async function exportMapFormat(actor: Actor, mapId: unknown, input: unknown, now = new Date()): Promise<ExportFile> {
  const { format } = FormatRequest.parse(input)
  const { map, state, cited } = await getMapForEditor(actor, mapId)
  const snapshot: MapSnapshot = { title: map.title, kind: map.kind, state, cited }
  const name = slugOf(map.title)
  switch (format) {
    case 'aif':
      return { body: JSON.stringify(exportMapAif(snapshot, now), null, 2), contentType: JSON_TYPE, filename: `${name}.json` }
    case 'argdown':
      return { body: exportMapArgdown(snapshot, now), contentType: 'text/plain; charset=utf-8', filename: `${name}.argdown` }
    case 'backup':
      return { body: JSON.stringify(exportMapBackup(snapshot, now), null, 2), contentType: JSON_TYPE, filename: `${name}.colloquy.json` }
  }
}
