// Markdown as blocks: YAML front matter becomes the metadata (title, author or authors, date or
// year, url, publisher or site), never a paragraph; the body goes through marked (CommonMark and
// GitHub's extensions) to HTML and is read by structure like any converted document, so block
// quotes are quotes (no "> " left in the text) and lists keep their numbers.
import { marked } from 'marked'
import { parse as parseYaml } from 'yaml'
import { parseByline, yearIn } from './byline'
import type { ImportedMetadata, ImportResult } from './draft'
import { importConvertedHtml } from './html'

const MAX_FRONT_MATTER_LINES = 200

export function markdownImport(markdown: string): ImportResult {
  const { metadata, body } = frontMatter(markdown.replace(/\r\n?/g, '\n'))
  const html = marked.parse(body, { async: false, gfm: true })
  return importConvertedHtml(html, metadata)
}

/** Splits off a front matter block ("---" … "---" at the very top) and reads it as YAML. */
function frontMatter(markdown: string): { metadata: ImportedMetadata; body: string } {
  if (!markdown.startsWith('---\n')) return { metadata: {}, body: markdown }
  const lines = markdown.split('\n', MAX_FRONT_MATTER_LINES + 2)
  const end = lines.findIndex((line, i) => i > 0 && /^(?:---|\.\.\.)\s*$/.test(line))
  if (end < 0) return { metadata: {}, body: markdown }
  const yaml = lines.slice(1, end).join('\n')
  const body = markdown.slice(lines.slice(0, end + 1).join('\n').length + 1)
  let data: unknown
  try {
    data = parseYaml(yaml, { maxAliasCount: 20 })
  } catch {
    // Not YAML after all: keep the text, drop nothing.
    return { metadata: {}, body: markdown }
  }
  return { metadata: metadataOf(data), body }
}

function metadataOf(data: unknown): ImportedMetadata {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {}
  const fields = new Map(Object.entries(data).map(([key, value]) => [key.toLowerCase(), value]))
  const text = (...keys: string[]) => {
    for (const key of keys) {
      const value = fields.get(key)
      if (typeof value === 'string' && value.trim()) return value.trim()
      if (typeof value === 'number') return String(value)
      if (value instanceof Date) return value.toISOString()
    }
    return undefined
  }
  const authors = [fields.get('author'), fields.get('authors'), fields.get('creator')]
    .flatMap((value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]))
    .map((value) =>
      typeof value === 'string'
        ? value
        : typeof value === 'object' && value && 'name' in value && typeof value.name === 'string'
          ? value.name
          : '',
    )
    .map((name) => parseByline(name, { bare: true })?.author ?? name.trim())
    .filter(Boolean)
  const date = text('year', 'date', 'published', 'issued', 'created')
  return {
    ...(text('title') ? { title: text('title') } : {}),
    ...(authors.length > 0 ? { author: authors.join('; ') } : {}),
    ...(date && yearIn(date) ? { year: yearIn(date) } : {}),
    ...(text('url', 'link', 'canonical', 'source') ? { url: text('url', 'link', 'canonical', 'source') } : {}),
    ...(text('publisher', 'site', 'journal', 'publication')
      ? { publisher: text('publisher', 'site', 'journal', 'publication') }
      : {}),
  }
}
