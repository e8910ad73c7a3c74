// Selecting text with the keyboard: a cursor in the canonical text that arrow keys move and
// Shift+arrows extend, mirrored into the page's real selection so it looks and reads the same.
import type { TextBlock } from '@/lib/sources/blocks'
import { rangeOf } from './dom-offsets'

export interface Cursor {
  anchor: number
  focus: number
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}'’-]/u.test(c)

function nextWord(text: string, from: number): number {
  let i = from
  while (i < text.length && !isWordChar(text[i])) i++
  while (i < text.length && isWordChar(text[i])) i++
  return i
}

function previousWord(text: string, from: number): number {
  let i = from
  while (i > 0 && !isWordChar(text[i - 1])) i--
  while (i > 0 && isWordChar(text[i - 1])) i--
  return i
}

/** Where the cursor's focus goes for a key, or null when the key is not a movement. */
export function moveFocus(key: string, byWord: boolean, focus: number, text: string, blocks: TextBlock[]): number | null {
  const current = blocks.findIndex((b) => focus >= b.start && focus <= b.end)
  const block = blocks[current]
  switch (key) {
    case 'ArrowRight':
      return byWord ? nextWord(text, focus) : Math.min(text.length, focus + 1)
    case 'ArrowLeft':
      return byWord ? previousWord(text, focus) : Math.max(0, focus - 1)
    case 'ArrowDown':
      return blocks[current + 1]?.start ?? block?.end ?? focus
    case 'ArrowUp':
      return block && focus > block.start ? block.start : (blocks[current - 1]?.start ?? 0)
    case 'Home':
      return block?.start ?? 0
    case 'End':
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
