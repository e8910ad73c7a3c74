// Inputs of the highlight and reply mutations.
import { z } from 'zod'
import { Id } from '@/lib/ids'
import { MAX_CHANGED_IDS } from './highlight-changes'
import { NoteDoc } from './note'

export const MAX_HIGHLIGHT_CHARS = 5_000

export const Tag = z.enum(['CLAIM', 'EVIDENCE', 'BIAS'], { error: 'Choose Claim, Evidence or Bias.' })
export const VisibilityInput = z.enum(['GROUP', 'PRIVATE'], { error: 'Visibility is either the group or private.' })

const Offset = z
  .number({ error: 'The selection is not valid.' })
  .int('The selection is not valid.')
  .min(0, 'The selection is not valid.')

export const CreateHighlight = z
  .object({
    sourceId: Id,
    start: Offset,
    end: Offset,
    tag: Tag,
    visibility: VisibilityInput.default('GROUP'),
    note: NoteDoc.nullish(),
    /** The source version the selection was made on; a stale one is refused so offsets never drift. */
    sourceVersion: z.number().int().min(1).optional(),
  })
  .refine((h) => h.end > h.start, { message: 'Select some text first.', path: ['end'] })
  .refine((h) => h.end - h.start <= MAX_HIGHLIGHT_CHARS, {
    message: `A highlight can be at most ${MAX_HIGHLIGHT_CHARS.toLocaleString('en')} characters; select a shorter passage.`,
    path: ['end'],
  })

export const UpdateHighlight = z.object({
  highlightId: Id,
  tag: Tag.optional(),
  visibility: VisibilityInput.optional(),
  note: NoteDoc.nullable().optional(),
})

export const HighlightRef = z.object({ highlightId: Id })

/** Confirm a moved highlight where it is, or re-select it at new offsets. */
export const ConfirmAnchor = z.object({ highlightId: Id, start: Offset.optional(), end: Offset.optional() })

export const CreateReply = z.object({ highlightId: Id, body: NoteDoc })
export const UpdateReply = z.object({ replyId: Id, body: NoteDoc })
export const ReplyRef = z.object({ replyId: Id })

/** The highlights a live event named, read again on their own (at most a burst's worth). */
export const ChangedHighlights = z.object({
  sourceId: Id,
  highlightIds: z
    .array(Id)
    .min(1, 'Name at least one highlight.')
    .max(MAX_CHANGED_IDS, `Name at most ${MAX_CHANGED_IDS} highlights; read the whole list instead.`),
})
