'use server'
// Server action for the search box: add the session user, return a Result.
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import { searchGroup, type SearchResults } from './queries'

export async function searchGroupAction(input: unknown): Promise<Result<SearchResults>> {
  return attempt(async () => searchGroup(await getCurrentUser(), input))
}
