// Inputs of the account's own actions.
import { z } from 'zod'
import { MAX_PASSWORD_LENGTH } from '@/lib/auth/password-policy'

export const DeleteAccount = z.object({
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(MAX_PASSWORD_LENGTH),
  confirmed: z.literal(true, { error: 'Confirm that your account and everything in it should be deleted.' }),
})
