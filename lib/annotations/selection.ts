// Tidying a reader's selection before it becomes a highlight (shared by the reader and tests).

const WORD = /[\p{L}\p{N}'’-]/u

/** Widens a selection that cuts a word to whole words, and drops surrounding spaces. */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  let s = start
  let e = end
  while (s < e && /\s/.test(text[s]!)) s++
  while (e > s && /\s/.test(text[e - 1]!)) e--
  if (s === e) return { start, end }
  while (s > 0 && WORD.test(text[s - 1]!) && WORD.test(text[s]!)) s--
  while (e < text.length && WORD.test(text[e]!) && WORD.test(text[e - 1]!)) e++
  return { start: s, end: e }
}
