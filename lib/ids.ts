// Shape of the ids we hand out (cuid), checked before any lookup so tampered ids fail early.
import { z } from 'zod'

export const Id = z
  .string({ error: 'Missing id.' })
  .regex(/^[a-z0-9]{20,40}$/, 'That link or id is not valid.')
