'use server'
// Who is reading a source now.
import type { z } from 'zod'
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import { SourceRef } from '@/lib/sources/schema'
import { listReaders } from './presence'

export async function listReadersAction(
  input: z.input<typeof SourceRef>,
): Promise<Result<{ id: string; name: string }[]>> {
  return attempt(async () => listReaders(await getCurrentUser(), SourceRef.parse(input).sourceId))
}
