// Offsets in Unicode code points, as the W3C Web Annotation model counts them (§4.2.5), for a
// text whose offsets are kept in UTF-16 code units (JavaScript strings, the database). Every
// character outside the Basic Multilingual Plane (emoji, rare CJK ideographs) is two code units
// but one code point, so the two counts part after the first of them.
import { lowerBound } from './lower-bound'

/**
 * A converter for one text: UTF-16 offset → code-point offset, or null when the offset falls
 * between the two halves of a surrogate pair (it names no position in code points).
 */
export function codePointOffsets(text: string): (utf16: number) => number | null {
  // UTF-16 offsets of the second half of every pair, ascending: one pass over the text.
  const lowHalves: number[] = []
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) lowHalves.push(++i)
    }
  }
  return (utf16) => {
    if (utf16 < 0 || utf16 > text.length) return null
    // How many low halves lie before the offset: each is a code unit that adds no code point.
    const before = lowerBound(lowHalves, utf16)
    if (lowHalves[before] === utf16) return null
    return utf16 - before
  }
}
