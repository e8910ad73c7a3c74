// Excerpts of a search result with the matching words marked: from PostgreSQL's ts_headline
// (which knows which words the stemmed query matched) or, for substring matches the full-text
// parser cannot see (Japanese and other scripts written without spaces), from the query itself.

/** Where ts_headline opens and closes a match: private-use characters no user text carries there. */
export const MARK_OPEN = '\uE000'
export const MARK_CLOSE = '\uE001'

export interface Segment {
  text: string
  mark: boolean
}

export interface Snippet {
  segments: Segment[]
  /** Offset of the first match in the text the snippet came from, when known. */
  offset: number | null
}

/** The excerpt ts_headline made, as plain and marked segments; null when nothing in it is marked. */
export function segmentsOfHeadline(headline: string): Segment[] | null {
  if (!headline.includes(MARK_OPEN)) return null
  const segments: Segment[] = []
  for (const [index, part] of headline.split(MARK_OPEN).entries()) {
    if (index === 0) {
      if (part) segments.push({ text: part, mark: false })
      continue
    }
    const close = part.indexOf(MARK_CLOSE)
    const marked = close === -1 ? part : part.slice(0, close)
    const rest = close === -1 ? '' : part.slice(close + 1)
    if (marked) segments.push({ text: marked, mark: true })
    if (rest) segments.push({ text: rest, mark: false })
  }
  return merge(segments)
}

/** Where a headline's excerpt starts in its text, so a result can open the passage it shows. */
export function offsetOfHeadline(text: string, segments: Segment[]): number | null {
  const plain = segments.map((s) => s.text).join('')
  const whole = text.indexOf(plain)
  if (whole !== -1) return whole + plain.indexOf(segments.find((s) => s.mark)?.text ?? '')
  const first = segments.find((s) => s.mark)
  const at = first ? text.indexOf(first.text) : -1
  return at === -1 ? null : at
}

/** The words of a query, as the substring search looks for them. */
export function termsOf(query: string): string[] {
  return [
    ...new Set(
      query
        .split(/\s+/u)
        .map((term) => term.replace(/^["'()\-]+|["'()]+$/gu, ''))
        .filter((term) => term.length > 0),
    ),
  ]
}

/**
 * An excerpt of about `width` characters around the first place a term occurs, every occurrence
 * of every term in it marked (case-insensitively); null when no term occurs.
 */
export function literalSnippet(text: string, terms: string[], width = 160): Snippet | null {
  const lower = text.toLowerCase()
  const needles = terms.map((term) => term.toLowerCase()).filter((term) => term.length > 0)
  // Lower-casing keeps lengths for the scripts that matter here; where it does not, mark nothing.
  if (lower.length !== text.length || needles.length === 0) return null
  const starts = needles.map((needle) => lower.indexOf(needle)).filter((at) => at !== -1)
  if (starts.length === 0) return null
  const first = Math.min(...starts)
  const from = Math.max(0, first - Math.floor(width / 3))
  const to = Math.min(text.length, from + width)
  const marks: [number, number][] = []
  for (const needle of needles) {
    for (let at = lower.indexOf(needle, from); at !== -1 && at < to; at = lower.indexOf(needle, at + needle.length)) {
      marks.push([at, Math.min(to, at + needle.length)])
    }
  }
  marks.sort((a, b) => a[0] - b[0])
  const segments: Segment[] = []
  let cursor = from
  for (const [start, end] of marks) {
    if (end <= cursor) continue
    if (start > cursor) segments.push({ text: text.slice(cursor, start), mark: false })
    segments.push({ text: text.slice(Math.max(start, cursor), end), mark: true })
    cursor = end
  }
  if (cursor < to) segments.push({ text: text.slice(cursor, to), mark: false })
  if (from > 0) segments.unshift({ text: '…', mark: false })
  if (to < text.length) segments.push({ text: '…', mark: false })
  return { segments: merge(segments), offset: first }
}

/** The excerpt of a text for a result: the headline's when it marks a word, else the literal one. */
export function snippetOf(text: string, headline: string, terms: string[]): Snippet {
  const fromHeadline = segmentsOfHeadline(headline)
  if (fromHeadline) return { segments: fromHeadline, offset: offsetOfHeadline(text, fromHeadline) }
  return (
    literalSnippet(text, terms) ?? { segments: [{ text: headline || text.slice(0, 160), mark: false }], offset: null }
  )
}

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = []
  for (const segment of segments) {
    const last = out.at(-1)
    if (last && last.mark === segment.mark) last.text += segment.text
    else out.push({ ...segment })
  }
  return out
}
