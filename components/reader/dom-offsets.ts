// Converts between DOM selections and offsets in the canonical text. Every rendered block
// element carries data-start; its text nodes hold exactly the block's text, in order. A list
// carries them per item, its markers left out of the rendered text.

function blockElementOf(node: Node | null): HTMLElement | null {
  let el: Node | null = node
  while (el && !(el instanceof HTMLElement && el.dataset.start !== undefined)) el = el.parentNode
  return el as HTMLElement | null
}

function textOffsetWithin(block: HTMLElement, node: Node, offset: number): number {
  // A boundary on an element (not a text node) counts the text of the children before it.
  const range = document.createRange()
  range.selectNodeContents(block)
  range.setEnd(node, offset)
  return range.toString().length
}

export function offsetOf(root: HTMLElement, node: Node, offset: number): number | null {
  const block = blockElementOf(node)
  if (!block || !root.contains(block)) return null
  const local = textOffsetWithin(block, node, offset)
  return Number(block.dataset.start) + Math.min(local, Number(block.dataset.end) - Number(block.dataset.start))
}

/** The canonical offsets of a DOM range inside `root`, or null when it leaves the text. */
export function offsetsOfRange(root: HTMLElement, range: Range): { start: number; end: number } | null {
  const start = offsetOf(root, range.startContainer, range.startOffset)
  const end = offsetOf(root, range.endContainer, range.endOffset)
  if (start === null || end === null) return null
  return start <= end ? { start, end } : { start: end, end: start }
}

function pointAt(root: HTMLElement, offset: number): { node: Node; offset: number } | null {
  const blocks = [...root.querySelectorAll<HTMLElement>('[data-start]')]
  // An offset between rendered runs (a list's bullet, the line break between its items) is shown at the next run.
  const block =
    blocks.find((b) => offset >= Number(b.dataset.start) && offset <= Number(b.dataset.end)) ??
    blocks.find((b) => Number(b.dataset.start) > offset)
  if (!block) return null
  if (offset < Number(block.dataset.start)) offset = Number(block.dataset.start)
  let remaining = offset - Number(block.dataset.start)
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
  let last: Text | null = null
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (remaining <= node.length) return { node, offset: remaining }
    remaining -= node.length
    last = node
  }
  return last ? { node: last, offset: last.length } : { node: block, offset: 0 }
}

/** A DOM range over canonical offsets [start, end). */
export function rangeOf(root: HTMLElement, start: number, end: number): Range | null {
  const a = pointAt(root, start)
  const b = pointAt(root, end)
  if (!a || !b) return null
  const range = document.createRange()
  range.setStart(a.node, a.offset)
  range.setEnd(b.node, b.offset)
  return range
}
