// Plain text out of HTML and Markdown, one paragraph a block. Page chrome that is never prose
// (scripts, styles, navigation, forms' controls) is dropped here; anything else doubtful is left
// for the importer, which lists it as page junk a person can restore.
import { compile } from 'html-to-text'

type Selector = { selector: string; format: string; options?: Record<string, unknown> }

const skip = (selectors: string[]): Selector[] => selectors.map((selector) => ({ selector, format: 'skip' }))
const paragraph = (selectors: string[]): Selector[] =>
  selectors.map((selector) => ({ selector, format: 'block', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } }))

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']

const htmlBody = compile({
  wordwrap: false,
  selectors: [
    ...skip(['head', 'title', 'script', 'style', 'noscript', 'template', 'nav', 'svg', 'canvas', 'iframe', 'object']),
    ...skip(['button', 'select', 'textarea', 'input', 'img', 'hr']),
    // Divs and sections usually hold one paragraph each on the pages people save.
    ...paragraph(['div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'figure', 'figcaption']),
    ...HEADINGS.map((selector) => ({ selector, format: 'heading', options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 2 } })),
    { selector: 'a', format: 'anchor', options: { ignoreHref: true } },
    { selector: 'ul', format: 'unorderedList', options: { itemPrefix: '- ' } },
    { selector: 'table', format: 'block', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } },
    { selector: 'tr', format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    { selector: 'td', format: 'inlineSurround', options: { suffix: ' ' } },
    { selector: 'th', format: 'inlineSurround', options: { suffix: ' ' } },
  ],
})

const firstOf = (selector: string) =>
  compile({
    wordwrap: false,
    baseElements: { selectors: [selector], returnDomByDefault: false },
    limits: { maxBaseElements: 1 },
    selectors: [{ selector: 'h1', format: 'inline' }, ...skip(['script', 'style', 'img'])],
  })

// The first <h1> names an article better than <title>, which often carries the site's name too.
const headingOf = firstOf('h1')
const titleOf = firstOf('title')

export function htmlText(html: string): { text: string; title?: string } {
  const title = [headingOf(html), titleOf(html)].map((text) => text.replace(/\s+/g, ' ').trim()).find(Boolean)
  return { text: htmlBody(html), title }
}

/** The character set an HTML file declares in its first kilobyte, if any. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]
}

const FENCE = /^ {0,3}(```|~~~)/
const ATX_HEADING = /^ {0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$/
// A thematic break, or the underline of a setext heading: both leave a block boundary.
const RULE = /^ {0,3}([-*_=])(?:\s*\1){2,}\s*$/
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S+.*$/

function stripInline(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(?<![\p{L}\p{N}*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\p{L}\p{N}*])/gu, '$1')
    .replace(/(?<![\p{L}\p{N}_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\p{L}\p{N}_])/gu, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1')
}

/**
 * Markdown as the prose it stands for, stripped lightly: heading marks, emphasis, link targets
 * and quote marks go, since students highlight and cite this text and stray `#` or `*` would be
 * noise in the reader (and would spoil the importer's title guess). Lists keep their markers,
 * which the reader shows as lists; code keeps its text. No Markdown parser: a line it does not
 * recognise stays as written, which for prose is still readable.
 */
export function markdownText(markdown: string): { text: string; title?: string } {
  let inCode = false
  let title: string | undefined
  const lines: string[] = []
  const source = markdown.replace(/\r\n?/g, '\n').split('\n')
  source.forEach((raw, index) => {
    if (FENCE.test(raw)) {
      inCode = !inCode
      lines.push('')
      return
    }
    if (inCode) return void lines.push(raw)
    if (REFERENCE_DEFINITION.test(raw)) return
    if (RULE.test(raw)) {
      const previous = source[index - 1]?.trim()
      if (/^ {0,3}=/.test(raw) && previous) title ??= stripInline(previous)
      return void lines.push('')
    }
    let line = raw.replace(/^( {0,3}>\s?)+/, '').replace(/^(\s*)\+(\s+)/, '$1-$2')
    const heading = ATX_HEADING.exec(line)
    if (heading) {
      line = heading[1] ?? ''
      if (/^ {0,3}# /.test(raw)) title ??= stripInline(line)
      lines.push('', stripInline(line), '')
      return
    }
    lines.push(stripInline(line))
  })
  return { text: lines.join('\n'), title }
}
