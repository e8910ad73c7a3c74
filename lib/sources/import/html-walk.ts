// Blocks out of an HTML document by its structure: headings from h1–h6, paragraphs, list items
// (grouped into lists later), block quotes, captions. Each block remembers the element that owns
// it (marked with data-cq, so the main-content pass can tell which blocks it kept), whether it
// sits in page furniture, and how much of it is link text.
import type { BlockKind } from '../blocks'
import { furnitureReason, namesCaption } from './furniture'

export interface WalkedBlock {
  text: string
  kind: BlockKind
  level?: number
  /** The data-cq number on the spans wrapped around this block's text nodes. */
  owner: number
  furniture?: string
  caption: boolean
  /** The list the block is an item of, to group items into one list block. */
  list?: number
  /** Characters of the block's text inside links. */
  linkChars: number
  /** Whether the block is a note at the end of the document (a footnote). */
  note?: boolean
}

export const OWNER_ATTRIBUTE = 'data-cq'

/** Elements that never hold readable text. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'head',
  'title',
  'meta',
  'link',
  'img',
  'video',
  'audio',
  'picture',
  'source',
  'track',
  'map',
  'area',
  'input',
  'select',
  'textarea',
  'option',
  'datalist',
  'base',
])

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'caption',
  'ul',
  'legend',
  'html',
  'button',
])

const HEADING = /^h([1-6])$/

/** A footnote reference: "[3]", "3", "a", "*" as a superscript, or a link to a note on the same page. */
const NOTE_MARK = /^\[?(?:\d{1,3}|[a-z]|[*†‡§])\]?$/

interface Context {
  /** Changes at each block element: text under one block context forms one run. */
  block: number
  furniture?: string
  kind: BlockKind
  level?: number
  caption: boolean
  /** The list being read: `id` names the outermost list (nested items join its block), `depth` indents. */
  list?: { id: number; ordered: boolean; next: number; depth: number }
  inArticle: boolean
  inHeading: boolean
  pre: boolean
  note: boolean
}

interface Run {
  id: number
  pieces: string[]
  linkChars: number
  context: Context
  /** A <br> was the last thing seen: a second one in a row ends the paragraph. */
  afterBreak: boolean
}

export interface Walked {
  blocks: WalkedBlock[]
  /** The outermost furniture elements, to take out before the main-content pass. */
  furnitureRoots: Element[]
}

export function walkDocument(root: Element): Walked {
  const blocks: WalkedBlock[] = []
  const furnitureRoots: Element[] = []
  let nextRun = 0
  let nextList = 0
  let nextBlock = 1
  const holdsMain = holdersOfMainText(root)
  let run: Run | undefined

  const flush = () => {
    if (!run) return
    const { context } = run
    const text = tidyRun(run.pieces.join(''), context.pre)
    if (text) {
      const marker = context.list && context.kind === 'list' ? listMarker(context.list) : ''
      blocks.push({
        text: marker + text,
        kind: context.kind,
        ...(context.level ? { level: context.level } : {}),
        owner: run.id,
        ...(context.furniture ? { furniture: context.furniture } : {}),
        caption: context.caption,
        ...(context.list ? { list: context.list.id } : {}),
        linkChars: Math.min(run.linkChars, text.length),
        ...(context.note ? { note: true } : {}),
      })
    }
    run = undefined
  }

  const append = (text: string, context: Context, inLink: boolean) => {
    if (run && run.context.block !== context.block) flush()
    run ??= { id: nextRun++, pieces: [], linkChars: 0, context, afterBreak: false }
    run.pieces.push(text)
    if (inLink) run.linkChars += text.trim().length
    if (text.trim()) run.afterBreak = false
  }

  /** Wraps a text node in a span marked with its run, so the main-content pass can say which runs it kept. */
  const mark = (textNode: Node) => {
    const span = textNode.ownerDocument!.createElement('span')
    span.setAttribute(OWNER_ATTRIBUTE, String(run!.id))
    textNode.parentNode!.replaceChild(span, textNode)
    span.appendChild(textNode)
  }

  const visit = (node: Node, context: Context, inLink = false): void => {
    let next: ChildNode | null
    for (let child = node.firstChild; child; child = next) {
      next = child.nextSibling
      if (child.nodeType === 3) {
        const text = child.nodeValue ?? ''
        if (text) append(context.pre ? text : text.replace(/\s+/g, ' '), context, inLink)
        if (text.trim()) mark(child)
        continue
      }
      if (child.nodeType !== 1) continue
      const element = child as Element
      const tag = element.localName
      if (SKIPPED.has(tag)) continue
      if (tag === 'br') {
        if (run?.afterBreak && run.context.block === context.block) flush()
        else {
          append('\n', context, inLink)
          run!.afterBreak = true
        }
        continue
      }
      if (isNoteReference(element)) continue
      // A table cell of plain text is part of its row, one block per row; a cell holding blocks (a layout table) is a block itself.
      if ((tag === 'td' || tag === 'th') && !hasBlockChild(element) && element.previousElementSibling)
        append(' | ', context, false)
      if (context.inHeading && isEditLink(element)) continue
      const furniture =
        context.furniture ??
        furnitureReason(element, { inArticle: context.inArticle, holdsMainText: holdsMain.has(element) })
      if (furniture && !context.furniture) furnitureRoots.push(element)
      if (!BLOCKS.has(tag) && furniture === context.furniture && !hasBlockChild(element)) {
        // (td and th are not in BLOCKS: a cell of plain text runs on in its row's block.)
        visit(element, context, inLink || tag === 'a')
        continue
      }
      flush()
      visit(element, enter(element, context, furniture))
      flush()
    }
  }

  const enter = (element: Element, context: Context, furniture: string | undefined): Context => {
    const tag = element.localName
    const heading = HEADING.exec(tag)
    const next: Context = { ...context, block: nextBlock++, furniture }
    if (tag === 'article' || tag === 'main' || element.getAttribute('role') === 'main') next.inArticle = true
    if (heading || element.getAttribute('role') === 'heading') {
      next.kind = 'heading'
      next.level = heading
        ? Number(heading[1])
        : Math.min(6, Math.max(1, Number(element.getAttribute('aria-level')) || 2))
      next.inHeading = true
    } else if (tag === 'blockquote') next.kind = 'quote'
    else if (tag === 'ul' || tag === 'ol' || tag === 'menu' || tag === 'dir') {
      const start = Number(element.getAttribute('start'))
      const outer = context.kind === 'list' ? context.list : undefined
      next.list = {
        id: outer?.id ?? nextList++,
        ordered: tag === 'ol',
        next: element.hasAttribute('start') && Number.isInteger(start) ? start : 1,
        depth: outer ? outer.depth + 1 : 0,
      }
    } else if (tag === 'li' && context.list) {
      next.kind = 'list'
      const value = Number(element.getAttribute('value'))
      if (Number.isInteger(value) && value > 0) context.list.next = value
      next.list = { ...context.list, next: context.list.next++ }
    } else if (tag === 'pre') next.pre = true
    if (namesCaption(element)) next.caption = true
    if (
      element.getAttribute('role') === 'doc-endnotes' ||
      /(?:^|\s)(?:footnotes?|endnotes?)(?:\s|$)/.test(element.getAttribute('class') ?? '')
    )
      next.note = true
    return next
  }

  visit(root, {
    block: 0,
    kind: 'paragraph',
    caption: false,
    inArticle: false,
    inHeading: false,
    pre: false,
    note: false,
  })
  flush()
  return { blocks, furnitureRoots }
}

/**
 * Elements too big to be furniture: those that hold the article's heading or marked-up body, or
 * more than half the page's text. A page wrapped whole in a <form> (as some frameworks do) or an
 * article in an element named "sidebar" is not thrown out with its wrapper.
 */
function holdersOfMainText(root: Element): Set<Element> {
  const holders = new Set<Element>()
  for (const element of root.querySelectorAll('h1, article, main, [role="main"], [itemprop="articleBody"]')) {
    for (let at: Element | null = element; at && !holders.has(at); at = at.parentElement) holders.add(at)
  }
  const lengths = textLengths(root)
  const half = (lengths.get(root) ?? 0) / 2
  for (const [element, length] of lengths) if (length > half) holders.add(element)
  return holders
}

/** Each element's text length (scripts and styles left out), in one pass from the leaves up. */
function textLengths(root: Element): Map<Element, number> {
  const lengths = new Map<Element, number>()
  const order: Element[] = []
  const stack: Element[] = [root]
  while (stack.length > 0) {
    const element = stack.pop()!
    order.push(element)
    for (let child = element.firstElementChild; child; child = child.nextElementSibling)
      if (!SKIPPED.has(child.localName)) stack.push(child)
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const element = order[i]!
    let length = lengths.get(element) ?? 0
    for (let child = element.firstChild; child; child = child.nextSibling)
      if (child.nodeType === 3) length += (child.nodeValue ?? '').trim().length
    lengths.set(element, length)
    if (element !== root && element.parentElement)
      lengths.set(element.parentElement, (lengths.get(element.parentElement) ?? 0) + length)
  }
  return lengths
}

function listMarker(list: { ordered: boolean; next: number; depth: number }): string {
  // Lines of a block are stored trimmed, so nesting shows in the bullet, not in an indent.
  return list.ordered ? `${list.next}. ` : list.depth > 0 ? '◦ ' : '• '
}

/** A block's text: spaces collapsed, line breaks kept, no blank line inside (which would split it). */
function tidyRun(text: string, pre: boolean): string {
  const lines = text.split('\n').map((line) => (pre ? line.replace(/\s+$/, '') : line.replace(/ +/g, ' ').trim()))
  return lines
    .filter((line) => line.trim() !== '')
    .join('\n')
    .replace(/^\n+|\s+$/g, '')
}

function hasBlockChild(element: Element): boolean {
  for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
    if (BLOCKS.has(child.localName)) return true
  }
  return false
}

function isNoteReference(element: Element): boolean {
  const tag = element.localName
  if (tag !== 'sup' && tag !== 'a') return false
  const text = (element.textContent ?? '').trim()
  if (text.length > 5 || !NOTE_MARK.test(text)) return false
  if (tag === 'sup') return true
  return (element.getAttribute('href') ?? '').startsWith('#')
}

/** "[edit]" beside a wiki heading: a bracketed link, or an element named for it. */
function isEditLink(element: Element): boolean {
  if (/editsection/i.test(element.getAttribute('class') ?? '')) return true
  const text = (element.textContent ?? '').trim()
  return text.startsWith('[') && text.endsWith(']') && text.length <= 30 && element.querySelector('a') !== null
}
