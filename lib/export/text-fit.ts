// Fitting user text into the lines of a drawing: made printable, wrapped, or cut to a width.
// Widths come from the caller, so the same code serves every font and renderer. Lines break
// where a reader expects, in every script: after spaces; between any two characters of Chinese,
// Japanese and Korean ideographs and kana, as Japanese typesetting does; between the words of
// Thai, Lao, Khmer and Myanmar, found by the platform's word segmenter (Intl.Segmenter, ICU's
// dictionaries); never before a closing mark such as 、。」 or after an opening one.
import { clustersOf } from './graphemes'

/** What can be shown as text: one line, no control characters (they also break XML). */
export function printable(text: string): string {
  return text
    .replace(
      /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      ' ',
    )
    .replace(/\s+/g, ' ')
    .trim()
}

/** First strong isolate … pop: user text set apart, so its direction cannot reorder the text around it (as <bdi>). */
export const isolate = (text: string): string => `\u2068${text}\u2069`

const words = new Intl.Segmenter(undefined, { granularity: 'word' })

const SPACELESS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u3000-\u303f\uff01-\uff60]/u
/** Scripts whose words only a dictionary can find. */
const NEEDS_WORDS = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
// Japanese line-breaking rules (kinsoku): what may not start a line, and what may not end one.
const NO_BREAK_BEFORE =
  /^[、。，．,.:;!?！？：；)\]}）］｝〕〉》」』】〙〗”’»›ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ・…‥\u2069]/u
const NO_BREAK_AFTER = /[([{（［｛〔〈《「『【〘〖“‘«‹\u2068]$/u

/** The text cut at every place a line may break; each piece keeps the spaces after it. */
function breakablePieces(text: string): string[] {
  const pieces: string[] = []
  let current = ''
  // Text with spaces between its words breaks only after spaces, CJK between characters: only
  // Thai and its neighbours need their words found.
  const segments = !SPACELESS.test(text)
    ? (text.match(/\s+|\S+/g) ?? [])
    : NEEDS_WORDS.test(text)
      ? Array.from(words.segment(text), (s) => s.segment)
      : clustersOf(text)
  for (const segment of segments) {
    if (current === '') {
      current = segment
      continue
    }
    const afterSpace = /\s$/.test(current) && !/^\s/.test(segment)
    const spaceless = SPACELESS.test(current.slice(-2)) || SPACELESS.test(segment.slice(0, 2))
    const allowed =
      (afterSpace || (spaceless && !/^\s/.test(segment))) &&
      !NO_BREAK_BEFORE.test(segment) &&
      !NO_BREAK_AFTER.test(current.trimEnd())
    if (allowed) {
      pieces.push(current)
      current = segment
    } else {
      current += segment
    }
  }
  if (current) pieces.push(current)
  return pieces
}

/**
 * Greedy line breaking; a piece wider than the line is broken between characters (graphemes).
 * A line's width is the sum of its pieces' (each measured once), which is what keeps wrapping
 * of long CJK text, a piece every word or two, as fast as wrapping English.
 */
export function wrapText(text: string, maxWidth: number, width: (s: string) => number): string[] {
  const lines: string[] = []
  let line = ''
  let used = 0
  for (const piece of breakablePieces(text)) {
    const bare = piece.trimEnd()
    const bareWidth = width(bare)
    if (used + bareWidth <= maxWidth) {
      line += piece
      used += bare === piece ? bareWidth : width(piece)
      continue
    }
    if (line.trim()) lines.push(line.trimEnd())
    line = ''
    used = 0
    if (width(bare) <= maxWidth) {
      line = piece
      used = width(piece)
      continue
    }
    for (const segment of clustersOf(piece)) {
      const w = width(segment)
      if (line && used + w > maxWidth) {
        lines.push(line.trimEnd())
        line = ''
        used = 0
      }
      if (!line && /^\s+$/.test(segment)) continue
      line += segment
      used += w
    }
  }
  if (line.trim()) lines.push(line.trimEnd())
  return lines
}

/** `text` cut with an ellipsis to fit `maxWidth`, as CSS `truncate` does, never inside a character. */
export function truncateToWidth(text: string, maxWidth: number, width: (s: string) => number): string {
  if (width(text) <= maxWidth) return text
  let kept = ''
  for (const segment of clustersOf(text)) {
    if (width(`${kept}${segment}…`) > maxWidth) break
    kept += segment
  }
  return `${kept.trimEnd()}…`
}

/** `text` wrapped to at most `maxLines` lines; when more would follow, the last line ends in an ellipsis. */
export function wrapLines(
  text: string,
  maxWidth: number,
  maxLines: number,
  width: (s: string) => number,
): { lines: string[]; cut: boolean } {
  const lines = wrapText(text, maxWidth, width)
  if (lines.length <= maxLines) return { lines, cut: false }
  const kept = lines.slice(0, maxLines)
  // The last line runs on into the next as the text has it (a space between, or in CJK none), cut to fit.
  let end = 0
  for (const line of kept) end = text.indexOf(line, end) + line.length
  const next = lines[maxLines]!
  kept[maxLines - 1] = truncateToWidth(
    `${kept[maxLines - 1]}${text.slice(end, text.indexOf(next, end) + next.length)}`,
    maxWidth,
    width,
  )
  if (!kept[maxLines - 1]!.endsWith('…'))
    kept[maxLines - 1] = truncateToWidth(`${kept[maxLines - 1]}…`, maxWidth, width)
  return { lines: kept, cut: true }
}
