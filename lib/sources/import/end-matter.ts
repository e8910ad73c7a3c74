// Rules over the blocks the main-content pass kept, for what a reader of the text would not cite:
// the title and byline (they go to the form's fields), a picture's caption, a line that is only a
// link or only contact details, and a heading left with no text under it. General rules of how
// articles are laid out, not phrases from particular sites.
import { isDateline, parseByline } from './byline'
import type { ImportedBlock, ImportedMetadata } from './draft'
import type { WalkedBlock } from './html-walk'
import { comparable } from './text-rules'

const TITLE = 'the title (in the Title field)'

/** How far into the kept text the title, byline and date lines are looked for. */
const HEAD_BLOCKS = 6

type Decided = ImportedBlock & { list?: number }

/**
 * `page` is true for a web page; a converted document (a .docx, Markdown) is all text, so only
 * its head is read for the title and byline.
 */
export function endMatter(
  decided: ImportedBlock[],
  walked: WalkedBlock[],
  metadata: ImportedMetadata,
  { page }: { page: boolean },
): Decided[] {
  const blocks: Decided[] = decided.map((block, i) => ({
    ...block,
    ...(walked[i]!.list !== undefined ? { list: walked[i]!.list } : {}),
  }))
  const title = metadata.title ? comparable(metadata.title) : undefined
  let seen = 0
  let bodyStarted = false
  blocks.forEach((block, i) => {
    // The page's own headline outside the article text is still the title, and is said to be.
    if (
      block.junkReason === 'outside the main text' &&
      block.kind === 'heading' &&
      title &&
      sameWords(title, comparable(block.text))
    )
      block.junkReason = TITLE
    if (block.junkReason) return
    const walkedBlock = walked[i]!
    if (!bodyStarted && seen < HEAD_BLOCKS) {
      seen++
      const reason = headReason(block, title, metadata)
      if (reason) {
        block.junkReason = reason
        return
      }
      if (block.kind === 'paragraph' && block.text.length > 120) bodyStarted = true
    }
    const reason = page ? lineReason(block, walkedBlock) : undefined
    if (reason) block.junkReason = reason
  })
  if (page) dropEmptyHeadings(blocks)
  return blocks
}

/** The title, the byline or the date line at the top of the article. */
function headReason(block: ImportedBlock, title: string | undefined, metadata: ImportedMetadata): string | undefined {
  const text = comparable(block.text)
  if (block.kind === 'heading' && title && text && sameWords(title, text)) return TITLE
  if (block.kind === 'heading' && wordsOf(block.text) >= 12) return 'the summary under the title'
  if (block.text.length <= 160) {
    const byline = parseByline(block.text)
    if (byline) {
      metadata.author ??= byline.author
      if (byline.year) metadata.year ??= byline.year
      return 'the byline (in the Author field)'
    }
    if (metadata.author && text === comparable(metadata.author)) return 'the byline (in the Author field)'
  }
  return undefined
}

/** Whether two titles share most of their words (sites shorten or extend the headline in their tags). */
function sameWords(a: string, b: string): boolean {
  if (a === b || a.startsWith(b) || b.startsWith(a)) return true
  const first = new Set(a.split(' '))
  const second = b.split(' ')
  const shared = second.filter((word) => first.has(word)).length
  return shared >= 0.8 * Math.max(first.size, second.length)
}

const LINK_LINE_WORDS = 20

const wordsOf = (text: string) => text.split(/\s+/).length

const COPYRIGHT = /©|\(c\)\s?\d{4}|\bcopyright\b/i

const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/

const CONTACT =
  /^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:\/\S*)?|@\w{1,30})$/i

/** A line that is only a link to elsewhere, or only an address, handle or e-mail. */
function lineReason(block: ImportedBlock, walked: WalkedBlock): string | undefined {
  const text = block.text.trim()
  if (text.length > 2000) return undefined
  if (text.split(/\s+/).every((word) => word.length <= 200 && CONTACT.test(word.replace(/[(),;]/g, ''))))
    return 'contact details or a web address'
  const words = wordsOf(text)
  if (words <= 60 && COPYRIGHT.test(text)) return 'copyright notice'
  if (block.kind === 'paragraph' && isDateline(text)) return 'the date line'
  if (words <= 40 && text.length <= 400 && text.includes('@') && EMAIL.test(text)) return 'contact details'
  const links = walked.linkChars / text.length
  if (
    block.kind === 'list'
      ? links >= 0.8
      : block.kind !== 'heading' && ((words <= LINK_LINE_WORDS && links >= 0.6) || links >= 0.85)
  ) {
    return block.kind === 'list' ? 'a list of links' : 'a link to another page'
  }
  return undefined
}

/** A heading whose section ends before any kept text (the last heading, or one followed by another of its level or higher). */
function dropEmptyHeadings(blocks: Decided[]): void {
  let next: Decided | undefined
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i]!
    if (block.junkReason) continue
    if (block.kind === 'heading' && (!next || (next.kind === 'heading' && (next.level ?? 2) <= (block.level ?? 2)))) {
      block.junkReason = 'a heading with no text under it'
      continue
    }
    next = block
  }
}
