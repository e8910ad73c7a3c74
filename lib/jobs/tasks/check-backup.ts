// A map backup read and checked against its schema (every node, relation, label and citation, and
// that relations connect nodes of the backup): for the largest backups, the slowest part of an
// import that does not touch the database.
import { z } from 'zod'
import { toFailure, Invalid } from '@/lib/errors'
import { MapBackup } from '@/lib/export/backup-schema'

/** Wrapped as the import's input has it, so refusals name the same fields (backup.nodes.3.label). */
const Checked = z.object({ backup: MapBackup })

export default async function checkBackup(input: { backup: unknown }): Promise<{ backup: MapBackup }> {
  const parsed = Checked.safeParse(input)
  if (parsed.success) return parsed.data
  // Refusals cross the thread as data: an Invalid with the same fields a direct parse would give.
  const failure = toFailure(parsed.error)
  throw new Invalid(failure.error, failure.fieldErrors)
}
