'use server'
// Server action for the search box: add the session user, return a Result.
import { headers } from 'next/headers'
import type { z } from 'zod'
import { getCurrentUser } from '@/lib/auth/session'
import { clientAddress } from '@/lib/client-address'
import { attempt, type Result } from '@/lib/errors'
import { searchGroupAsked } from './limited'
import type { SearchResults } from './queries'
import type { SearchInput } from './schema'

export async function searchGroupAction(input: z.input<typeof SearchInput>): Promise<Result<SearchResults>> {
  return attempt(async () => searchGroupAsked(await getCurrentUser(), input, clientAddress(await headers())))
}
