// Inputs of the review mutations: rubric and feedback.
import { z } from 'zod'
import { Id } from '@/lib/ids'
import { isStorableText, requiredText } from '@/lib/validation'

export const Criterion = z.object({
  name: requiredText('Name each criterion.', 120, 'Use at most 120 characters for a criterion.').refine(
    isStorableText,
    'A criterion name contains characters that cannot be shown.',
  ),
  points: z
    .number({ error: 'Give each criterion its points.' })
    .int('Points are whole numbers.')
    .min(1, 'A criterion is worth at least 1 point.')
    .max(100, 'A criterion is worth at most 100 points.'),
})
export type Criterion = z.infer<typeof Criterion>

export const SetRubric = z.object({ groupId: Id, criteria: z.array(Criterion).max(20, 'Use at most 20 criteria.') })

export const AddFeedback = z
  .object({
    mapId: Id,
    body: requiredText('Write your feedback first.', 5000, 'Feedback can be at most 5,000 characters.').refine(
      isStorableText,
      'The feedback contains characters that cannot be shown.',
    ),
    nodeId: Id.nullish(),
    relationId: Id.nullish(),
    /** Points per criterion, in the rubric's order. */
    scores: z.array(z.number().int().min(0)).max(20).nullish(),
  })
  .refine((f) => !(f.nodeId && f.relationId), {
    message: 'Pin feedback to a node or to a relation, not both.',
    path: ['relationId'],
  })

export const FeedbackRef = z.object({ feedbackId: Id })
export const MapRef = z.object({ mapId: Id })
export const CompareMaps = z.object({ a: Id, b: Id })
