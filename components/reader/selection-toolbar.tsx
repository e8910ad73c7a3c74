'use client'
// The floating toolbar over a text selection: tag it Claim, Evidence or Bias (or press 1/2/3).
import { TAG_NAMES, TAGS, type TagName } from '@/lib/tags'

interface SelectionToolbarProps {
  rect: { top: number; left: number }
  length: number
  pending: boolean
  isPrivate: boolean
  onPrivateChange: (value: boolean) => void
  onTag: (tag: TagName) => void
}

export function SelectionToolbar({ rect, length, pending, isPrivate, onPrivateChange, onTag }: SelectionToolbarProps) {
  return (
    <div
      role="toolbar"
      aria-label="Tag the selected passage"
      style={{ top: rect.top, left: rect.left }}
      className="fixed z-30 flex -translate-x-1/2 -translate-y-full items-center gap-1 rounded-lg border border-stone-200 bg-white p-1 shadow-lg"
      onMouseDown={(event) => event.preventDefault()}
    >
      {TAG_NAMES.map((tag) => (
        <button
          key={tag}
          type="button"
          disabled={pending}
          onClick={() => onTag(tag)}
          aria-keyshortcuts={TAGS[tag].key}
          className={`rounded-md px-2 py-1 text-xs font-medium ring-1 ${TAGS[tag].badgeClass} hover:brightness-95 disabled:opacity-50`}
        >
          <span aria-hidden>{TAGS[tag].icon} </span>
          {TAGS[tag].label} <kbd className="ml-0.5 text-[10px] opacity-70">{TAGS[tag].key}</kbd>
        </button>
      ))}
      <label className="ml-1 flex items-center gap-1 px-1 text-xs text-stone-700">
        <input type="checkbox" checked={isPrivate} onChange={(event) => onPrivateChange(event.target.checked)} />
        Private
      </label>
      <span className="px-1 text-[10px] text-stone-500" aria-live="polite">
        {length} chars
      </span>
    </div>
  )
}
