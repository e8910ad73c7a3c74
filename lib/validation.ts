// Checks shared by every free-text input: text is stored exactly as typed or refused. PostgreSQL
// refuses NUL in text and JSON columns (an error, not a message), and a lone UTF-16 surrogate has
// no UTF-8 form, so the driver would silently store U+FFFD in its place (or JSON would fail).
import { z } from 'zod'

const LONE_SURROGATE = /\p{Cs}/u
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/

export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text)

/** Multi-line text (notes, labels, feedback, a source's text): anything but NUL and lone surrogates. */
export const isStorableText = (text: string): boolean => !text.includes('\u0000') && !hasLoneSurrogate(text)

/** One-line text (names, titles): no control characters either, line breaks included. */
export const isSingleLineText = (text: string): boolean => !CONTROL_CHARS.test(text) && !hasLoneSurrogate(text)

/** Required text, without the spaces around it: absent and empty say the same (`missing`). */
export const requiredText = (missing: string, max: number, tooLong: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, tooLong)

/**
 * A required one-line field of a form (a title, a name), speaking of itself by `label`:
 * "Use at most 100 characters for the group name.", "The title contains characters that cannot be shown."
 */
export const requiredLine = (label: string, max: number, missing = `Enter a ${label}.`) =>
  requiredText(missing, max, `Use at most ${max} characters for the ${label}.`).refine(
    isSingleLineText,
    `The ${label} contains characters that cannot be shown.`,
  )
