// The ids we hand out: their shape (cuid from Prisma, or newId's 32 hex digits), checked before
// any lookup so tampered ids fail early; and newId for the rows we name ourselves (defined in
// lib/new-id.ts, which browser code imports directly).
import { z } from 'zod'

export { newId } from './new-id'

export const Id = z.string({ error: 'Missing id.' }).regex(/^[a-z0-9]{20,40}$/, 'That link or id is not valid.')
