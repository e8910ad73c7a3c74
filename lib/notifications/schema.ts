// Inputs of the inbox actions.
import { z } from 'zod'
import { Id } from '@/lib/ids'

const WHICH = 'Say which notification to mark read, or all.'

/** One entry by its id, or `all: true`; never both. */
export const MarkRead = z
  .object({ notificationId: Id.optional(), all: z.literal(true, { error: WHICH }).optional() }, { error: WHICH })
  .refine((input) => (input.notificationId === undefined) !== (input.all === undefined), { message: WHICH })

export const DigestSetting = z.object(
  { digest: z.enum(['OFF', 'DAILY', 'WEEKLY'], { error: 'Choose off, daily or weekly.' }) },
  { error: 'Choose off, daily or weekly.' },
)

export const Unsubscribe = z.object({
  token: z
    .string({ error: 'This unsubscribe link is incomplete.' })
    .min(1, 'This unsubscribe link is incomplete.')
    .max(200, 'This unsubscribe link is not valid.'),
})
