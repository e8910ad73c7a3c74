// An HTML page as the blocks of its article. Three passes:
// 1. the page's structure gives the blocks and marks furniture (html-walk.ts, furniture.ts);
// 2. Mozilla's Readability, run on the page without its furniture, decides which of the other
//    blocks are the main text (the blocks outside it are set aside as such);
// 3. general rules over the kept blocks take out what belongs in the form's fields (title, byline)
//    or is not text (captions, lone links, contact lines).
// Every block set aside keeps its reason, for the preview.
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import type { ImportedBlock, ImportedMetadata, ImportResult } from './draft'
import { endMatter } from './end-matter'
import { OWNER_ATTRIBUTE, walkDocument, type WalkedBlock } from './html-walk'
import { htmlMetadata, tidyMetadata } from './metadata'
import { cleanCitationMarks } from './text-rules'
import { tooComplex } from './limits'

/** Deeper than any browser builds (Blink stops nesting at 512). */
const MAX_DEPTH = 512
const MAX_ELEMENTS = 150_000

export const OUTSIDE_MAIN_TEXT = 'outside the main text'

export function importHtml(html: string): ImportResult {
  const document = parseDocument(html)
  const metadata = htmlMetadata(document)
  return { blocks: blocksOfDocument(document, metadata, { mainContent: true }), metadata: tidyMetadata(metadata) }
}

/** A document built by a converter (a .docx, Markdown): all of it is the text, only its head is read for title and byline. */
export function importConvertedHtml(html: string, metadata: ImportedMetadata): ImportResult {
  const document = parseDocument(html)
  metadata.title ??= document.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() || undefined
  return { blocks: blocksOfDocument(document, metadata, { mainContent: false }), metadata: tidyMetadata(metadata) }
}

export function parseDocument(html: string): Document {
  let { document } = parseHTML(html)
  // A fragment ("<p>…</p>", a saved snippet) gets the document around it that browsers supply.
  if (document.documentElement?.localName !== 'html' || !document.body)
    document = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document
  assertManageable(document.documentElement as Element)
  return document as unknown as Document
}

function blocksOfDocument(
  document: Document,
  metadata: ImportedMetadata,
  { mainContent }: { mainContent: boolean },
): ImportedBlock[] {
  const root = (document.body ?? document.documentElement) as Element | null
  if (!root) return []
  const { blocks, furnitureRoots } = walkDocument(root)
  for (const element of furnitureRoots) element.remove()
  const kept = mainContent ? mainContentOwners(document) : undefined
  const imported = blocks.map((block) => decide(block, kept))
  return groupLists(endMatter(imported, blocks, metadata, { page: mainContent }))
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
  let article: ReturnType<Readability<Node>['parse']>
  try {
    article = new Readability(document, {
      serializer: (element: Node) => element,
      maxElemsToParse: MAX_ELEMENTS,
    }).parse()
  } catch {
    // A page Readability cannot read is kept whole, less its furniture: a person sees it all in the preview.
    return undefined
  }
  const content = article?.content as unknown as Element | undefined
  if (!content || typeof content.querySelectorAll !== 'function') return undefined
  const owners = new Set<number>()
  const own = content.getAttribute?.(OWNER_ATTRIBUTE)
  if (own) owners.add(Number(own))
  for (const element of content.querySelectorAll(`[${OWNER_ATTRIBUTE}]`))
    owners.add(Number(element.getAttribute(OWNER_ATTRIBUTE)))
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
    if (
      block.kind === 'list' &&
      last?.kind === 'list' &&
      last.list === block.list &&
      last.junkReason === block.junkReason
    ) {
      last.text += `\n${block.text}`
    } else grouped.push({ ...block })
  }
  for (const block of grouped) delete block.list
  return grouped
}
