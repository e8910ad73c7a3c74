'use client'
// The passages of the group's essays, to drag onto the map (or add with the keyboard).
import { useState } from 'react'
import { Select } from '@/components/ui/select'
import type { CitedPassage } from '@/lib/maps/queries'
import { TAG_NAMES, TAGS, type TagName } from '@/lib/tags'
import { paragraphCitation } from '@/lib/sources/blocks'

export const PASSAGE_MIME = 'application/x-colloquy-highlight'

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
  const shown = passages.filter(
    (p) => (sourceId === 'all' || p.sourceId === sourceId) && (tag === 'all' || p.tag === tag),
  )
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
          onChoose={setSourceId}
          compact
          className="min-w-0 flex-1"
        />
        <Select<TagName | 'all'>
          label="Tag"
          value={tag}
          choices={[{ value: 'all', label: 'All tags' }, ...TAG_NAMES.map((t) => ({ value: t, label: TAGS[t].label }))]}
          onChoose={setTag}
          compact
        />
      </div>
      <p className="text-xs text-stone-500">
        {disabled ? 'This map is read-only.' : 'Drag a passage onto the map, or press its + button.'}
      </p>
      <ul className="flex min-h-0 flex-col gap-1.5 overflow-y-auto">
        {shown.map((p) => (
          <li
            key={p.highlightId}
            draggable={!disabled}
            onDragStart={(event) => {
              event.dataTransfer.setData(PASSAGE_MIME, p.highlightId)
              event.dataTransfer.effectAllowed = 'copy'
            }}
            className="flex cursor-grab items-start gap-1 rounded-md border border-stone-200 bg-white p-1.5 text-xs"
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
        {shown.length === 0 && (
          <li className="text-xs text-stone-500">No highlighted passages here yet. Highlight some in the reader.</li>
        )}
      </ul>
    </section>
  )
}
