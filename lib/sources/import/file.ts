// An uploaded file (.txt, .md, .html, .docx, .pdf) as the blocks of its text and its metadata,
// ready for the preview. Pure: no server or framework code, so it runs in a job worker thread
// (lib/jobs/tasks/parse-upload.ts) under a time and memory budget. Every refusal is an Invalid or
// a TooComplex with a sentence the person can act on.
import { Invalid } from '@/lib/errors'
import { importText } from '../importer'
import { MAX_SOURCE_CHARS } from '../schema'
import { MAX_UPLOAD_BYTES, TOO_LARGE_MESSAGE } from '../upload'
import { docxImport } from './docx'
import type { ImportResult } from './draft'
import { importHtml } from './html'
import { markdownImport } from './markdown'
import { pdfImport } from './pdf'

export interface UploadedFile {
  name: string
  type?: string
  bytes: Uint8Array
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

export const TOO_LONG = `This file holds more text than one source may (at most ${MAX_SOURCE_CHARS.toLocaleString('en')} characters). Split it into several sources.`

export const DOCX_UNREADABLE =
  'This .docx file could not be read; it may be damaged. Open it in Word and save it again, or paste the text instead.'

export async function importFile(file: UploadedFile): Promise<ImportResult> {
  const { bytes } = file
  if (bytes.length > MAX_UPLOAD_BYTES) throw new Invalid(TOO_LARGE_MESSAGE)
  if (bytes.length === 0) throw new Invalid('This file is empty.')
  const result = await importByFormat(formatOf(file), bytes)
  const kept = result.blocks.filter((block) => !block.junkReason)
  if (result.blocks.length === 0) throw new Invalid('No text was found in this file.')
  if (kept.reduce((sum, block) => sum + block.text.length + 2, 0) > MAX_SOURCE_CHARS) throw new Invalid(TOO_LONG)
  return result
}

function importByFormat(format: Format, bytes: Uint8Array): Promise<ImportResult> {
  switch (format) {
    case 'pdf':
      return pdfImport(bytes)
    case 'docx':
      return docxImport(bytes)
    case 'html':
      return Promise.resolve(importHtml(decodeText(bytes, declaredCharset(bytes))))
    case 'markdown':
      return Promise.resolve(markdownImport(withinLength(decodeText(bytes))))
    case 'text':
      return Promise.resolve(importText(withinLength(decodeText(bytes))))
  }
}

/**
 * The format to read the file as: its content's signature first, then its name, then its media
 * type. A file whose name lies about it (a PDF called essay.txt, a zip called .html) is read as
 * what it is, or refused.
 */
function formatOf({ name, type, bytes }: UploadedFile): Format {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase()
  const mediaType = type?.split(';')[0]?.trim().toLowerCase()
  const declared = (extension && BY_EXTENSION[extension]) || (mediaType && BY_MEDIA_TYPE[mediaType]) || undefined
  if (startsWith(bytes, '%PDF-')) return 'pdf'
  if (startsWith(bytes, '\xd0\xcf\x11\xe0')) {
    throw new Invalid(
      'This is an older Word (.doc) file or a password-protected document. Open it in Word, save it as .docx without a password, and upload that.',
    )
  }
  if (startsWith(bytes, 'PK\x03\x04')) {
    if (declared === 'docx' || !declared) return 'docx'
    throw new Invalid(
      `This file is a compressed archive, not ${declared === 'markdown' ? 'Markdown' : declared === 'html' ? 'HTML' : 'text'}. ${SUPPORTED}`,
    )
  }
  if (!declared) throw new Invalid(extension ? `“.${extension}” files cannot be read. ${SUPPORTED}` : SUPPORTED)
  if (declared === 'docx') throw new Invalid(DOCX_UNREADABLE)
  if (declared === 'pdf')
    throw new Invalid(
      'This file is called a PDF but is not one. Open it and save it as PDF again, or paste the text instead.',
    )
  return declared
}

/**
 * Plain text or Markdown far past what one source may hold is refused before it is read: even if
 * three quarters of it were page furniture, the rest would not fit.
 */
function withinLength(text: string): string {
  if (text.length > 4 * MAX_SOURCE_CHARS) throw new Invalid(TOO_LONG)
  return text
}

/** The character set an HTML file declares in its first kilobyte, if any. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  return /<meta[^>]{0,200}charset\s*=\s*["']?\s*([\w.:-]{1,40})/i.exec(head)?.[1]
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
    return new TextDecoder(encoding, { fatal: true }).decode(bytes).replace(/^\ufeff/, '')
  } catch {
    throw new Invalid(
      'This file is not valid UTF-8 text. Save it as UTF-8 (plain text) and upload it again, or paste the text instead.',
    )
  }
}

function legacyDecoder(charset: string): TextDecoder | undefined {
  try {
    return new TextDecoder(charset)
  } catch {
    return undefined
  }
}

function startsWith(bytes: Uint8Array, signature: string): boolean {
  return [...signature].every((char, i) => bytes[i] === char.charCodeAt(0))
}
