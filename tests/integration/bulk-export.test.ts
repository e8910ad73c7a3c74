import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { exportSubmittedMaps } from '@/lib/export/bulk-export'
import { createMap, submitMap } from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import { newId } from '@/lib/ids'
import { refusal, seminar } from './fixtures'

describe('bulk export of submitted maps', () => {
  it('gives the instructor one PDF per submitted map, zipped, and leaves drafts out', async () => {
    const s = await seminar()
    for (const [who, title] of [
      [s.sam, 'Sam on alliances'],
      [s.ann, 'Ann on alliances'],
      [s.ann, 'Ann draft'],
    ] as const) {
      const { id } = await createMap(who, { groupId: s.groupId, title, kind: 'PERSONAL' })
      await applyMapOperation(who, {
        mapId: id,
        op: { type: 'node.add', node: { id: newId(), kind: 'NOTE', label: `${title} note`, x: 0, y: 0 } },
      })
      if (title !== 'Ann draft') await submitMap(who, { mapId: id })
    }
    const zip = await exportSubmittedMaps(s.iris, s.groupId)
    const files = unzipSync(zip.body)
    expect(zip.count).toBe(2)
    expect(Object.keys(files).sort()).toEqual(['ann-on-alliances-map.pdf', 'sam-on-alliances-map.pdf'])
    for (const bytes of Object.values(files)) expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
  })

  it('refuses students and outsiders, and says so when nothing is submitted', async () => {
    const s = await seminar()
    expect((await refusal(exportSubmittedMaps(s.sam, s.groupId))).status).toBe(403)
    expect((await refusal(exportSubmittedMaps(s.olga, s.groupId))).status).toBe(404)
    expect(await refusal(exportSubmittedMaps(s.iris, s.groupId))).toMatchObject({
      status: 400,
      error: 'No map of this group is submitted yet.',
    })
  })
})
