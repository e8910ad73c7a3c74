// Join codes: short, unambiguous (no 0/O, 1/I/L), random, and valid for a limited time.
import { randomInt } from 'node:crypto'

export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const JOIN_CODE_LENGTH = 8
export const JOIN_CODE_TTL_DAYS = 30

export function newJoinCode(): string {
  let code = ''
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]
  return code
}

export function joinCodeExpiry(now = new Date()): Date {
  return new Date(now.getTime() + JOIN_CODE_TTL_DAYS * 24 * 60 * 60 * 1000)
}

/** Shown as two groups of four, the way people read codes aloud. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}
