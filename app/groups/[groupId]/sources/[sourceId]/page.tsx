import Link from 'next/link'
import { SourceText } from '@/components/sources/source-text'
import { requirePageUser } from '@/lib/auth/session'
import { loadOrRespond } from '@/lib/page-errors'
import { getSourceForReader } from '@/lib/sources/queries'

export default async function SourcePage({ params }: { params: Promise<{ groupId: string; sourceId: string }> }) {
  const { groupId, sourceId } = await params
  const path = `/groups/${groupId}/sources/${sourceId}`
  const user = await requirePageUser(path)
  const { group, source, blocks } = await loadOrRespond(() => getSourceForReader(user, groupId, sourceId), path)
  const paragraphs = blocks.filter((block) => block.number !== null).length

  return (
    <article className="mx-auto max-w-3xl px-4 py-10">
      <nav aria-label="Breadcrumb" className="mb-6 text-sm">
        <Link href={`/groups/${group.id}`} className="text-indigo-700 hover:underline">
          {group.name}
        </Link>
      </nav>
      <header className="mb-8 border-b border-stone-200 pb-6">
        <h1 className="font-serif text-3xl font-semibold leading-tight">{source.title}</h1>
        <p className="mt-2 text-stone-600">
          {[source.author ?? 'Author unknown', source.year].filter(Boolean).join(', ')}
          {source.url && (
            <>
              {' · '}
              <a href={source.url} rel="noopener noreferrer nofollow" target="_blank" className="text-indigo-700 underline">
                Original
              </a>
            </>
          )}
        </p>
        <p className="mt-1 text-xs text-stone-500">{paragraphs} paragraphs</p>
      </header>
      <SourceText blocks={blocks} />
    </article>
  )
}
