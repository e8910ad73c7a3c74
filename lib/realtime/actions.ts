'use server'
// Who is reading a source now.
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import { listReaders } from './presence'

export async function listReadersAction(input: unknown): Promise<Result<{ id: string; name: string }[]>> {
  return attempt(async () => listReaders(await getCurrentUser(), (input as { sourceId?: unknown } | null)?.sourceId))
}
