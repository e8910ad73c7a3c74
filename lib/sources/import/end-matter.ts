// Rules over the blocks the main-content pass kept, for what a reader of the text would not cite:
// the title and byline (they go to the form's fields), a picture's caption, a line that is only a
// link or only contact details, and a heading left with no text under it. General rules of how
// articles are laid out, not phrases from particular sites.
import { isDateline, parseByline } from './byline'
import type { ImportedBlock, ImportedMetadata } from './draft'
import type { WalkedBlock } from './html-walk'
import { comparable } from './text-rules'

/** How far into the kept text the title, byline and date lines are looked for. */
const HEAD_BLOCKS = 6

type Decided = ImportedBlock & { list?: number }

export function endMatter(decided: ImportedBlock[], walked: WalkedBlock[], metadata: ImportedMetadata): Decided[] {
  const blocks: Decided[] = decided.map((block, i) => ({ ...block, ...(walked[i]!.list !== undefined ? { list: walked[i]!.list } : {}) }))
  const title = metadata.title ? comparable(metadata.title) : undefined
  let seen = 0
  let bodyStarted = false
  blocks.forEach((block, i) => {
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
    const reason = lineReason(block, walkedBlock)
    if (reason) block.junkReason = reason
  })
  dropEmptyHeadings(blocks)
  return blocks
}

/** The title, the byline or the date line at the top of the article. */
function headReason(block: ImportedBlock, title: string | undefined, metadata: ImportedMetadata): string | undefined {
  const text = comparable(block.text)
  if (block.kind === 'heading' && title && text && (title === text || title.startsWith(text) || text.startsWith(title))) return 'the title (in the Title field)'
  if (block.text.length <= 160) {
    const byline = parseByline(block.text)
    if (byline) {
      metadata.author ??= byline.author
      if (byline.year) metadata.year ??= byline.year
      return 'the byline (in the Author field)'
    }
    if (metadata.author && text === comparable(metadata.author)) return 'the byline (in the Author field)'
    if (isDateline(block.text)) return 'the date line'
  }
  return undefined
}

const CONTACT = /^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:\/\S*)?|@\w{1,30})$/

/** A line that is only a link to elsewhere, or only an address, handle or e-mail. */
function lineReason(block: ImportedBlock, walked: WalkedBlock): string | undefined {
  const text = block.text.trim()
  if (text.split(/\s+/).every((word) => CONTACT.test(word.replace(/[(),;]/g, '')))) return 'contact details or a web address'
  const words = text.split(/\s+/).length
  if (block.kind !== 'heading' && words <= 30 && walked.linkChars >= text.length * 0.6) return 'a link to another page'
  if (block.kind === 'list' && walked.linkChars >= text.length * 0.8) return 'a list of links'
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
