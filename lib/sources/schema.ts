// Inputs of the source mutations.
import { z } from 'zod'
import { Id } from '@/lib/ids'
import { isSingleLineText, isStorableText } from '@/lib/validation'
import { MAX_SOURCE_CHARS, SOURCE_TOO_LONG_MESSAGE } from './limits'

export { MAX_SOURCE_CHARS }

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `The ${label} must be text.` })
    .trim()
    .max(max, `Use at most ${max} characters for the ${label}.`)
    .refine(isSingleLineText, `The ${label} contains characters that cannot be shown.`)
    .nullish()
    .transform((value) => value || null)

export const SourceMetadata = z.object({
  title: z
    .string({ error: 'Enter a title.' })
    .trim()
    .min(1, 'Enter a title.')
    .max(300, 'Use at most 300 characters for the title.')
    .refine(isSingleLineText, 'The title contains characters that cannot be shown.'),
  author: optionalText('author', 200),
  year: z.preprocess(
    (value) => (value === undefined || value === null || (typeof value === 'string' && value.trim() === '') ? null : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value),
    z
      .number({ error: 'Enter the year as a whole number, like 2010.' })
      .int('Enter the year as a whole number, like 2010.')
      .min(1000, 'Enter a year between 1000 and 2100.')
      .max(2100, 'Enter a year between 1000 and 2100.')
      .nullable(),
  ),
  url: optionalText('URL', 2000).pipe(
    z
      .string()
      .url('Enter a full web address starting with http:// or https://.')
      .refine((url) => /^https?:\/\//i.test(url), 'Enter a full web address starting with http:// or https://.')
      .nullable(),
  ),
})

export const CreateSource = SourceMetadata.extend({
  groupId: Id,
  text: z
    .string({ error: 'Paste the text of the source.' })
    .max(MAX_SOURCE_CHARS, SOURCE_TOO_LONG_MESSAGE)
    .refine((text) => text.trim().length > 0, 'Paste the text of the source.')
    .refine((text) => !text.includes('\u0000'), 'This text contains binary data; paste plain text.')
    .refine(isStorableText, 'This text contains a broken character (half of an emoji or symbol); paste it again.'),
  /** Positions of blocks the importer flagged as junk that the person chose to keep. */
  restore: z.array(z.number().int().min(0)).max(10_000).default([]),
})
