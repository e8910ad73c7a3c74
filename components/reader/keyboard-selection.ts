// Selecting text with the keyboard: a cursor in the canonical text that arrow keys move and
// Shift+arrows extend, mirrored into the page's real selection so it looks and reads the same.
import {
  nextCharacter,
  nextWordEnd,
  previousCharacter,
  previousWordStart,
  readsRightToLeft,
} from '@/lib/annotations/selection'
import type { TextBlock } from '@/lib/sources/blocks'
import { rangeOf } from './dom-offsets'

export interface Cursor {
  anchor: number
  focus: number
}

/**
 * Where the cursor's focus goes for a key, or null when the key is not a movement. Left and right
 * move the way the paragraph reads: in an Arabic or Hebrew one, left goes on to the next word.
 */
export function moveFocus(
  key: string,
  byWord: boolean,
  focus: number,
  text: string,
  blocks: TextBlock[],
): number | null {
  const current = blocks.findIndex((b) => focus >= b.start && focus <= b.end)
  const block = blocks[current]
  const rtl = block ? readsRightToLeft(block.text) : false
  const forward = (key === 'ArrowRight') !== rtl
  switch (key) {
    case 'ArrowRight':
    case 'ArrowLeft':
      if (forward) return byWord ? nextWordEnd(text, focus) : nextCharacter(text, focus)
      return byWord ? previousWordStart(text, focus) : previousCharacter(text, focus)
    case 'ArrowDown':
      return blocks[current + 1]?.start ?? block?.end ?? focus
    case 'ArrowUp':
      return block && focus > block.start ? block.start : (blocks[current - 1]?.start ?? 0)
    case 'Home':
      // Ctrl+Home: back to where reading starts, the first paragraph (past the title).
      if (byWord) return (blocks.find((b) => b.kind !== 'heading') ?? blocks[0])?.start ?? 0
      return block?.start ?? 0
    case 'End':
      if (byWord) return blocks.at(-1)?.end ?? text.length
      return block?.end ?? text.length
    default:
      return null
  }
}

/** Shows the cursor as the page selection (a caret when collapsed is drawn by the reader). */
export function showCursor(root: HTMLElement, cursor: Cursor): DOMRect | null {
  const start = Math.min(cursor.anchor, cursor.focus)
  const end = Math.max(cursor.anchor, cursor.focus)
  const range = rangeOf(root, start, end)
  const selection = window.getSelection()
  if (!range || !selection) return null
  selection.removeAllRanges()
  selection.addRange(range)
  const caret = rangeOf(root, cursor.focus, cursor.focus)
  caret?.startContainer.parentElement?.scrollIntoView({ block: 'nearest' })
  return caret?.getBoundingClientRect() ?? null
}
