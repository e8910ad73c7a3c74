// Small text rules every importer shares. Each regular expression here is linear: bounded
// repetitions and no nested quantifiers, since it runs on whatever a person pastes.

/**
 * Citation and footnote marks glued to the word before them, as copied from wikis and journals:
 * "treaty.[3]", "signed[12][13]", "in 1952[a]", "[citation needed]".
 */
const CITATION_MARK =
  /(?<=[^\s[])\[(?:\d{1,3}(?:[,–-]\s?\d{1,3}){0,5}|[a-z]|citation needed|note \d{1,3}|\d{1,3}:\s?\d{1,4})\]/g

/** Superscript note numbers glued to a word or its punctuation: "treaty.³", "Walt¹²". */
const SUPERSCRIPT_MARK = /(?<=[\p{L}\p{N}.,;:!?)"”’])[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}/gu

export function cleanCitationMarks(text: string): string {
  const unmarked = /[¹²³⁴⁵⁶⁷⁸⁹⁰]/u.test(text) ? text.replace(SUPERSCRIPT_MARK, '') : text
  return unmarked.includes('[') ? unmarked.replace(CITATION_MARK, '') : unmarked
}

/** Letters and digits only, lower-cased: for comparing lines whatever their punctuation. */
export function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Note numbers glued after a word's punctuation ("the same time.1"), removed where the document has that note. */
export function removeNoteMarks(text: string, notes: ReadonlySet<string>): string {
  if (notes.size === 0) return text
  return text.replace(/(\p{Ll}[.,;:!?”"’)])(\d{1,3})(?=\s|$)/gu, (mark, before: string, number: string) =>
    notes.has(number) ? before : mark,
  )
}

/** The numbers that notes start with: "1 See…", "2. Ibid." */
export function noteNumbers(notes: readonly string[]): Set<string> {
  return new Set(notes.flatMap((note) => /^(\d{1,3})[.)]?\s/.exec(note)?.[1] ?? []))
}
