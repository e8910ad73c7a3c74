// The geometry of a PDF's text layer, turned into lines in reading order. A PDF only places
// glyphs, so this infers: lines from shared baselines, columns from a gutter between segments
// (left column read before the right, full-width lines such as titles before and after), and
// superscript note marks from size and rise. Pure: plain data in, plain data out.

export interface Piece {
  str: string
  x: number
  y: number
  width: number
  size: number
}

export interface PdfLine {
  text: string
  x: number
  /** Baseline, from the bottom of the page. */
  y: number
  right: number
  size: number
  page: number
  /** Where the line sits: in the left or right column, or across the page. */
  column: 'left' | 'right' | 'full'
}

/** Lines of one page in reading order. */
export function linesOfPage(pieces: Piece[], page: number, pageWidth: number): PdfLine[] {
  const rows = rowsOf(pieces.filter((piece) => piece.str.trim() !== '')).map((row) => segmentsOf(row, page, pageWidth))
  // Two columns: lines on each side of the middle, and at least one row with text on both sides (a gutter).
  const lines = rows.flat()
  const count = (column: PdfLine['column']) => lines.filter((line) => line.column === column).length
  const gutter = rows.some(
    (row) => row.some((line) => line.column === 'left') && row.some((line) => line.column === 'right'),
  )
  const twoColumns = gutter && count('left') >= 2 && count('right') >= 2
  return readingOrder(lines, twoColumns)
}

/** Pieces that share a baseline (within a fraction of their size), top row first. */
function rowsOf(pieces: Piece[]): Piece[][] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x)
  const rows: { y: number; size: number; pieces: Piece[] }[] = []
  for (const piece of sorted) {
    // Candidate rows are the last few: rows are built top to bottom.
    const row = rows
      .slice(-3)
      .find((candidate) => Math.abs(candidate.y - piece.y) < Math.max(candidate.size, piece.size) * 0.45)
    if (row) {
      row.pieces.push(piece)
      if (piece.size > row.size) {
        row.size = piece.size
        row.y = piece.y
      }
    } else rows.push({ y: piece.y, size: piece.size, pieces: [piece] })
  }
  return rows.map((row) => row.pieces.sort((a, b) => a.x - b.x))
}

/** A row split where a gap is wider than a column gutter; superscript note marks left out. */
function segmentsOf(row: Piece[], page: number, pageWidth: number): PdfLine[] {
  const size = mostCommonSize(row)
  const baseline = row.find((piece) => piece.size === size)?.y ?? row[0]!.y
  const body = row.filter(
    (piece) => !(piece.size < size * 0.8 && piece.y > baseline + size * 0.15 && /^[\d*†‡,\s]+$/.test(piece.str.trim())),
  )
  const segments: Piece[][] = []
  for (const piece of body) {
    const last = segments.at(-1)
    const previous = last?.at(-1)
    if (last && previous && piece.x - (previous.x + previous.width) < size * 1.5) last.push(piece)
    else segments.push([piece])
  }
  const middle = pageWidth / 2
  return segments.map((pieces) => {
    const x = pieces[0]!.x
    const right = Math.max(...pieces.map((piece) => piece.x + piece.width))
    const column = right <= middle + pageWidth * 0.02 ? 'left' : x >= middle - pageWidth * 0.02 ? 'right' : 'full'
    return { text: textOf(pieces, size), x, y: baseline, right, size, page, column }
  })
}

function mostCommonSize(pieces: Piece[]): number {
  const weights = new Map<number, number>()
  for (const piece of pieces) {
    const size = Math.round(piece.size * 2) / 2
    weights.set(size, (weights.get(size) ?? 0) + piece.str.length)
  }
  return [...weights].sort((a, b) => b[1] - a[1])[0]![0]
}

/**
 * The text of a segment: a space wherever the gap between two pieces is a word space. Letter-spaced
 * capitals ("G E O R G E   K E N N A N") are closed up: in a run of single letters only the wider
 * gaps are word spaces.
 */
function textOf(pieces: Piece[], size: number): string {
  const letters = pieces.filter((piece) => piece.str.trim().length === 1).length
  if (pieces.length >= 4 && letters >= pieces.length * 0.8) {
    const gaps = pieces.slice(1).map((piece, i) => piece.x - (pieces[i]!.x + pieces[i]!.width))
    const usual = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0
    return tidy(
      pieces
        .map((piece, i) => (i > 0 && gaps[i - 1]! > Math.max(usual * 1.8, size * 0.25) ? ' ' : '') + piece.str.trim())
        .join(''),
    )
  }
  let text = ''
  pieces.forEach((piece, i) => {
    const previous = pieces[i - 1]
    const gap = previous ? piece.x - (previous.x + previous.width) : 0
    const spaced = previous && gap > size * 0.15 && !/\s$/.test(text) && !/^\s/.test(piece.str)
    text += (spaced ? ' ' : '') + closeLetterSpacing(piece.str)
  })
  return closeLetterSpacing(tidy(text))
}

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim()

/** "G E O R G E  K E N N A N" in one piece: single letters joined, double spaces kept as word breaks. */
export function closeLetterSpacing(text: string): string {
  if (!/^(?:\p{Lu}\s){2,}\p{Lu}/u.test(text)) return text
  const tokens = text.split(' ')
  if (tokens.filter((token) => token.length === 1).length < tokens.length * 0.8) return text
  return text
    .split(/\s{2,}/)
    .map((word) => word.replace(/\s/g, ''))
    .join(' ')
}

/** Full-width lines in place; between them, the left column's lines before the right column's. */
function readingOrder(segments: PdfLine[], twoColumns: boolean): PdfLine[] {
  const ordered: PdfLine[] = []
  let left: PdfLine[] = []
  let right: PdfLine[] = []
  const flush = () => {
    ordered.push(...left, ...right)
    left = []
    right = []
  }
  for (const line of segments) {
    if (!twoColumns) ordered.push({ ...line, column: 'full' })
    else if (line.column === 'full') {
      flush()
      ordered.push(line)
    } else (line.column === 'left' ? left : right).push(line)
  }
  flush()
  return ordered
}
