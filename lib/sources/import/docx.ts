// A .docx as blocks: mammoth turns it into HTML with headings from the paragraph styles (Heading 1–6,
// Title), lists with their numbering, block quotes from quote styles, and footnotes and endnotes
// at the end; page headers and footers are never read. The zip is checked first (zip-guard.ts),
// counting what it really inflates to. Title, author and date come from the document properties.
import mammoth from 'mammoth'
import { AppError, Invalid } from '@/lib/errors'
import { yearIn } from './byline'
import type { ImportedMetadata, ImportResult } from './draft'
import { importConvertedHtml } from './html'
import { inspectZip } from './zip-guard'

const DOCX_UNREADABLE =
  'This .docx file could not be read; it may be damaged. Open it in Word and save it again, or paste the text instead.'
const CORE_PROPERTIES = 'docProps/core.xml'

const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
]

export async function docxImport(bytes: Uint8Array): Promise<ImportResult> {
  const { texts } = inspectZip(bytes, [CORE_PROPERTIES], DOCX_UNREADABLE)
  let html: string
  try {
    html = (
      await mammoth.convertToHtml(
        { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
        { styleMap: STYLE_MAP },
      )
    ).value
  } catch (error) {
    throw error instanceof AppError ? error : new Invalid(DOCX_UNREADABLE)
  }
  return importConvertedHtml(notesApart(html), coreProperties(texts.get(CORE_PROPERTIES)))
}

/**
 * Mammoth ends the document with the notes as one list with "↑" links back to the text. They
 * become a "Notes" section, one paragraph per note with its number, so each can be cited.
 */
function notesApart(html: string): string {
  const start = html.search(/<ol>\s*<li id="(?:footnote|endnote)-/)
  if (start < 0) return html
  const notes = html.slice(start)
  const items = [...notes.matchAll(/<li id="(?:footnote|endnote)-(\d+)">([\s\S]*?)<\/li>/g)]
  const paragraphs = items.map(([, number, body]) => {
    const text = body!.replace(/<a href="#(?:footnote|endnote)-ref-\d+">[^<]*<\/a>/g, '').replace(/<\/?p>/g, ' ')
    return `<p>${number}. ${text}</p>`
  })
  return `${html.slice(0, start)}<h2>Notes</h2>${paragraphs.join('')}`
}

/** Title, creator and dates from docProps/core.xml. */
function coreProperties(xml: string | undefined): ImportedMetadata {
  if (!xml || xml.length > 100_000) return {}
  const field = (name: string) => {
    const match = new RegExp(`<${name}(?:\\s[^>]{0,200})?>([^<]{0,500})</${name}>`).exec(xml)
    return match?.[1] ? decodeEntities(match[1]).trim() || undefined : undefined
  }
  const title = field('dc:title')
  const author = field('dc:creator')
  const date = field('dcterms:created')
  return {
    ...(title && !/^(?:untitled|document\d*)$/i.test(title) ? { title } : {}),
    ...(author && !/^(?:microsoft office user|user|admin|administrator|author|owner)$/i.test(author) ? { author } : {}),
    ...(date && yearIn(date) ? { year: yearIn(date) } : {}),
  }
}

const decodeEntities = (text: string) =>
  text.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_, entity: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[entity]!,
  )
