'use client'
// The floating toolbar over a text selection: tag it Claim, Evidence or Bias (or press 1/2/3).
// With a mouse it floats above the selection, kept inside the window; on a touch screen it sits
// at the bottom edge, clear of the thumb that made the selection and of the phone's own menu.
import { useLayoutEffect, useRef, useSyncExternalStore } from 'react'
import { TAG_NAMES, TAGS, type TagName } from '@/lib/tags'

interface SelectionToolbarProps {
  rect: { top: number; left: number }
  length: number
  pending: boolean
  isPrivate: boolean
  onPrivateChange: (value: boolean) => void
  onTag: (tag: TagName) => void
}

const MARGIN = 8

const COARSE = '(pointer: coarse)'
const onPointerChange = (notify: () => void) => {
  const query = window.matchMedia(COARSE)
  query.addEventListener('change', notify)
  return () => query.removeEventListener('change', notify)
}
/** Whether the main pointer is a finger (phones, tablets); the server renders for a mouse. */
const useCoarsePointer = () =>
  useSyncExternalStore(
    onPointerChange,
    () => window.matchMedia(COARSE).matches,
    () => false,
  )

export function SelectionToolbar({ rect, length, pending, isPrivate, onPrivateChange, onTag }: SelectionToolbarProps) {
  const coarse = useCoarsePointer()
  const ref = useRef<HTMLDivElement>(null)
  // Centred on the selection, but never past the window's edges (its width is known once drawn).
  useLayoutEffect(() => {
    const toolbar = ref.current
    if (!toolbar || coarse) return
    const half = toolbar.offsetWidth / 2
    toolbar.style.left = `${Math.min(Math.max(rect.left, half + MARGIN), window.innerWidth - half - MARGIN)}px`
  }, [rect.left, coarse])
  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label="Tag the selected passage"
      style={coarse ? undefined : { top: rect.top, left: rect.left }}
      className={`fixed z-30 flex flex-wrap items-center justify-center gap-1 rounded-lg border border-stone-200 bg-white p-1 shadow-lg ${
        coarse ? 'inset-x-2 bottom-[max(0.5rem,env(safe-area-inset-bottom))] p-2' : '-translate-x-1/2 -translate-y-full'
      }`}
      onMouseDown={(event) => event.preventDefault()}
    >
      {TAG_NAMES.map((tag) => (
        <button
          key={tag}
          type="button"
          disabled={pending}
          onClick={() => onTag(tag)}
          aria-keyshortcuts={TAGS[tag].key}
          className={`rounded-md font-medium ring-1 ${coarse ? 'px-3 py-2 text-sm' : 'px-2 py-1 text-xs'} ${TAGS[tag].badgeClass} hover:brightness-95 disabled:opacity-50`}
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
