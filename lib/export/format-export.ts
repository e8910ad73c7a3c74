// Downloads of a map in an exchange format: AIF JSON (AIFdb, OVA), Argdown text, or a Colloquy
// backup to import again. Each holds only what the asking user may see of the map.
import { slugOf } from '@/lib/file-names'
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
    error:
      'Choose an export format: format=aif (Argument Interchange Format), format=argdown or format=backup (Colloquy backup).',
  }),
})

const JSON_TYPE = 'application/json; charset=utf-8'

export async function exportMapFormat(
  actor: Actor,
  mapId: unknown,
  input: unknown,
  now = new Date(),
): Promise<ExportFile> {
  const { format } = FormatRequest.parse(input)
  const { map, state, cited } = await getMapForEditor(actor, mapId)
  const snapshot: MapSnapshot = { title: map.title, kind: map.kind, state, cited }
  const name = slugOf(map.title, 'argument-map')
  switch (format) {
    case 'aif':
      return {
        body: JSON.stringify(exportMapAif(snapshot, now), null, 2),
        contentType: JSON_TYPE,
        filename: `${name}.json`,
      }
    case 'argdown':
      return {
        body: exportMapArgdown(snapshot, now),
        contentType: 'text/plain; charset=utf-8',
        filename: `${name}.argdown`,
      }
    case 'backup':
      return {
        body: JSON.stringify(exportMapBackup(snapshot, now), null, 2),
        contentType: JSON_TYPE,
        filename: `${name}.colloquy.json`,
      }
  }
}
