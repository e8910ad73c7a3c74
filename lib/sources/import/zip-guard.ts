// Reads a zip (a .docx) the safe way before any library unpacks it: every entry named in the
// central directory is inflated with zlib's output capped at what is left of the budget, so a
// zip bomb (an entry that declares 1 KB and inflates to gigabytes, or entries that overlap) is
// refused once its real output passes the budget, never trusted for what it declares. Entries the
// caller asks for are returned as text.
import { inflateRawSync } from 'node:zlib'
import { Invalid } from '@/lib/errors'
import { MAX_UNZIPPED_BYTES, tooComplex } from './limits'

const MAX_ENTRIES = 5_000

export interface ZipContents {
  /** Total inflated bytes of every entry. */
  inflatedBytes: number
  /** The text of the entries asked for, by name. */
  texts: Map<string, string>
}

export function inspectZip(bytes: Uint8Array, wanted: readonly string[], unreadable: string): ZipContents {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const end = endOfCentralDirectory(view)
  if (end < 0) throw new Invalid(unreadable)
  const entries = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  if (entries === 0xffff || at === 0xffffffff) throw tooComplex() // zip64: far beyond any essay
  if (entries > MAX_ENTRIES) throw tooComplex()
  let inflatedBytes = 0
  const texts = new Map<string, string>()
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw new Invalid(unreadable)
    const method = view.getUint16(at + 10, true)
    const compressedSize = view.getUint32(at + 20, true)
    const nameLength = view.getUint16(at + 28, true)
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength))
    const local = view.getUint32(at + 42, true)
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw new Invalid(unreadable)
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    const data = bytes.subarray(start, Math.min(bytes.length, start + compressedSize))
    let content: Uint8Array
    if (method === 0) content = data
    else if (method === 8) content = inflateWithin(data, MAX_UNZIPPED_BYTES - inflatedBytes, unreadable)
    else throw new Invalid(unreadable)
    inflatedBytes += content.length
    if (inflatedBytes > MAX_UNZIPPED_BYTES) throw tooComplex()
    if (wanted.includes(name)) texts.set(name, new TextDecoder().decode(content))
  }
  return { inflatedBytes, texts }
}

/** Inflates one entry, stopping (too complex) as soon as its output would pass `room` bytes. */
function inflateWithin(data: Uint8Array, room: number, unreadable: string): Uint8Array {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, room) })
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw tooComplex()
    throw new Invalid(unreadable)
  }
}

function endOfCentralDirectory(view: DataView): number {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at
  }
  return -1
}
