// Inputs of the inbox actions.
import { z } from 'zod'
import { Id } from '@/lib/ids'

const WHICH = 'Say which notification to mark read, or all.'

/** One entry by its id, or `all: true`; never both. */
export const MarkRead = z
  .object({ notificationId: Id.optional(), all: z.literal(true, { error: WHICH }).optional() }, { error: WHICH })
  .refine((input) => (input.notificationId === undefined) !== (input.all === undefined), { message: WHICH })
