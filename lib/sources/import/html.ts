// An HTML page as the blocks of its article. Three passes:
// 1. the page's structure gives the blocks and marks furniture (html-walk.ts, furniture.ts);
// 2. Mozilla's Readability, run on the page without its furniture, decides which of the other
//    blocks are the main text (the blocks outside it are set aside as such);
// 3. general rules over the kept blocks take out what belongs in the form's fields (title, byline)
//    or is not text (captions, lone links, contact lines).
// Every block set aside keeps its reason, for the preview.
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import type { ImportedBlock, ImportResult } from './draft'
import { endMatter } from './end-matter'
import { OWNER_ATTRIBUTE, walkDocument, type WalkedBlock } from './html-walk'
import { htmlMetadata } from './metadata'
import { cleanCitationMarks } from './text-rules'
import { tooComplex } from './limits'

/** Deeper than any browser builds (Blink stops nesting at 512). */
const MAX_DEPTH = 512
const MAX_ELEMENTS = 150_000

export const OUTSIDE_MAIN_TEXT = 'outside the main text'

export function importHtml(html: string): ImportResult {
  const { document } = parseHTML(html)
  const root = (document.body ?? document.documentElement) as Element | null
  if (!root) return { blocks: [], metadata: {} }
  assertManageable(document.documentElement as Element)
  const metadata = htmlMetadata(document)
  const { blocks, furnitureRoots } = walkDocument(root)
  for (const element of furnitureRoots) element.remove()
  const kept = mainContentOwners(document)
  const imported = blocks.map((block) => decide(block, kept))
  return { blocks: groupLists(endMatter(imported, blocks, metadata)), metadata }
}

/** Refuses documents nested or sized past what a real page needs, before any recursive pass. */
function assertManageable(root: Element): void {
  let elements = 0
  const stack: [Element, number][] = [[root, 0]]
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!
    if (++elements > MAX_ELEMENTS || depth > MAX_DEPTH) throw tooComplex()
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) stack.push([child, depth + 1])
  }
}

/** The owners of the blocks Readability keeps, or undefined when it finds no article. */
function mainContentOwners(document: Document): Set<number> | undefined {
  const article = new Readability(document, { serializer: (element: Node) => element, maxElemsToParse: MAX_ELEMENTS }).parse()
  const content = article?.content as unknown as Element | undefined
  if (!content || typeof content.querySelectorAll !== 'function') return undefined
  const owners = new Set<number>()
  const own = content.getAttribute?.(OWNER_ATTRIBUTE)
  if (own) owners.add(Number(own))
  for (const element of content.querySelectorAll(`[${OWNER_ATTRIBUTE}]`)) owners.add(Number(element.getAttribute(OWNER_ATTRIBUTE)))
  return owners
}

function decide(block: WalkedBlock, kept: Set<number> | undefined): ImportedBlock {
  const text = cleanCitationMarks(block.text)
  const base: ImportedBlock = { text, kind: block.kind, ...(block.level ? { level: block.level } : {}) }
  if (block.furniture) return { ...base, junkReason: block.furniture }
  if (kept && !kept.has(block.owner)) return { ...base, junkReason: OUTSIDE_MAIN_TEXT }
  if (block.caption) return { ...base, junkReason: 'picture caption' }
  return base
}

/** Consecutive items of one list, kept or set aside alike, become one list block. */
function groupLists(blocks: (ImportedBlock & { list?: number })[]): ImportedBlock[] {
  const grouped: (ImportedBlock & { list?: number })[] = []
  for (const block of blocks) {
    const last = grouped.at(-1)
    if (block.kind === 'list' && last?.kind === 'list' && last.list === block.list && last.junkReason === block.junkReason) {
      last.text += `\n${block.text}`
    } else grouped.push({ ...block })
  }
  for (const block of grouped) delete block.list
  return grouped
}
