// The fonts exports embed and measure text with: DejaVu (TrueType from npm, wide Unicode
// coverage, free licence), so lines wrapped for the map fit alike in the PDF, SVG and PNG.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { create, type Font } from 'fontkit'
import PDFDocument from 'pdfkit'
import type { FontFace, MeasureText } from './map-drawing'

// Read from disk at run time rather than imported, so no bundler has to understand font files.
const FONT_DIR = join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf')

const FILES: Record<FontFace, string> = { sans: 'DejaVuSans.ttf', sansBold: 'DejaVuSans-Bold.ttf', serif: 'DejaVuSerif.ttf' }

export const FONT_FACES = Object.keys(FILES) as FontFace[]


// OpenType layout tables make setting each word about ten times slower, and their ligatures
// would garble copied text; without them, text is set glyph by glyph, kerned by the `kern` table.
const LAYOUT_TABLES = new Set(['GSUB', 'GPOS', 'GDEF', 'MATH', 'FFTM'])

/** A TrueType font file with some tables left out (the others copied as they are). */
function withoutTables(font: Buffer, drop: ReadonlySet<string>): Buffer {
  const records = Array.from({ length: font.readUInt16BE(4) }, (_, i) => {
    const at = 12 + i * 16
    return { tag: font.toString('latin1', at, at + 4), checksum: font.readUInt32BE(at + 4), offset: font.readUInt32BE(at + 8), length: font.readUInt32BE(at + 12) }
  }).filter((record) => !drop.has(record.tag))
  const padded = (length: number) => (length + 3) & ~3
  const header = 12 + records.length * 16
  const out = Buffer.alloc(records.reduce((size, record) => size + padded(record.length), header))
  font.copy(out, 0, 0, 4)
  const power = 2 ** Math.floor(Math.log2(records.length))
  out.writeUInt16BE(records.length, 4)
  out.writeUInt16BE(power * 16, 6)
  out.writeUInt16BE(Math.log2(power), 8)
  out.writeUInt16BE(records.length * 16 - power * 16, 10)
  let offset = header
  records.forEach((record, i) => {
    const at = 12 + i * 16
    out.write(record.tag, at, 'latin1')
    out.writeUInt32BE(record.checksum, at + 4)
    out.writeUInt32BE(offset, at + 8)
    out.writeUInt32BE(record.length, at + 12)
    font.copy(out, offset, record.offset, record.offset + record.length)
    offset += padded(record.length)
  })
  return out
}

// Read and parsed once per process: decoding a font's tables costs more than drawing a whole map.
let files: Record<FontFace, Buffer> | undefined
let parsed: Record<FontFace, Font> | undefined

/** The font files as embedded, for renderers that take fonts as bytes. */
export function fontFiles(): Record<FontFace, Buffer> {
  const read = (face: FontFace) => withoutTables(readFileSync(join(FONT_DIR, FILES[face])), LAYOUT_TABLES)
  files ??= { sans: read('sans'), sansBold: read('sansBold'), serif: read('serif') }
  return files
}

function fonts(): Record<FontFace, Font> {
  const data = fontFiles()
  parsed ??= { sans: create(data.sans) as Font, sansBold: create(data.sansBold) as Font, serif: create(data.serif) as Font }
  return parsed
}

/** A PDF document with the fonts registered under their face names, set in the sans face. */
export function pdfWithFonts(options: PDFKit.PDFDocumentOptions = {}): PDFKit.PDFDocument {
  // pdfkit takes a parsed fontkit font wherever it takes a font file; its types only know files.
  const faces = fonts() as unknown as Record<FontFace, Buffer>
  // No default font: pdfkit would load its built-in Helvetica, or open DejaVu Sans a second time.
  const doc = new PDFDocument({ ...options, font: null as unknown as string })
  for (const face of FONT_FACES) doc.registerFont(face, faces[face])
  return doc.font('sans')
}

/** Measures with the document's own fonts, kerning included, remembering each answer. */
export function measurerFor(doc: PDFKit.PDFDocument): MeasureText {
  const known = new Map<string, number>()
  return (text, face, size) => {
    const key = `${face}\u0000${size}\u0000${text}`
    let width = known.get(key)
    if (width === undefined) {
      width = doc.font(face).fontSize(size).widthOfString(text)
      known.set(key, width)
    }
    return width
  }
}

/** For exports that are not PDFs: the same measurements, from a document that is never written. */
export const newMeasurer = (): MeasureText => measurerFor(pdfWithFonts({ autoFirstPage: false }))
