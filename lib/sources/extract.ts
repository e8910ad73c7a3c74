// Text out of an uploaded file (.txt, .md, .html, .docx, .pdf), paragraphs as blocks separated by
// a blank line, ready for the importer preview. Nothing is stored; every refusal is an Invalid
// with a sentence the person can act on.
import 'server-only'
import mammoth from 'mammoth'
import { AppError, Invalid } from '@/lib/errors'
import { declaredCharset, htmlText, markdownText } from './extract-markup'
import { pdfText } from './extract-pdf'
import { MAX_SOURCE_CHARS } from './schema'
import { MAX_UPLOAD_BYTES, TOO_LARGE_MESSAGE } from './upload'

export interface UploadedFile {
  name: string
  type?: string
  bytes: Uint8Array
}

interface ExtractedText {
  text: string
  /** A title the file states (document metadata, first heading), when it has one. */
  title?: string
}

type Format = 'text' | 'markdown' | 'html' | 'docx' | 'pdf'

const BY_EXTENSION: Record<string, Format> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  docx: 'docx',
  pdf: 'pdf',
}

const BY_MEDIA_TYPE: Record<string, Format> = {
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
}

const SUPPORTED = 'Upload a .txt, .md, .html, .docx or .pdf file, or paste the text instead.'

const TOO_LONG = `This file holds more text than one source may (at most ${MAX_SOURCE_CHARS.toLocaleString('en')} characters). Split it into several sources.`

const DOCX_UNREADABLE = 'This .docx file could not be read; it may be damaged. Open it in Word and save it again, or paste the text instead.'

/** A .docx is a zip; one that would unpack to more than this is refused before unpacking (zip bombs). */
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

export async function extractText(file: UploadedFile): Promise<ExtractedText> {
  const { bytes } = file
  if (bytes.length > MAX_UPLOAD_BYTES) throw new Invalid(TOO_LARGE_MESSAGE)
  if (bytes.length === 0) throw new Invalid('This file is empty.')
  const extracted = await extractByFormat(formatOf(file), bytes)
  const text = tidy(extracted.text)
  if (!text) throw new Invalid('No text was found in this file.')
  if (text.length > MAX_SOURCE_CHARS) throw new Invalid(TOO_LONG)
  const title = extracted.title?.replace(/\s+/g, ' ').trim()
  return title && title.length <= 300 ? { text, title } : { text }
}

function extractByFormat(format: Format, bytes: Uint8Array): Promise<ExtractedText> {
  switch (format) {
    case 'pdf':
      return pdfText(bytes, MAX_SOURCE_CHARS, TOO_LONG)
    case 'docx':
      return docxText(bytes)
    case 'html':
      return Promise.resolve(htmlText(decodeText(bytes, declaredCharset(bytes))))
    case 'markdown':
      return Promise.resolve(markdownText(decodeText(bytes)))
    case 'text':
      return Promise.resolve({ text: decodeText(bytes) })
  }
}

/** The format to read the file as: its content's signature first, then its name, then its media type. */
function formatOf({ name, type, bytes }: UploadedFile): Format {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase()
  const mediaType = type?.split(';')[0]?.trim().toLowerCase()
  const declared = (extension && BY_EXTENSION[extension]) || (mediaType && BY_MEDIA_TYPE[mediaType]) || undefined
  if (startsWith(bytes, '%PDF-')) return 'pdf'
  if (startsWith(bytes, '\xd0\xcf\x11\xe0')) {
    throw new Invalid('This is an older Word (.doc) file or a password-protected document. Open it in Word, save it as .docx without a password, and upload that.')
  }
  if (!declared) throw new Invalid(extension ? `“.${extension}” files cannot be read. ${SUPPORTED}` : SUPPORTED)
  if (declared === 'docx' && !startsWith(bytes, 'PK\x03\x04')) throw new Invalid(DOCX_UNREADABLE)
  return declared
}

async function docxText(bytes: Uint8Array): Promise<ExtractedText> {
  if (unzippedSize(bytes) > MAX_UNZIPPED_BYTES) throw new Invalid(DOCX_UNREADABLE)
  try {
    // mammoth separates paragraphs with a blank line already.
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
    return { text: value }
  } catch (error) {
    throw error instanceof AppError ? error : new Invalid(DOCX_UNREADABLE)
  }
}

/** The unpacked size a zip declares in its central directory; Infinity when it cannot tell. */
function unzippedSize(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let end = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at
      break
    }
  }
  if (end < 0) return Infinity
  const entries = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  let total = 0
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return Infinity
    const size = view.getUint32(at + 24, true)
    if (size === 0xffffffff) return Infinity // zip64: far beyond any essay
    total += size
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return total
}

/** Text in UTF-8 (or UTF-16 with a byte-order mark, or an HTML file's declared charset); binary refused. */
function decodeText(bytes: Uint8Array, charset?: string): string {
  if (startsWith(bytes, '\xff\xfe')) return decodeStrictly('utf-16le', bytes.subarray(2))
  if (startsWith(bytes, '\xfe\xff')) return decodeStrictly('utf-16be', bytes.subarray(2))
  if (bytes.includes(0)) throw new Invalid('This file looks like binary data, not text. ' + SUPPORTED)
  try {
    return decodeStrictly('utf-8', bytes)
  } catch (error) {
    const legacy = charset && !/^utf-?8$/i.test(charset) ? legacyDecoder(charset) : undefined
    if (legacy) return legacy.decode(bytes)
    throw error
  }
}

function decodeStrictly(encoding: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes)
  } catch {
    throw new Invalid('This file is not valid UTF-8 text. Save it as UTF-8 (plain text) and upload it again, or paste the text instead.')
  }
}

function legacyDecoder(charset: string): TextDecoder | undefined {
  try {
    return new TextDecoder(charset)
  } catch {
    return undefined
  }
}

/** Line breaks unified, control characters gone, at most one blank line between blocks. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\s+$/g, '')
}

function startsWith(bytes: Uint8Array, signature: string): boolean {
  return [...signature].every((char, i) => bytes[i] === char.charCodeAt(0))
}
