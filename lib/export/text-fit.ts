// Fitting user text into the lines of a drawing: made printable, wrapped, or cut to a width.
// Widths come from the caller, so the same code serves every font and renderer.

/** What can be shown as text: one line, no control characters (they also break XML). */
export function printable(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Greedy line breaking at spaces; a word wider than the line is broken between characters. */
export function wrapText(text: string, maxWidth: number, width: (s: string) => number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ').filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word
    if (width(candidate) <= maxWidth) {
      line = candidate
      continue
    }
    if (line) lines.push(line)
    line = ''
    if (width(word) <= maxWidth) {
      line = word
      continue
    }
    let piece = ''
    let used = 0
    for (const char of word) {
      const w = width(char)
      if (piece && used + w > maxWidth) {
        lines.push(piece)
        piece = ''
        used = 0
      }
      piece += char
      used += w
    }
    line = piece
  }
  if (line) lines.push(line)
  return lines
}

/** `text` cut with an ellipsis to fit `maxWidth`, as CSS `truncate` does. */
export function truncateToWidth(text: string, maxWidth: number, width: (s: string) => number): string {
  if (width(text) <= maxWidth) return text
  const chars = [...text]
  let used = width('…')
  let kept = ''
  for (const char of chars) {
    used += width(char)
    if (used > maxWidth) break
    kept += char
  }
  return `${kept.trimEnd()}…`
}

/** `text` wrapped to at most `maxLines` lines; when more would follow, the last line ends in an ellipsis. */
export function wrapLines(text: string, maxWidth: number, maxLines: number, width: (s: string) => number): { lines: string[]; cut: boolean } {
  const lines = wrapText(text, maxWidth, width)
  if (lines.length <= maxLines) return { lines, cut: false }
  const kept = lines.slice(0, maxLines)
  kept[maxLines - 1] = truncateToWidth(`${kept[maxLines - 1]} ${lines[maxLines]}`, maxWidth, width)
  if (!kept[maxLines - 1]!.endsWith('…')) kept[maxLines - 1] = truncateToWidth(`${kept[maxLines - 1]}…`, maxWidth, width)
  return { lines: kept, cut: true }
}
