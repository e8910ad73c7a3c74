import { headers } from 'next/headers'
import { ResultList } from '@/components/search/result-list'
import { SearchBox } from '@/components/search/search-box'
import { Alert } from '@/components/ui/alert'
import { clientAddress } from '@/lib/client-address'
import { toFailure } from '@/lib/errors'
import { authorizeInGroup } from '@/lib/groups/access'
import { loadOrRespond, openPage, type PageProps } from '@/lib/page-errors'
import { searchGroupAsked } from '@/lib/search/limited'
import type { SearchResults } from '@/lib/search/queries'
import { Breadcrumb } from '@/components/ui/breadcrumb'

export default async function SearchPage({ params, searchParams }: PageProps<{ groupId: string }>) {
  const { groupId } = await params
  const { q } = await searchParams
  const query = typeof q === 'string' ? q : ''
  const path = `/groups/${groupId}/search${query ? `?q=${encodeURIComponent(query)}` : ''}`
  const [user, { group }] = await openPage(path, (user) => authorizeInGroup(user, groupId, 'group:read'))
  const outcome = query.trim()
    ? await loadOrRespond(async (): Promise<SearchResults | { error: string }> => {
        try {
          return await searchGroupAsked(user, { groupId, q: query }, clientAddress(await headers()))
        } catch (error) {
          // A query that cannot be searched (too long, control characters, too slow, too many) is said so beside the box.
          const failure = toFailure(error)
          if (failure.status === 400 || failure.status === 422 || failure.status === 429)
            return { error: failure.error }
          throw error
        }
      }, path)
    : null

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-8">
      <Breadcrumb trail={[{ href: `/groups/${group.id}`, label: group.name }]} />
      <h1 className="text-2xl font-semibold">Search</h1>
      <SearchBox groupId={group.id} initialQuery={query} />
      {outcome && 'error' in outcome && <Alert>{outcome.error}</Alert>}
      {outcome && 'results' in outcome && (
        <section aria-live="polite" className="flex flex-col gap-2">
          <p className="text-sm text-stone-600">
            {outcome.results.length === 0
              ? `Nothing in this group matches “${outcome.query}”.`
              : `${outcome.results.length} result${outcome.results.length === 1 ? '' : 's'} for “${outcome.query}”, best first.`}
          </p>
          <ResultList results={outcome.results} />
        </section>
      )}
    </div>
  )
}
