// Inputs of the assignment mutations. Dates arrive as the group's wall-clock time
// ("2026-12-10T17:00", what a datetime-local input sends) and become instants in mutations.ts,
// where the group's time zone is known.
import { z } from 'zod'
import { Id } from '@/lib/ids'
import { isStorableText, requiredLine } from '@/lib/validation'

const minimum = (what: string) =>
  z
    .number({ error: `Give the minimum number of ${what} as a number (0 for none).` })
    .int(`The minimum number of ${what} is a whole number.`)
    .min(0, `The minimum number of ${what} cannot be negative.`)
    .max(200, `Ask for at most 200 ${what}.`)

const wallClock = (label: string) =>
  z
    .string({ error: `Give the ${label} date and time.` })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `Give the ${label} date and time as year-month-day and hours:minutes.`)

export const AssignmentFields = z.object({
  title: requiredLine('title', 200, 'Give the assignment a title.'),
  instructions: z
    .string({ error: 'The instructions must be text.' })
    .trim()
    .max(5000, 'Use at most 5,000 characters for the instructions.')
    .refine(isStorableText, 'The instructions contain characters that cannot be shown.')
    .default(''),
  sourceIds: z
    .array(Id, { error: 'Choose the sources to read.' })
    .min(1, 'Choose at least one source to read.')
    .max(50, 'An assignment can list at most 50 sources.')
    .refine((ids) => new Set(ids).size === ids.length, 'Each source can be listed once.'),
  minClaims: minimum('claims').default(0),
  minEvidence: minimum('pieces of evidence').default(0),
  minBias: minimum('biases').default(0),
  requireMap: z.boolean({ error: 'Say whether a map is to be submitted.' }).default(false),
  opensAt: wallClock('opening'),
  dueAt: wallClock('due'),
  allowLate: z.boolean({ error: 'Say whether late work is accepted.' }).default(true),
})

export const CreateAssignment = AssignmentFields.extend({ groupId: Id })
export const UpdateAssignment = AssignmentFields.extend({ assignmentId: Id })
export const AssignmentRef = z.object({ assignmentId: Id })
