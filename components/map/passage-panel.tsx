'use client'
// The passages of the group's essays, to drag onto the map (or add with the keyboard). A seminar's
// group holds hundreds of them: the panel finds them by their words or their author, and draws a
// page of them at a time, so a map page does not lay out a thousand rows before its canvas. The
// rows come after the canvas: they are rendered once the page has hydrated (use-rendered-later.ts).
import { useDeferredValue, useMemo, useState } from 'react'
import { Select } from '@/components/ui/select'
import { PASSAGE_PAGE, passageFilter } from '@/lib/maps/passage-filter'
import type { CitedPassage } from '@/lib/maps/queries'
import { TAG_NAMES, TAGS, type TagName } from '@/lib/tags'
import { paragraphCitation } from '@/lib/sources/blocks'
import { useRenderedLater } from './use-rendered-later'

export const PASSAGE_MIME = 'application/x-colloquy-highlight'
const NO_PASSAGES: CitedPassage[] = []

export function PassagePanel({
  passages,
  onAdd,
  disabled,
}: {
  passages: CitedPassage[]
  onAdd: (p: CitedPassage) => void
  disabled: boolean
}) {
  const sources = [...new Map(passages.map((p) => [p.sourceId, p.sourceTitle])).entries()]
  const [sourceId, setSourceId] = useState('all')
  const [tag, setTag] = useState<TagName | 'all'>('all')
  const [query, setQuery] = useState('')
  const [limit, setLimit] = useState(PASSAGE_PAGE)
  // Typing stays quick in a long list: the list follows the query a moment later when it must.
  const deferredQuery = useDeferredValue(query)
  const matching = useMemo(
    () => passages.filter(passageFilter({ sourceId, tag, query: deferredQuery })),
    [passages, sourceId, tag, deferredQuery],
  )
  const shown = useMemo(() => matching.slice(0, limit), [matching, limit])
  const later = useRenderedLater()
  const drawn = later ? shown : NO_PASSAGES
  // A new filter starts again from the first page.
  const filter =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value)
      setLimit(PASSAGE_PAGE)
    }
  return (
    <section aria-label="Passages to cite" className="flex min-h-0 min-w-0 flex-col gap-2 max-lg:max-h-[60vh]">
      <h2 className="text-sm font-semibold">Highlighted passages</h2>
      <div className="flex flex-col gap-1 text-xs">
        <Select
          label="Essay"
          value={sourceId}
          choices={[
            { value: 'all', label: 'All essays' },
            ...sources.map(([id, title]) => ({ value: id, label: title })),
          ]}
          onChoose={filter(setSourceId)}
          compact
          className="min-w-0 flex-1"
        />
        <Select<TagName | 'all'>
          label="Tag"
          value={tag}
          choices={[{ value: 'all', label: 'All tags' }, ...TAG_NAMES.map((t) => ({ value: t, label: TAGS[t].label }))]}
          onChoose={filter(setTag)}
          compact
        />
        <label className="flex items-center gap-1">
          Find
          <input
            type="search"
            value={query}
            onChange={(event) => filter(setQuery)(event.target.value)}
            placeholder="Words or a name"
            className="min-w-0 flex-1 rounded border border-stone-300 bg-white px-1 py-0.5"
          />
        </label>
      </div>
      <p className="text-xs text-stone-500">
        {disabled ? 'This map is read-only.' : 'Drag a passage onto the map, or press its + button.'}
        <span aria-live="polite">
          {' '}
          {matching.length === passages.length
            ? `${passages.length} passages.`
            : `${matching.length} of ${passages.length} passages match.`}
        </span>
      </p>
      <ul aria-label="Passages" className="flex min-h-0 flex-col gap-1.5 overflow-y-auto">
        {drawn.map((p) => (
          <li
            key={p.highlightId}
            draggable={!disabled}
            onDragStart={(event) => {
              event.dataTransfer.setData(PASSAGE_MIME, p.highlightId)
              event.dataTransfer.effectAllowed = 'copy'
            }}
            className="passage-item"
          >
            <span aria-hidden style={{ color: TAGS[p.tag].stroke }}>
              {TAGS[p.tag].icon}
            </span>
            <span className="min-w-0 flex-1">
              <span dir="auto" className="line-clamp-3 font-serif">
                “<bdi>{p.exact}</bdi>”
              </span>
              <span className="block truncate text-stone-500">
                <bdi>{p.sourceTitle}</bdi>
                {paragraphCitation(p) && ` ${paragraphCitation(p)}`} · <bdi>{p.authorName}</bdi>
              </span>
            </span>
            <button
              type="button"
              disabled={disabled}
              onClick={() => onAdd(p)}
              aria-label={`Add to map: ${TAGS[p.tag].label} “${p.exact.slice(0, 60)}”`}
              className="rounded px-1.5 text-base leading-none text-indigo-700 hover:bg-indigo-50 disabled:text-stone-300"
            >
              +
            </button>
          </li>
        ))}
        {later && matching.length > shown.length && (
          <li>
            <button
              type="button"
              onClick={() => setLimit(limit + PASSAGE_PAGE)}
              className="w-full rounded-md px-2 py-1 text-xs text-indigo-700 underline hover:bg-indigo-50"
            >
              Show {Math.min(PASSAGE_PAGE, matching.length - shown.length)} more ({matching.length - shown.length} not
              shown)
            </button>
          </li>
        )}
        {shown.length === 0 && (
          <li className="text-xs text-stone-500">
            {passages.length === 0
              ? 'No highlighted passages here yet. Highlight some in the reader.'
              : 'No passage matches these filters.'}
          </li>
        )}
      </ul>
    </section>
  )
}
