// Bulk export for instructors: one PDF per submitted map of a group, in one zip.
import { zipSync } from 'fflate'
import { db } from '@/lib/db'
import { Invalid } from '@/lib/errors'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { authorize } from '@/lib/permissions'
import { exportMap } from './map-export'

/** One PDF after the other, each a job of its own (so one person's zip never takes two job slots). */
export async function exportSubmittedMaps(
  actor: Actor,
  groupId: unknown,
  signal?: AbortSignal,
): Promise<{ body: Uint8Array; filename: string; count: number }> {
  const access = await authorizeInGroup(actor, groupId, 'group:read')
  authorize(access.standing, 'review:read', { archived: access.archived })
  const maps = await db.argumentMap.findMany({
    where: { groupId: access.group.id, kind: 'PERSONAL', status: 'SUBMITTED' },
    orderBy: { title: 'asc' },
    select: { id: true },
  })
  if (maps.length === 0) throw new Invalid('No map of this group is submitted yet.')
  const files: Record<string, Uint8Array> = {}
  for (const map of maps) {
    const file = await exportMap(actor, map.id, { format: 'pdf' }, signal)
    // Two maps may share a title: number the second.
    let name = file.filename
    for (let n = 2; files[name]; n++) name = file.filename.replace(/\.pdf$/, `-${n}.pdf`)
    files[name] = typeof file.body === 'string' ? new TextEncoder().encode(file.body) : new Uint8Array(file.body)
  }
  // PDFs are compressed already: store them.
  return { body: zipSync(files, { level: 0 }), filename: 'submitted-maps.zip', count: maps.length }
}
