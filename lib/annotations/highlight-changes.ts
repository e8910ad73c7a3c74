// A reader's highlights brought up to date from a few re-read ones (after live events), instead
// of reading them all again: what is gone leaves, what changed replaces its old self, in reading
// order (the order listSourceHighlights reads them in).
import type { HighlightChanges, HighlightView, ReaderHighlights } from './views'

/** At most this many highlights are read again by name; a larger burst reads the whole list. */
export const MAX_CHANGED_IDS = 100

export function inReadingOrder(a: HighlightView, b: HighlightView): number {
  return a.start - b.start || b.end - a.end || a.createdAt.localeCompare(b.createdAt)
}

/**
 * Null when the changes cannot be applied on their own and the whole list must be read again:
 * "read first" locked or unlocked the viewer's view of every classmate's highlight at once.
 */
export function applyHighlightChanges(current: ReaderHighlights, changes: HighlightChanges): ReaderHighlights | null {
  if (changes.lockedByReadFirst !== current.lockedByReadFirst) return null
  const replaced = new Set([...changes.gone, ...changes.changed.map((h) => h.id)])
  return {
    lockedByReadFirst: changes.lockedByReadFirst,
    sourceVersion: changes.sourceVersion,
    canHighlight: changes.canHighlight,
    canReply: changes.canReply,
    highlights: [...current.highlights.filter((h) => !replaced.has(h.id)), ...changes.changed].sort(inReadingOrder),
  }
}
