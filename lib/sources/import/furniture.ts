// Page furniture recognised by the page's own structure: the element's tag, its ARIA role, its
// visibility, and the words its authors used in its class and id ("cookie-banner", "share-bar",
// "related-posts"). No list of phrases from any one site: these are the names the web at large
// gives such parts, the same kind of signal Readability's own candidate filter reads.

/** Why an element (with everything in it) is furniture, or undefined. */
export function furnitureReason(
  element: Element,
  context: { inArticle: boolean; holdsMainText: boolean },
): string | undefined {
  const tag = element.localName
  const role = element.getAttribute('role')?.toLowerCase()
  // The main text is never furniture, even where a script would reveal it (hidden until loaded).
  if (context.holdsMainText) return undefined
  if (isHidden(element)) return 'hidden on the page'
  if (tag === 'nav' || role === 'navigation' || role === 'menubar' || role === 'menu') return 'navigation'
  if (tag === 'dialog' || role === 'dialog' || role === 'alertdialog' || element.getAttribute('aria-modal') === 'true')
    return 'pop-up'
  if (role === 'banner' || (tag === 'header' && !context.inArticle)) return 'page header'
  if (role === 'contentinfo' || tag === 'footer')
    return context.inArticle ? 'end matter of the article (tags, sharing)' : 'page footer'
  if (tag === 'aside' || role === 'complementary') return 'sidebar'
  if (tag === 'form' || role === 'search' || role === 'form') return 'form'
  if (tag === 'button' || role === 'button' || role === 'toolbar' || role === 'tablist') return 'button'
  return reasonFromNames(element)
}

function isHidden(element: Element): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true
  const style = element.getAttribute('style')
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)
}

/** Class and id words, grouped by what they name. Matched as whole words of the names. */
const NAMED: [string, RegExp][] = [
  ['cookie or privacy notice', /^(?:cookies?|consent|gdpr|cmp|onetrust|privacy-?banner)$/],
  ['share buttons', /^(?:share|shares|sharing|sharebar|social|socials|sociallinks)$/],
  ['comments', /^(?:comments?|commentlist|disqus|respond|replies|discussion)$/],
  [
    'advertisement',
    /^(?:ads?|advert\w*|advertisement|sponsor\w*|promo\w*|dfp|adslot|adunit|banner-?ad|outbrain|taboola)$/,
  ],
  [
    'links to other articles',
    /^(?:related|recommended|recirc\w*|trending|popular|mostread|morestories|readmore|read-?next|upnext)$/,
  ],
  ['sign-up box', /^(?:newsletter|newsletters|subscribe|signup)$/],
  [
    'about the author',
    /^(?:bio|authorbio|aboutauthor|abouttheauthor|authorinfo|authorbox|contributor|byline|bylines)$/,
  ],
  ['tags', /^(?:tags|taglist|tagcloud|keywords)$/],
  ['breadcrumb', /^(?:breadcrumbs?|crumbs?)$/],
  ['navigation', /^(?:navbar|navigation|menu|megamenu|masthead|topbar|skiplinks?|pagination|pager)$/],
  ['sidebar', /^(?:sidebar|widget|widgets|rail)$/],
  ['page footer', /^(?:footer|site-?footer|colophon)$/],
  ['a summary box beside the text', /^(?:infobox|navbox|sidebox|factbox|vertical-?navbox)$/],
  ['table of contents', /^(?:toc|tableofcontents)$/],
  ['a note about other pages', /^(?:hatnote|dablink|rellink)$/],
  ["the site's tagline", /^(?:tagline|sitesub|site-?description)$/],
  ['categories', /^(?:catlinks|categories)$/],
]

/** Elements whose names never mark them as furniture: the document, its main parts, text-level runs. */
const NEVER_BY_NAME = new Set([
  'html',
  'body',
  'main',
  'article',
  'a',
  'span',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'em',
  'strong',
  'b',
  'i',
])

/** "share-bar_top socialLinks" → share, bar, top, social, links (and the joined forms). */
export function nameWordsOf(element: Element): string[] {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`
  if (names.length > 500) return []
  const words: string[] = []
  for (const name of names.split(/\s+/)) {
    if (!name) continue
    const parts = name
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
    words.push(...parts, parts.join(''))
  }
  return words
}

/** Words that name the text itself ("content-with-sidebar", "article-body pagination-first"). */
const NAMES_TEXT = /^(?:article|articles|body|content|contents|main|story|entry|post|text|column)$/

function reasonFromNames(element: Element): string | undefined {
  if (NEVER_BY_NAME.has(element.localName)) return undefined
  const words = nameWordsOf(element)
  if (words.length === 0 || words.some((word) => NAMES_TEXT.test(word))) return undefined
  for (const [reason, pattern] of NAMED) if (words.some((word) => pattern.test(word))) return reason
  return undefined
}

/** Class or id words that say an element is a picture's caption or credit. */
export function namesCaption(element: Element): boolean {
  if (element.localName === 'figcaption' || element.localName === 'caption' || element.localName === 'figure')
    return true
  return nameWordsOf(element).some((word) =>
    /^(?:caption|captions|credit|credits|imagecredit|photocredit|wp-caption-text)$/.test(word),
  )
}
