// The font files every export draws with, all from npm so nothing is fetched at run time:
// DejaVu for Latin, Greek, Cyrillic and symbols (as before), and Noto for the rest: Naskh Arabic,
// Sans Hebrew, Sans Devanagari, Sans JP / SC / KR and Noto Emoji (outlines, so PDF viewers and the
// PNG renderer can draw it). All TrueType: subsetting TrueType outlines costs milliseconds per font,
// where the CFF editions of the CJK fonts took a quarter of a second and 40 KB each (their shared
// subroutines cannot be dropped). Each file is read and parsed on first use only.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { create, type Font } from 'fontkit'
import type { FontFace } from './map-drawing'
import type { Covers, FontKey } from './text-runs'

// Read from disk at run time rather than imported, so no bundler has to understand font files.
const MODULES = join(process.cwd(), 'node_modules')

interface FontFile {
  path: string
  /** Family names for SVG: the file's own, which the PNG renderer matches. */
  families: string[]
  /**
   * Layout tables left out where shaping gains nothing: DejaVu's make setting Latin about ten times
   * slower (and its ligatures would garble copied text); the CJK fonts' only change vertical forms.
   */
  plain?: boolean
}

const dejavu = (file: string, family: string): FontFile => ({
  path: join(MODULES, 'dejavu-fonts-ttf', 'ttf', file),
  families: [family],
  plain: true,
})
const embedpdf = (pkg: string, file: string, family: string): FontFile => ({
  path: join(MODULES, '@embedpdf', pkg, 'fonts', file),
  families: [family],
})
const expo = (pkg: string, file: string, family: string, plain = false): FontFile => ({
  path: join(MODULES, '@expo-google-fonts', pkg, file),
  families: [family],
  plain,
})

const REGULAR: Record<Exclude<FontKey, 'base'>, FontFile> = {
  arabic: embedpdf('fonts-arabic', 'NotoNaskhArabic-Regular.ttf', 'Noto Naskh Arabic'),
  hebrew: embedpdf('fonts-hebrew', 'NotoSansHebrew-Regular.ttf', 'Noto Sans Hebrew'),
  devanagari: expo('noto-sans-devanagari', '400Regular/NotoSansDevanagari_400Regular.ttf', 'Noto Sans Devanagari'),
  jp: expo('noto-sans-jp', '400Regular/NotoSansJP_400Regular.ttf', 'Noto Sans JP', true),
  sc: expo('noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf', 'Noto Sans SC', true),
  kr: expo('noto-sans-kr', '400Regular/NotoSansKR_400Regular.ttf', 'Noto Sans KR', true),
  emoji: expo('noto-emoji', '400Regular/NotoEmoji_400Regular.ttf', 'Noto Emoji'),
}

const BOLD: Record<Exclude<FontKey, 'base'>, FontFile> = {
  arabic: embedpdf('fonts-arabic', 'NotoNaskhArabic-Bold.ttf', 'Noto Naskh Arabic'),
  hebrew: embedpdf('fonts-hebrew', 'NotoSansHebrew-Bold.ttf', 'Noto Sans Hebrew'),
  devanagari: expo('noto-sans-devanagari', '700Bold/NotoSansDevanagari_700Bold.ttf', 'Noto Sans Devanagari'),
  jp: expo('noto-sans-jp', '700Bold/NotoSansJP_700Bold.ttf', 'Noto Sans JP', true),
  sc: expo('noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf', 'Noto Sans SC', true),
  kr: expo('noto-sans-kr', '700Bold/NotoSansKR_700Bold.ttf', 'Noto Sans KR', true),
  emoji: expo('noto-emoji', '700Bold/NotoEmoji_700Bold.ttf', 'Noto Emoji'),
}

// The serif face has no serif CJK, Hebrew or Devanagari here: the sans designs stand in.
const CATALOG: Record<FontFace, Record<FontKey, FontFile>> = {
  sans: { base: dejavu('DejaVuSans.ttf', 'DejaVu Sans'), ...REGULAR },
  sansBold: { base: dejavu('DejaVuSans-Bold.ttf', 'DejaVu Sans'), ...BOLD },
  serif: { base: dejavu('DejaVuSerif.ttf', 'DejaVu Serif'), ...REGULAR },
}

const LAYOUT_TABLES = new Set(['GSUB', 'GPOS', 'GDEF', 'MATH', 'FFTM'])

/** A TrueType font file with some tables left out (the others copied as they are). */
function withoutTables(font: Buffer, drop: ReadonlySet<string>): Buffer {
  const records = Array.from({ length: font.readUInt16BE(4) }, (_, i) => {
    const at = 12 + i * 16
    return {
      tag: font.toString('latin1', at, at + 4),
      checksum: font.readUInt32BE(at + 4),
      offset: font.readUInt32BE(at + 8),
      length: font.readUInt32BE(at + 12),
    }
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

// Read and parsed once per process, keyed by path (the serif face shares its fallbacks with sans):
// decoding a font's tables costs more than drawing a whole map.
const bytes = new Map<string, Buffer>()
const parsed = new Map<string, Font>()

/** The bytes of a face's font as embedded, for renderers that take fonts as bytes. */
export function fontBytes(face: FontFace, key: FontKey): Buffer {
  const file = CATALOG[face][key]
  let data = bytes.get(file.path)
  if (!data) {
    data = readFileSync(file.path)
    if (file.plain) data = withoutTables(data, LAYOUT_TABLES)
    bytes.set(file.path, data)
  }
  return data
}

export function parsedFont(face: FontFace, key: FontKey): Font {
  const { path } = CATALOG[face][key]
  let font = parsed.get(path)
  if (!font) {
    font = create(fontBytes(face, key)) as Font
    parsed.set(path, font)
  }
  return font
}

export const fontFamilies = (face: FontFace, key: FontKey): readonly string[] => CATALOG[face][key].families

/** A name per font file, the same for every face that shares it (the serif face's fallbacks are the sans ones). */
export const fontId = (face: FontFace, key: FontKey): string => CATALOG[face][key].path

// Per font file and code point: 0 not asked yet, 1 has a glyph, 2 has none.
const coverage = new Map<string, Map<number, number>>()
const coverers = new Map<FontFace, Covers>()

/** Whether a face's fonts have glyphs for code points, remembered per font and code point. */
export function coversFor(face: FontFace): Covers {
  let covers = coverers.get(face)
  if (!covers) coverers.set(face, (covers = coverageOf(face)))
  return covers
}

function coverageOf(face: FontFace): Covers {
  return (key, codePoints) => {
    const path = CATALOG[face][key].path
    let known = coverage.get(path)
    if (!known) coverage.set(path, (known = new Map()))
    for (const cp of codePoints) {
      let has = known.get(cp)
      if (has === undefined) {
        has = parsedFont(face, key).hasGlyphForCodePoint(cp) ? 1 : 2
        known.set(cp, has)
      }
      if (has === 2) return false
    }
    return true
  }
}
