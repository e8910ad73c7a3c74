// Which of a group's passages the map's side panel lists: by essay, by tag, and by words typed in
// any script, matched regardless of case, width and accents.
import type { TagName } from '@/lib/tags'
import type { CitedPassage } from './queries'

/** How many passages the panel draws at first, and how many more each "Show more" adds. */
export const PASSAGE_PAGE = 60

export interface PassageFilter {
  sourceId: string | 'all'
  tag: TagName | 'all'
  query: string
}

/**
 * Lower case, compatibility forms unfolded (ｆｕｌｌ-width → full-width, ﬁ → fi), and the accents of
 * Latin, Greek and Cyrillic letters and Arabic vowel marks dropped; kana keep their voicing.
 */
export const foldForSearch = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, '')
    .toLocaleLowerCase()

/** The predicate for `filter`: every word of the query appears in the passage, its author or its essay. */
export function passageFilter({ sourceId, tag, query }: PassageFilter): (p: CitedPassage) => boolean {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean)
  return (p) => {
    if ((sourceId !== 'all' && p.sourceId !== sourceId) || (tag !== 'all' && p.tag !== tag)) return false
    if (words.length === 0) return true
    // Folded once per passage, not once per word.
    const haystack = foldForSearch(`${p.exact} ${p.authorName} ${p.sourceTitle}`)
    return words.every((word) => haystack.includes(word))
  }
}
