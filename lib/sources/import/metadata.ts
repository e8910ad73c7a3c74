// A page's own statement of what it is, in the order scholars trust it: Google Scholar's
// citation_* tags, schema.org JSON-LD (Article and its kinds), Dublin Core, Open Graph and
// article:* tags, then plain <meta name="author">, the first <h1> and <title>.
import { parseByline, yearIn } from './byline'
import type { ImportedMetadata } from './draft'

const ARTICLE_TYPES =
  /^(?:Article|NewsArticle|BlogPosting|ScholarlyArticle|Report|OpinionNewsArticle|AnalysisNewsArticle|ReportageNewsArticle|TechArticle|SocialMediaPosting|LiveBlogPosting|Chapter|Book|CreativeWork|WebPage)$/
const MAX_JSON_LD_CHARS = 200_000

export function htmlMetadata(document: Document): ImportedMetadata {
  const meta = metaTags(document)
  const ld = jsonLdArticle(document)
  const first = (...names: string[]) => names.map((name) => meta.get(name)?.[0]).find((value) => value)
  const all = (name: string) => meta.get(name) ?? []

  const title =
    first('citation_title', 'dc.title', 'dcterms.title') ??
    ld?.title ??
    first('og:title', 'twitter:title') ??
    headingOrTitle(document)
  const authors =
    all('citation_author').length > 0
      ? all('citation_author').map(surnameLast)
      : ld?.authors.length
        ? ld.authors
        : personNames(all('author'), all('article:author'), all('dc.creator'), all('dcterms.creator'))
  const date =
    first(
      'citation_publication_date',
      'citation_date',
      'citation_online_date',
      'citation_year',
      'dc.date',
      'dcterms.issued',
      'dcterms.date',
    ) ??
    ld?.date ??
    first('article:published_time', 'og:published_time', 'date', 'pubdate', 'publish-date', 'sailthru.date') ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined
  const url =
    document.querySelector('link[rel~="canonical"]')?.getAttribute('href') ??
    first('og:url', 'citation_abstract_html_url', 'citation_fulltext_html_url', 'dc.identifier') ??
    ld?.url
  const publisher =
    first(
      'citation_journal_title',
      'citation_publisher',
      'citation_conference_title',
      'dc.publisher',
      'dcterms.publisher',
    ) ??
    ld?.publisher ??
    first('og:site_name', 'application-name')

  const year = date ? yearIn(date) : undefined
  return tidyMetadata({ title, author: authors.join('; ') || undefined, year, url: absoluteUrl(url), publisher })
}

/** Metadata as the form's fields take it: single lines, sensible lengths, plausible years. */
export function tidyMetadata(metadata: ImportedMetadata): ImportedMetadata {
  const line = (value: string | undefined, max: number) => {
    const text = value?.replace(/\s+/g, ' ').trim()
    return text && text.length <= max ? text : undefined
  }
  const tidy: ImportedMetadata = {}
  const title = line(metadata.title, 300)
  const author = line(metadata.author, 200)
  const publisher = line(metadata.publisher, 200)
  const url = line(metadata.url, 2000)
  if (title) tidy.title = title
  if (author) tidy.author = author
  if (metadata.year && metadata.year >= 1000 && metadata.year <= 2100) tidy.year = metadata.year
  if (url && /^https?:\/\//i.test(url)) tidy.url = url
  if (publisher) tidy.publisher = publisher
  return tidy
}

function metaTags(document: Document): Map<string, string[]> {
  const tags = new Map<string, string[]>()
  for (const element of document.querySelectorAll('meta[content]')) {
    const name = (
      element.getAttribute('name') ??
      element.getAttribute('property') ??
      element.getAttribute('itemprop') ??
      ''
    )
      .trim()
      .toLowerCase()
    const content = element.getAttribute('content')?.trim()
    if (!name || !content) continue
    tags.set(name, [...(tags.get(name) ?? []), content])
  }
  return tags
}

/** "Madison, James" → "James Madison", as citation_author is often written. */
function surnameLast(name: string): string {
  const parts = name.split(',').map((part) => part.trim())
  return parts.length === 2 && parts[0] && parts[1] ? `${parts[1]} ${parts[0]}` : name.trim()
}

/** Author fields that hold names (not profile URLs), each parsed like a byline. */
function personNames(...sources: string[][]): string[] {
  for (const values of sources) {
    const names = values
      .filter((value) => !/^https?:|\/\//.test(value))
      .map((value) => parseByline(value, { bare: true })?.author ?? value.trim())
    if (names.length > 0) return [...new Set(names.flatMap((name) => name.split('; ')))]
  }
  return []
}

function headingOrTitle(document: Document): string | undefined {
  const heading = document.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim()
  if (heading) return heading
  const title = document.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim()
  // "Article title | Site name": the longest part is the article's.
  return title?.split(/\s[|–—·»:-]\s/).reduce((a, b) => (b.length > a.length ? b : a))
}

function absoluteUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined
  } catch {
    return undefined
  }
}

interface LdArticle {
  title?: string
  authors: string[]
  date?: string
  url?: string
  publisher?: string
}

function jsonLdArticle(document: Document): LdArticle | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? ''
    if (text.length > MAX_JSON_LD_CHARS) continue
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch {
      continue
    }
    const article = findArticle(data, 0)
    if (article) return readArticle(article)
  }
  return undefined
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

function findArticle(data: unknown, depth: number): Json | undefined {
  if (depth > 4) return undefined
  if (Array.isArray(data)) {
    for (const item of data.slice(0, 50)) {
      const found = findArticle(item, depth + 1)
      if (found) return found
    }
    return undefined
  }
  if (!isObject(data)) return undefined
  const types = ([] as unknown[]).concat(data['@type'] ?? [])
  if (types.some((type) => typeof type === 'string' && ARTICLE_TYPES.test(type) && type !== 'WebPage')) return data
  return (
    findArticle(data['@graph'], depth + 1) ??
    (types.includes('WebPage') ? findArticle(data.mainEntity, depth + 1) : undefined)
  )
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined
  if (isObject(value) && typeof value.name === 'string') return value.name.trim() || undefined
  return undefined
}

function readArticle(article: Json): LdArticle {
  const authors = ([] as unknown[])
    .concat(article.author ?? article.creator ?? [])
    .slice(0, 20)
    .map(nameOf)
    .filter((name): name is string => !!name && !/^https?:/.test(name))
  const url =
    typeof article.url === 'string'
      ? article.url
      : isObject(article.mainEntityOfPage)
        ? nameOf(article.mainEntityOfPage['@id'])
        : undefined
  return {
    title: nameOf(article.headline) ?? nameOf(article.name),
    authors,
    date: nameOf(article.datePublished) ?? nameOf(article.dateCreated),
    url,
    publisher: nameOf(article.publisher) ?? nameOf(article.isPartOf),
  }
}
