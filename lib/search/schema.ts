// Input of a search in a group.
import { z } from 'zod'
import { Id } from '@/lib/ids'
import { isSingleLineText, requiredText } from '@/lib/validation'

export const MAX_QUERY_CHARS = 200
/** Words past this many are ignored: each adds a condition to every query. */
export const MAX_QUERY_TERMS = 8

export const SearchInput = z.object({
  groupId: Id,
  q: requiredText('Type something to search for.', MAX_QUERY_CHARS, `Search for at most ${MAX_QUERY_CHARS} characters.`)
    .refine(isSingleLineText, 'Search for text on one line, without control characters.')
    .transform((q) => q.normalize('NFC')),
})
export type SearchInput = z.infer<typeof SearchInput>
