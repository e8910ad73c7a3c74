'use client'
// The group's search box: a plain form that opens the results page, and as the person types, the
// best few results right under it (a combobox: arrows move, Enter opens, Escape closes). A search
// the app refuses (too many at once, a query it cannot search) is said so under the box.
import { useRouter } from 'next/navigation'
import { useEffect, useId, useRef, useState } from 'react'
import { searchGroupAction } from '@/lib/search/actions'
import type { SearchResult } from '@/lib/search/queries'
import { Excerpt } from './excerpt'
import { KIND_LABEL } from './result-list'

const SUGGESTIONS = 6
const DEBOUNCE_MS = 250

export function SearchBox({
  groupId,
  initialQuery = '',
  className = '',
}: {
  groupId: string
  initialQuery?: string
  className?: string
}) {
  const router = useRouter()
  const listId = useId()
  const [query, setQuery] = useState(initialQuery)
  const [results, setResults] = useState<SearchResult[]>([])
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const [refusal, setRefusal] = useState('')
  const latest = useRef(0)

  useEffect(() => {
    const q = query.trim()
    if (!q) return
    const ticket = ++latest.current
    const timer = setTimeout(async () => {
      const result = await searchGroupAction({ groupId, q })
      // An answer to an older query than the box now holds is dropped.
      if (ticket !== latest.current) return
      setResults(result.ok ? result.data.results.slice(0, SUGGESTIONS) : [])
      setRefusal(result.ok ? '' : result.error)
      setActive(-1)
    }, DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [query, groupId])

  const shown = open && query.trim() !== '' && results.length > 0
  const refused = query.trim() !== '' && refusal !== ''
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && results.length > 0) {
      event.preventDefault()
      setOpen(true)
      setActive((i) => (i + 1) % results.length)
    } else if (event.key === 'ArrowUp' && results.length > 0) {
      event.preventDefault()
      setActive((i) => (i <= 0 ? results.length - 1 : i - 1))
    } else if (event.key === 'Escape') {
      setOpen(false)
      setActive(-1)
    } else if (event.key === 'Enter' && shown && active >= 0) {
      event.preventDefault()
      router.push(results[active]!.href)
    }
  }

  return (
    <form
      role="search"
      action={`/groups/${groupId}/search`}
      className={`relative flex gap-2 ${className}`}
      onSubmit={() => setOpen(false)}
    >
      <input
        type="search"
        name="q"
        value={query}
        maxLength={200}
        autoComplete="off"
        aria-label="Search this group"
        placeholder="Search sources, highlights, notes, maps…"
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        onChange={(event) => {
          setQuery(event.target.value)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        className="w-full min-w-0 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm"
      />
      <button
        type="submit"
        className="rounded-md bg-white px-3 py-2 text-sm font-medium ring-1 ring-stone-300 hover:bg-stone-100"
      >
        Search
      </button>
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!shown}
        className="absolute top-full left-0 z-30 mt-1 w-full max-w-2xl rounded-md border border-stone-200 bg-white py-1 shadow-lg"
      >
        {results.map((result, i) => (
          <li
            key={`${result.kind}:${result.id}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(event) => {
              event.preventDefault()
              router.push(result.href)
            }}
            className={`flex cursor-pointer flex-col gap-0.5 px-3 py-2 text-sm ${i === active ? 'bg-indigo-50' : 'hover:bg-stone-50'}`}
          >
            <span className="text-xs text-stone-500">
              {KIND_LABEL[result.kind]} · <Excerpt segments={result.title} /> · {result.meta}
            </span>
            <Excerpt segments={result.excerpt} className="line-clamp-2 font-serif text-stone-800" />
          </li>
        ))}
      </ul>
      {/* Always there, so a screen reader hears a refusal as it comes. */}
      <p
        role="status"
        className={
          refused
            ? 'absolute top-full left-0 z-30 mt-1 w-full max-w-2xl rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 shadow'
            : 'sr-only'
        }
      >
        {refused ? refusal : ''}
      </p>
    </form>
  )
}
