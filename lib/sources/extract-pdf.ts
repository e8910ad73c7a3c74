// The text layer of a PDF, rebuilt into paragraphs. A PDF only places glyphs on a page, so
// paragraphs are inferred from the layout: a gap wider than the usual line spacing, an indented
// first line, or a change of font size starts a new block. Runs pdf.js (serverless build, no
// worker or font fetches) with eval disabled, since the file comes from outside.
import { getDocumentProxy } from 'unpdf'
import { AppError, Invalid } from '@/lib/errors'

interface Line {
  text: string
  x: number
  y: number
  /** Where the line's last glyph ends. */
  right: number
  size: number
  page: number
}

/** What this module reads of pdf.js text items (marked-content items carry no text). */
type TextPiece = { str: string; transform: number[]; width: number; height: number; hasEOL: boolean } | { type: string }

const NO_TEXT_LAYER =
  'This PDF has no selectable text (it is probably scanned). Run it through text recognition (OCR) first, or paste the text instead.'

/** Reads every page's text, refusing once it passes maxChars so a huge file stops early. */
export async function pdfText(bytes: Uint8Array, maxChars: number, tooLong: string): Promise<{ text: string; title?: string }> {
  // pdf.js may take over the buffer it is given, so it gets a copy.
  const pdf = await getDocumentProxy(bytes.slice(), { isEvalSupported: false, verbosity: 0 }).catch((error: unknown) => {
    throw unreadable(error)
  })
  try {
    const lines: Line[] = []
    let chars = 0
    for (let page = 1; page <= pdf.numPages; page++) {
      const proxy = await pdf.getPage(page)
      const pageLines = linesOf((await proxy.getTextContent()).items, page)
      proxy.cleanup()
      chars += pageLines.reduce((sum, line) => sum + line.text.length + 1, 0)
      if (chars > maxChars) throw new Invalid(tooLong)
      lines.push(...pageLines)
    }
    const text = paragraphsOf(lines).join('\n\n')
    if (!text.trim()) throw new Invalid(NO_TEXT_LAYER)
    const { info } = await pdf.getMetadata().catch(() => ({ info: {} }))
    return { text, title: titleOf(info) }
  } catch (error) {
    throw error instanceof AppError ? error : unreadable(error)
  } finally {
    await pdf.destroy()
  }
}

function unreadable(error: unknown): Invalid {
  if (error instanceof Error && error.name === 'PasswordException') {
    return new Invalid('This PDF is protected by a password. Save a copy without the password and upload that.')
  }
  return new Invalid('This PDF could not be read; the file may be damaged. Open it and save it again, or paste the text instead.')
}

function linesOf(items: readonly TextPiece[], page: number): Line[] {
  const lines: Line[] = []
  let current: Line | undefined
  for (const item of items) {
    if (!('str' in item)) continue
    const [, , c = 0, d = 0, x = 0, y = 0] = item.transform
    const size = Math.hypot(c, d) || item.height || 1
    if (item.str.trim() || (current && item.str)) {
      const sameLine = current && Math.abs(y - current.y) < size * 0.5 && x >= current.right - size
      if (current && sameLine) {
        const gap = x - current.right > size * 0.15 && !/\s$/.test(current.text) && !/^\s/.test(item.str)
        current.text += (gap ? ' ' : '') + item.str
        current.right = x + item.width
        current.size = Math.max(current.size, size)
      } else {
        current = { text: item.str, x, y, right: x + item.width, size, page }
        lines.push(current)
      }
    }
    if (item.hasEOL) current = undefined
  }
  return lines
    .map((line) => ({ ...line, text: line.text.replace(/\s+/g, ' ').trim() }))
    .filter((line) => line.text)
}

/** Line spacing relative to font size that most lines of the document share. */
function usualSpacing(lines: Line[]): number {
  const ratios = lines
    .slice(1)
    .flatMap((line, i) => {
      const previous = lines[i]!
      const gap = previous.y - line.y
      return previous.page === line.page && gap > 0 ? [gap / Math.max(line.size, previous.size)] : []
    })
    .filter((ratio) => ratio >= 0.8)
    .sort((a, b) => a - b)
  // A low quantile, not the median: on pages of short paragraphs the paragraph gaps can outnumber the line gaps.
  return ratios[Math.floor(ratios.length * 0.2)] ?? 1.2
}

function paragraphsOf(lines: Line[]): string[] {
  const spacing = usualSpacing(lines)
  const blocks: Line[][] = []
  lines.forEach((line, i) => {
    const previous = lines[i - 1]
    const startsBlock =
      !previous ||
      previous.page !== line.page ||
      previous.y - line.y <= 0 ||
      (previous.y - line.y) / Math.max(line.size, previous.size) > spacing * 1.3 ||
      Math.abs(line.size - previous.size) > 0.5 ||
      line.x > previous.x + line.size * 0.8
    if (startsBlock) blocks.push([line])
    else blocks.at(-1)!.push(line)
  })
  const paragraphs: { text: string; page: number }[] = []
  for (const block of blocks) {
    const text = block.map((line) => line.text).reduce(joinLines)
    const last = paragraphs.at(-1)
    // A paragraph that runs over a page break: no closing punctuation, next page starts lower-case.
    if (last && last.page !== block[0]!.page && !/[.!?:;"”’)\]]$/.test(last.text) && /^\p{Ll}/u.test(text)) {
      last.text = joinLines(last.text, text)
      last.page = block[0]!.page
    } else {
      paragraphs.push({ text, page: block[0]!.page })
    }
  }
  return paragraphs.map((paragraph) => paragraph.text)
}

// A word broken at a line end keeps its hyphen ("exam-ple"): dropping it would also join real compounds.
const joinLines = (text: string, next: string) => (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(next) ? text + next : `${text} ${next}`)

function titleOf(info: unknown): string | undefined {
  const title = typeof info === 'object' && info !== null && 'Title' in info && typeof info.Title === 'string' ? info.Title.trim() : ''
  // Word processors often store the file name or a placeholder instead of a real title.
  if (!title || title.length > 300 || /^(untitled|microsoft word\b)|\.\w{2,4}$/i.test(title)) return undefined
  return title
}
