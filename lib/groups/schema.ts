// Inputs of the group mutations.
import { z } from 'zod'
import { Id } from '@/lib/ids'
import { isStorableText, requiredLine, requiredText } from '@/lib/validation'
import { canonicalTimeZone } from '@/lib/assignments/time-zone'
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from './join-code'

/** An IANA time zone name Intl knows, stored in its canonical spelling. */
export const TimeZone = z
  .string({ error: 'Choose a time zone.' })
  .max(64, 'Choose a time zone from the list.')
  .transform((name, ctx) => {
    const canonical = canonicalTimeZone(name.trim())
    if (!canonical) {
      ctx.addIssue({
        code: 'custom',
        message: 'Choose a time zone from the list, such as Europe/London or Asia/Tokyo.',
      })
      return z.NEVER
    }
    return canonical
  })

export const CreateGroup = z.object({
  name: requiredLine('group name', 100),
  description: z
    .string({ error: 'The description must be text.' })
    .trim()
    .max(1000, 'Use at most 1000 characters for the description.')
    .refine(isStorableText, 'The description contains characters that cannot be shown.')
    .default(''),
  /** The creator's own time zone (the form sends the browser's); UTC when none is given. */
  timeZone: TimeZone.optional(),
})

export const JoinCode = z
  .string({ error: 'Enter a join code.' })
  .trim()
  .toUpperCase()
  .transform((code) => code.replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .min(1, 'Enter a join code.')
      .refine(
        (code) => code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c)),
        `A join code has ${JOIN_CODE_LENGTH} letters and digits, like K7QM-2XPA.`,
      ),
  )

export const JoinGroup = z.object({ code: JoinCode })
export const GroupRef = z.object({ groupId: Id })
/** Deleting a group: its name, typed, confirms it (spaces around it do not matter). */
export const DeleteGroup = z.object({
  groupId: Id,
  confirmName: requiredText('Type the group’s name to confirm.', 200, 'This is not the group’s name.'),
})
export const GroupSettings = z.object({
  groupId: Id,
  readFirst: z.boolean({ error: 'Say whether students read first.' }),
})
export const RemoveMember = z.object({ groupId: Id, userId: Id })

export const GroupTimeZone = z.object({ groupId: Id, timeZone: TimeZone })

/** Archiving (true) or unarchiving (false) a group. */
export const SetArchived = z.object({
  groupId: Id,
  archived: z.boolean({ error: 'Say whether the group should be archived.' }),
})
