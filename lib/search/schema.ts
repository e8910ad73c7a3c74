// Input of a search in a group.
import { z } from 'zod'
import { Id } from '@/lib/ids'
import { isSingleLineText } from '@/lib/validation'

export const MAX_QUERY_CHARS = 200
/** Words past this many are ignored: each adds a condition to every query. */
export const MAX_QUERY_TERMS = 8

export const SearchInput = z.object({
  groupId: Id,
  q: z
    .string({ error: 'Type something to search for.' })
    .trim()
    .min(1, 'Type something to search for.')
    .max(MAX_QUERY_CHARS, `Search for at most ${MAX_QUERY_CHARS} characters.`)
    .refine(isSingleLineText, 'Search for text on one line, without control characters.')
    .transform((q) => q.normalize('NFC')),
})
export type SearchInput = z.infer<typeof SearchInput>
