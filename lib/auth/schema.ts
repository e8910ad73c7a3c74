// Inputs of sign-up and sign-in.
import { z } from 'zod'
import { isSingleLineText } from '@/lib/validation'
import { hasVariety, isCommonPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-policy'

export const Email = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }))

/** A password being chosen (sign-up, password change); see password-policy.ts. */
export const Password = z
  .string({ error: 'Enter a password.' })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters for your password.`)
  .refine(hasVariety, 'Use more than one or two different characters in your password.')
  .refine(
    (password) => !isCommonPassword(password),
    'This is one of the most common passwords, which attackers try first. Choose another, such as a few unrelated words.',
  )

export const PersonName = z
  .string({ error: 'Enter your name.' })
  .trim()
  .min(1, 'Enter your name.')
  .max(80, 'Use at most 80 characters for your name.')
  .refine(isSingleLineText, 'Your name contains characters that cannot be shown.')

export const SignUpInput = z.object({ name: PersonName, email: Email, password: Password })
export type SignUpInput = z.infer<typeof SignUpInput>

/** A password being checked, not chosen: any length that could have been chosen. */
const CurrentPassword = z
  .string({ error: 'Enter your password.' })
  .min(1, 'Enter your password.')
  .max(MAX_PASSWORD_LENGTH)

export const SignInInput = z.object({ email: Email, password: CurrentPassword })

export const ChangePasswordInput = z
  .object({ currentPassword: CurrentPassword, newPassword: Password })
  .refine((data) => data.newPassword !== data.currentPassword, {
    path: ['newPassword'],
    message: 'Choose a new password that differs from the current one.',
  })
