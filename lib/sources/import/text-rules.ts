// Small text rules every importer shares. Each regular expression here is linear: bounded
// repetitions and no nested quantifiers, since it runs on whatever a person pastes.

/**
 * Citation and footnote marks glued to the word before them, as copied from wikis and journals:
 * "treaty.[3]", "signed[12][13]", "in 1952[a]", "[citation needed]".
 */
const CITATION_MARK = /(?<=[^\s[])\[(?:\d{1,3}(?:[,–-]\s?\d{1,3}){0,5}|[a-z]|citation needed|note \d{1,3}|\d{1,3}:\s?\d{1,4})\]/g

export function cleanCitationMarks(text: string): string {
  if (!text.includes('[')) return text
  return text.replace(CITATION_MARK, '')
}

/** Letters and digits only, lower-cased: for comparing lines whatever their punctuation. */
export function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}
