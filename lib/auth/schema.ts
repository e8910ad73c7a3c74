// Inputs of sign-up and sign-in.
import { z } from 'zod'
import { isSingleLineText } from '@/lib/validation'

export const Email = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }))

export const Password = z
  .string({ error: 'Enter a password.' })
  .min(8, 'Use at least 8 characters for your password.')
  .max(200, 'Use at most 200 characters for your password.')

export const PersonName = z
  .string({ error: 'Enter your name.' })
  .trim()
  .min(1, 'Enter your name.')
  .max(80, 'Use at most 80 characters for your name.')
  .refine(isSingleLineText, 'Your name contains characters that cannot be shown.')

export const SignUpInput = z.object({ name: PersonName, email: Email, password: Password })
export type SignUpInput = z.infer<typeof SignUpInput>

export const SignInInput = z.object({
  email: Email,
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200),
})
