// Keeps a source's stored layout (block kinds, heading levels, pages) in step with its text when
// an instructor edits the text or restores a block: a block whose text is unchanged keeps its
// entry; a new or changed block gets its kind inferred and the page of the block before it.
import { BLOCK_SEPARATOR, kindOf, type BlockLayout } from './blocks'

export function relayout(
  oldText: string,
  oldLayout: readonly BlockLayout[],
  newText: string,
  inserted?: { text: string; layout: BlockLayout },
): BlockLayout[] {
  const oldBlocks = oldText.split(BLOCK_SEPARATOR)
  if (oldLayout.length !== oldBlocks.length) return []
  const byText = new Map<string, number[]>()
  oldBlocks.forEach((text, i) => {
    const indices = byText.get(text)
    if (indices) indices.push(i)
    else byText.set(text, [i])
  })
  let after = -1
  let page: number | undefined
  return newText.split(BLOCK_SEPARATOR).map((text) => {
    const candidates = byText.get(text)
    while (candidates && candidates.length > 0 && candidates[0]! <= after) candidates.shift()
    const match = candidates?.shift()
    let layout: BlockLayout
    if (match !== undefined) {
      after = match
      layout = oldLayout[match]!
    } else if (inserted && text === inserted.text) {
      layout = inserted.layout
    } else {
      layout = { kind: kindOf(text), ...(page ? { page } : {}) }
    }
    page = layout.page ?? page
    return layout
  })
}
