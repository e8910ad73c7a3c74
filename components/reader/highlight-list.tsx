'use client'
// The side panel list: every visible highlight in reading order, filters and counts per tag.
import type { CSSProperties } from 'react'
import type { HighlightView } from '@/lib/annotations/views'
import { TAG_NAMES, TAGS, type TagName } from '@/lib/tags'
import { AnchorBadge } from './legend'

export interface Filters {
  tags: TagName[]
  authorId: string
  scope: 'everyone' | 'mine'
}

export const ALL_FILTERS: Filters = { tags: TAG_NAMES, authorId: 'all', scope: 'everyone' }

export function applyFilters(highlights: HighlightView[], filters: Filters): HighlightView[] {
  return highlights.filter(
    (h) =>
      filters.tags.includes(h.tag) &&
      (filters.authorId === 'all' || h.author.id === filters.authorId) &&
      (filters.scope === 'everyone' || h.mine),
  )
}

interface ListProps {
  all: HighlightView[]
  shown: HighlightView[]
  filters: Filters
  onFilters: (filters: Filters) => void
  activeId: string | null
  onOpen: (id: string) => void
  /** New highlights can be made here (not in an archived group): the empty state says how. */
  canHighlight?: boolean
}

export function HighlightList({ all, shown, filters, onFilters, activeId, onOpen, canHighlight = true }: ListProps) {
  const authors = [...new Map(all.map((h) => [h.author.id, h.author.name])).entries()].sort((a, b) =>
    a[1].localeCompare(b[1]),
  )
  const count = (tag: TagName) => all.filter((h) => h.tag === tag).length
  const toggleTag = (tag: TagName) =>
    onFilters({
      ...filters,
      tags: filters.tags.includes(tag) ? filters.tags.filter((t) => t !== tag) : [...filters.tags, tag],
    })

  return (
    <div className="flex flex-col gap-3">
      <fieldset className="flex flex-wrap gap-2">
        <legend className="sr-only">Show tags</legend>
        {TAG_NAMES.map((tag) => (
          <label
            key={tag}
            className={`flex cursor-pointer items-center gap-1 rounded-full px-2 py-0.5 text-xs ring-1 ${TAGS[tag].badgeClass}`}
          >
            <input type="checkbox" checked={filters.tags.includes(tag)} onChange={() => toggleTag(tag)} />
            <span aria-hidden>{TAGS[tag].icon}</span> {TAGS[tag].label}{' '}
            <span className="font-semibold">
              {count(tag)}
              <span className="sr-only"> {TAGS[tag].label.toLowerCase()} highlights</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap gap-2 text-xs">
        <label className="flex items-center gap-1">
          Author
          <select
            value={filters.authorId}
            onChange={(event) => onFilters({ ...filters, authorId: event.target.value })}
            className="rounded border border-stone-300 bg-white px-1 py-0.5"
          >
            <option value="all">Everyone</option>
            {authors.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="flex items-center gap-2">
          <legend className="sr-only">Whose highlights</legend>
          {(['everyone', 'mine'] as const).map((scope) => (
            <label key={scope} className="flex items-center gap-1">
              <input
                type="radio"
                name="scope"
                checked={filters.scope === scope}
                onChange={() => onFilters({ ...filters, scope })}
              />
              {scope === 'mine' ? 'Mine' : 'All'}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="text-xs text-stone-500" aria-live="polite">
        Showing {shown.length} of {all.length} highlights
      </p>
      {all.length === 0 && (
        <p className="rounded-md border border-dashed border-stone-300 p-3 text-xs text-stone-600">
          {canHighlight
            ? 'No highlights here yet. Select a passage in the essay and tag it: it appears here, and live for your classmates.'
            : 'No highlights here: none were made before the group was archived.'}
        </p>
      )}
      <ol aria-label="Highlights in reading order" className="flex flex-col gap-1.5">
        {shown.map((h) => (
          <li key={h.id} className="hl-item">
            <button
              type="button"
              onClick={() => onOpen(h.id)}
              aria-current={h.id === activeId ? 'true' : undefined}
              className="hl-row"
            >
              {/* Few elements per item, the icon drawn by CSS: a source may list hundreds. */}
              <span
                className="hl-row-head"
                data-icon={TAGS[h.tag].icon}
                style={{ '--tag': TAGS[h.tag].stroke } as CSSProperties}
              >
                <span className="font-medium text-stone-800">{TAGS[h.tag].label}</span>
                {' · '}
                <bdi>{h.author.name}</bdi>
                {h.visibility === 'PRIVATE' && <span aria-label="private">🔒</span>}
                {h.replies.length > 0 && <span className="ml-auto">💬 {h.replies.length}</span>}
              </span>
              <bdi className="hl-row-quote">“{h.exact}”</bdi>
              <AnchorBadge status={h.anchorStatus} />
            </button>
          </li>
        ))}
      </ol>
    </div>
  )
}
