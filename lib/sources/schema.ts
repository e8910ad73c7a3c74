// Inputs of the source mutations.
import { z } from 'zod'
import { Id } from '@/lib/ids'
import { isSingleLineText, isStorableText, requiredLine } from '@/lib/validation'
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

/** A source named by its id (reads of its highlights and readers). */
export const SourceRef = z.object({ sourceId: Id })

export const SourceMetadata = z.object({
  title: requiredLine('title', 300),
  author: optionalText('author', 200),
  year: z.preprocess(
    (value) =>
      value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
        ? null
        : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)
          ? Number(value)
          : value,
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

/**
 * The text of a source, pasted, imported or edited: within the size limit, no NUL, no broken
 * characters. `empty` is the message when it is missing, and, when `blank` is refused, when it is
 * only spaces (a pasted text is checked for words after import instead).
 */
export function SourceText(empty: string, { blank }: { blank: 'allowed' | 'refused' }) {
  const text = z.string({ error: empty }).max(MAX_SOURCE_CHARS, SOURCE_TOO_LONG_MESSAGE)
  return (blank === 'refused' ? text.refine((value) => value.trim().length > 0, empty) : text)
    .refine((value) => !value.includes('\u0000'), 'This text contains binary data; paste plain text.')
    .refine(isStorableText, 'This text contains a broken character (half of an emoji or symbol); paste it again.')
}

/** One block of an imported file as the preview showed it. */
export const DraftBlock = z.object({
  text: SourceText('A block of the source must be text.', { blank: 'allowed' }),
  kind: z.enum(['heading', 'paragraph', 'list', 'quote'], { error: 'A block of the source has an unknown kind.' }),
  level: z.number().int().min(1).max(6).optional(),
  page: z.number().int().min(1).max(100_000).optional(),
  junkReason: z.string().max(200).optional(),
})

const Positions = z.array(z.number().int().min(0)).max(20_000).default([])

export const CreateSource = SourceMetadata.extend({
  groupId: Id,
  /** Pasted text: the server imports it, as the preview did. */
  text: SourceText('Paste the text of the source.', { blank: 'allowed' }).optional(),
  /** An uploaded file's blocks, as the upload returned them (the file itself is not kept). */
  blocks: z
    .array(DraftBlock)
    .max(20_000, 'This source has too many blocks; split it into several sources.')
    .refine(
      (blocks) => blocks.reduce((sum, block) => sum + block.text.length, 0) <= 2 * MAX_SOURCE_CHARS,
      'This file holds more text than one source may; split it into several sources.',
    )
    .optional(),
  /** Positions of blocks the importer set aside that the person chose to keep. */
  restore: Positions,
  /** Positions of blocks the importer kept that the person chose to leave out. */
  drop: Positions,
}).superRefine((data, context) => {
  if (data.blocks === undefined && (data.text === undefined || data.text.trim() === '')) {
    context.addIssue({ code: 'custom', path: ['text'], message: 'Paste the text of the source.' })
  }
})
