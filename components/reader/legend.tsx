import { TAG_NAMES, TAGS } from '@/lib/tags'

/** `canTag` false (an archived group): the tags' meaning only, without how to make one. */
export function TagLegend({ canTag = true }: { canTag?: boolean }) {
  return (
    <div className="flex flex-col gap-1.5">
      <TagList />
      {canTag && (
        <p id="reader-keys" className="text-xs text-stone-600">
          Select a passage with the mouse, or click the essay and hold <kbd className={KEY}>Shift</kbd> with the arrow
          keys; then press{' '}
          {TAG_NAMES.map((tag, i) => (
            <span key={tag}>
              {i > 0 && ' · '}
              <kbd className={KEY}>{TAGS[tag].key}</kbd> {TAGS[tag].label}
            </span>
          ))}
          . <kbd className={KEY}>?</kbd> lists every key.
        </p>
      )}
    </div>
  )
}

const KEY = 'rounded border border-stone-300 bg-white px-1 font-sans text-[10px]'

function TagList() {
  return (
    <ul aria-label="Tags" className="flex flex-wrap gap-3 text-xs text-stone-700">
      {TAG_NAMES.map((tag) => (
        <li key={tag} className="flex items-center gap-1.5">
          <span aria-hidden className={`hl rounded px-1 underline ${TAGS[tag].markClass}`}>
            {TAGS[tag].icon} {TAGS[tag].label}
          </span>
          <kbd className={KEY} title={`Press ${TAGS[tag].key} to tag a selection as ${TAGS[tag].label.toLowerCase()}`}>
            {TAGS[tag].key}
          </kbd>
          <span className="sr-only">
            {TAGS[tag].label}: {TAGS[tag].underline} underline, key {TAGS[tag].key}
          </span>
        </li>
      ))}
    </ul>
  )
}

export function TagBadge({ tag }: { tag: keyof typeof TAGS }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${TAGS[tag].badgeClass}`}
    >
      <span aria-hidden>{TAGS[tag].icon}</span>
      {TAGS[tag].label}
    </span>
  )
}

export function AnchorBadge({ status }: { status: 'EXACT' | 'MOVED' | 'ORPHANED' }) {
  if (status === 'EXACT') return null
  return status === 'MOVED' ? (
    <span className="rounded-full bg-orange-100 px-2 py-0.5 text-xs font-medium text-orange-900 ring-1 ring-orange-300">
      ⚠ Moved — please confirm
    </span>
  ) : (
    <span className="rounded-full bg-stone-200 px-2 py-0.5 text-xs font-medium text-stone-800 ring-1 ring-stone-400">
      ✕ Orphaned
    </span>
  )
}
