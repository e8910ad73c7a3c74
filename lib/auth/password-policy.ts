// What a new password must be (ASVS 2.1): at least 10 characters, not one of the passwords
// people pick most often (the 49,000 of zxcvbn-ts's common list, compared without case), and not
// a single character repeated. No rules about character classes: a long passphrase is welcome.
import { dictionary } from '@zxcvbn-ts/language-common'

export const MIN_PASSWORD_LENGTH = 10
export const MAX_PASSWORD_LENGTH = 200

let common: Set<string> | undefined

/** Loaded on first use: only sign-up and password changes ask. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((entry) => entry.toLowerCase()))
  const lower = password.toLowerCase()
  return common.has(lower) || common.has(lower.trim())
}

export function hasVariety(password: string): boolean {
  return new Set(password.replace(/\s/g, '')).size >= 3
}
