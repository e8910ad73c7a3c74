// A search as a person asks for it, from the search page or the box: counted against the
// per-account and per-address limits of lib/rate-limits.ts before it touches the group.
import 'server-only'
import type { Actor } from '@/lib/groups/access'
import { checkRateLimit } from '@/lib/rate-limits'
import { searchGroup, type SearchResults } from './queries'

export async function searchGroupAsked(actor: Actor, input: unknown, address: string): Promise<SearchResults> {
  if (actor) await checkRateLimit('search', { account: actor.id, address })
  return searchGroup(actor, input)
}
