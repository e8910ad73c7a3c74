// Reads a seminar archive (gzip of JSON, or the JSON itself) and checks all of it against the
// archive's schema: the slow, memory-hungry part of an import, kept off the request thread.
import { gunzipSync } from 'fflate'
import { ZodError } from 'zod'
import { MAX_ARCHIVE_JSON_BYTES, SeminarArchive } from '@/lib/archive/schema'
import { Invalid } from '@/lib/errors'

const GZIP = [0x1f, 0x8b]

function jsonOf(bytes: Uint8Array): unknown {
  let text = bytes
  if (bytes[0] === GZIP[0] && bytes[1] === GZIP[1]) {
    // gzip records the unpacked size in its last four bytes: refuse a bomb before unpacking it.
    const size =
      bytes.length >= 4 ? new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true) : 0
    if (size > MAX_ARCHIVE_JSON_BYTES)
      throw new Invalid('This archive unpacks to more than 200 MB, more than one seminar can hold.')
    try {
      text = gunzipSync(bytes)
    } catch {
      throw new Invalid('This archive file is damaged (it does not unpack).')
    }
    if (text.length > MAX_ARCHIVE_JSON_BYTES)
      throw new Invalid('This archive unpacks to more than 200 MB, more than one seminar can hold.')
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(text))
  } catch {
    throw new Invalid('This file is not a Colloquy seminar archive (it is not JSON).')
  }
}

export default async function parseArchive(input: { bytes: Uint8Array }): Promise<SeminarArchive> {
  let value: unknown
  try {
    value = jsonOf(input.bytes)
  } catch (error) {
    // JSON nested past the parser's stack.
    if (error instanceof RangeError)
      throw new Invalid('This archive is nested too deeply to be a Colloquy seminar archive.')
    throw error
  }
  try {
    return SeminarArchive.parse(value)
  } catch (error) {
    if (!(error instanceof ZodError)) throw error
    const fieldErrors: Record<string, string> = {}
    for (const issue of error.issues) fieldErrors[issue.path.join('.') || 'form'] ??= issue.message
    throw new Invalid(Object.values(fieldErrors)[0] ?? 'This file is not a Colloquy seminar archive.', fieldErrors)
  }
}
