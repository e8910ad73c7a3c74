// The results of a search in a group: what each is, where it is, and the excerpt that matched.
import Link from 'next/link'
import type { SearchResult } from '@/lib/search/queries'
import { Excerpt } from './excerpt'

export const KIND_LABEL: Record<SearchResult['kind'], string> = {
  source: 'Source',
  highlight: 'Highlight',
  reply: 'Reply',
  node: 'Map node',
}

export function ResultList({ results }: { results: SearchResult[] }) {
  return (
    <ol aria-label="Search results" className="flex flex-col divide-y divide-stone-200">
      {results.map((result) => (
        <li key={`${result.kind}:${result.id}`} className="py-4">
          <Link
            href={result.href}
            className="group flex flex-col gap-1 rounded-md focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <span className="flex flex-wrap items-baseline gap-x-2 text-sm">
              <span className="rounded bg-stone-100 px-1.5 py-0.5 text-xs font-medium text-stone-700">
                {KIND_LABEL[result.kind]}
              </span>
              <Excerpt
                segments={result.title}
                className="font-serif font-medium text-indigo-800 group-hover:underline"
              />
              <span className="text-stone-500">{result.meta}</span>
            </span>
            <Excerpt segments={result.excerpt} className="font-serif text-stone-800" />
            {result.note && (
              <Excerpt segments={result.note} className="border-s-2 border-stone-300 ps-2 text-sm text-stone-600" />
            )}
          </Link>
        </li>
      ))}
    </ol>
  )
}
