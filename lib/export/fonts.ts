// Fonts in a PDF document and the measurements every export wraps text with. A face (sans,
// sansBold, serif) is DejaVu plus a chain of Noto fallbacks (font-files.ts); text is split into
// runs per font (text-runs.ts) and each run is measured, and drawn, with the font that has it,
// shaped by fontkit with its OpenType tables (Arabic joined, marks placed, emoji sequences).
// pdfkit embeds only the glyphs a document uses, so files stay small whatever the scripts.
import type { Font, GlyphRun } from 'fontkit'
import PDFDocument from 'pdfkit'
import { coversFor, fontId, parsedFont } from './font-files'
import type { FontFace, MeasureText } from './map-drawing'
import { fontRuns, shapesRightToLeft, type FontKey } from './text-runs'

export const FONT_FACES: FontFace[] = ['sans', 'sansBold', 'serif']

/**
 * pdfkit's name for a font: the face's own name for its base font, so `doc.font('sans')` works; for
 * a fallback, its file, so faces that share one (sans and serif) embed it once.
 */
const fontName = (face: FontFace, key: FontKey) => (key === 'base' ? face : fontId(face, key))

const directedFonts = new Map<Font, Font>()
const MAX_REMEMBERED = 20_000

/** A glyph run pdfkit may change (it scales the positions in place), leaving the original as it was. */
function copyOf(run: GlyphRun): GlyphRun {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run)
  copy.glyphs = [...run.glyphs]
  copy.positions = run.positions.map((position) =>
    Object.assign(Object.create(Object.getPrototypeOf(position) as object) as typeof position, position),
  )
  return copy
}

/**
 * The font as pdfkit is given it: its layout takes the direction from the text, since pdfkit asks
 * for none and fontkit would otherwise guess from the script, reversing Arabic-Indic digits too.
 * A glyph standing for several characters in a right-to-left run (the lam-alef ligature) lists
 * them in visual order, as the rest of the run is: text extraction reverses the run as a whole.
 */
function directed(font: Font): Font {
  let proxy = directedFonts.get(font)
  if (!proxy) {
    // pdfkit remembers only what it lays out word by word; right-to-left runs it is given whole.
    const known = new Map<string, GlyphRun>()
    const layout: Font['layout'] = (text, features, script, language, direction) => {
      const key = typeof text === 'string' && !features?.length && !script && !direction ? text : null
      const hit = key === null ? undefined : known.get(key)
      if (hit) return copyOf(hit)
      const rtl = (direction ?? (shapesRightToLeft(String(text)) ? 'rtl' : 'ltr')) === 'rtl'
      const run = font.layout(text, features ?? [], script, language, rtl ? 'rtl' : 'ltr')
      if (rtl)
        run.glyphs = run.glyphs.map((glyph) =>
          glyph.codePoints.length > 1
            ? Object.create(glyph, { codePoints: { value: [...glyph.codePoints].reverse() } })
            : glyph,
        )
      if (key !== null) {
        if (known.size >= MAX_REMEMBERED) known.clear()
        known.set(key, copyOf(run))
      }
      return run
    }
    proxy = new Proxy(font, {
      get: (target, property) => (property === 'layout' ? layout : Reflect.get(target, property, target)),
    })
    directedFonts.set(font, proxy)
  }
  return proxy
}

const registered = new WeakMap<PDFKit.PDFDocument, Set<string>>()

/** Sets the document's font to one of a face's fonts, registering it on first use. */
export function setFont(doc: PDFKit.PDFDocument, face: FontFace, key: FontKey = 'base'): PDFKit.PDFDocument {
  const name = fontName(face, key)
  let names = registered.get(doc)
  if (!names) registered.set(doc, (names = new Set()))
  if (!names.has(name)) {
    // pdfkit takes a parsed fontkit font wherever it takes a font file; its types only know files.
    doc.registerFont(name, directed(parsedFont(face, key)) as unknown as Buffer)
    names.add(name)
  }
  return doc.font(name)
}

/** Right-to-left runs are shaped whole: pdfkit's per-word layout would set their words in logical order. */
export const layoutOptions = (text: string): { features?: [] } => (shapesRightToLeft(text) ? { features: [] } : {})

/** A PDF document with the base fonts registered under their face names, set in the sans face. */
export function pdfWithFonts(options: PDFKit.PDFDocumentOptions = {}): PDFKit.PDFDocument {
  // No default font: pdfkit would load its built-in Helvetica, or open DejaVu Sans a second time.
  const doc = new PDFDocument({ ...options, font: null as unknown as string })
  for (const face of FONT_FACES) setFont(doc, face)
  return setFont(doc, 'sans')
}

/** Width of one run in one font, as the document will draw it. */
export function runWidth(doc: PDFKit.PDFDocument, face: FontFace, key: FontKey, size: number, text: string): number {
  return setFont(doc, face, key).fontSize(size).widthOfString(text, layoutOptions(text))
}

/** Measures with the document's own fonts, each run in the font that draws it, remembering each answer. */
export function measurerFor(doc: PDFKit.PDFDocument): MeasureText {
  const known = new Map<string, number>()
  const covers = { sans: coversFor('sans'), sansBold: coversFor('sansBold'), serif: coversFor('serif') }
  return (text, face, size) => {
    const key = `${face}\u0000${size}\u0000${text}`
    let width = known.get(key)
    if (width === undefined) {
      width = fontRuns(text, covers[face]).reduce((sum, run) => sum + runWidth(doc, face, run.font, size, run.text), 0)
      known.set(key, width)
    }
    return width
  }
}

/** For exports that are not PDFs: the same measurements, from a document that is never written. */
export const newMeasurer = (): MeasureText => measurerFor(pdfWithFonts({ autoFirstPage: false }))
