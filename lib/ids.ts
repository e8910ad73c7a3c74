// The ids we hand out: their shape (cuid from Prisma, or newId's 32 hex digits), checked before
// any lookup so tampered ids fail early; and newId for the rows we name ourselves.
import { z } from 'zod'

/** A new id for a row we create ourselves (bulk inserts, map nodes made in the browser): a UUID without dashes. */
export const newId = (): string => globalThis.crypto.randomUUID().replaceAll('-', '')

export const Id = z
  .string({ error: 'Missing id.' })
  .regex(/^[a-z0-9]{20,40}$/, 'That link or id is not valid.')
