// Wall-clock times in a group's IANA time zone, with Intl alone: "Thursday 17:00 in Tokyo" to an
// instant and back. A time the clocks skip (spring forward) does not exist and is refused; a time
// they pass twice (fall back) means its first occurrence, as calendars do.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

/** The zone's canonical name ("asia/tokyo" → "Asia/Tokyo"), or null when Intl does not know it. */
export function canonicalTimeZone(name: string): string | null {
  if (name.length === 0 || name.length > 64) return null
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

export function timeZoneNames(): string[] {
  return Intl.supportedValuesOf('timeZone')
}

const partsFormat = new Map<string, Intl.DateTimeFormat>()

function wallClockParts(instant: number, timeZone: string): number[] {
  let format = partsFormat.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsFormat.set(timeZone, format)
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]))
  return [
    Number(parts.year),
    Number(parts.month),
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  ]
}

/** How far the zone's clocks are ahead of UTC at this instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const [y, mo, d, h, mi, s] = wallClockParts(instant, timeZone)
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - (instant - (((instant % 1000) + 1000) % 1000))
}

export type ZonedInstant = { ok: true; instant: Date } | { ok: false; reason: 'format' | 'skipped' }

/** "2026-12-10T17:00" on the zone's clocks, as an instant. */
export function zonedToInstant(local: string, timeZone: string): ZonedInstant {
  const match = LOCAL.exec(local)
  if (!match) return { ok: false, reason: 'format' }
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number]
  const asUtc = Date.UTC(y, mo - 1, d, h, mi)
  const check = new Date(asUtc)
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59)
    return { ok: false, reason: 'format' }
  // The offsets in force a day either side cover any one transition; keep those that read back.
  const offsets = new Set([
    offsetAt(asUtc - 86_400_000, timeZone),
    offsetAt(asUtc, timeZone),
    offsetAt(asUtc + 86_400_000, timeZone),
  ])
  const fits = [...offsets]
    .map((offset) => asUtc - offset)
    .filter((instant) => instantToZoned(new Date(instant), timeZone) === local)
    .sort((a, b) => a - b)
  return fits.length === 0 ? { ok: false, reason: 'skipped' } : { ok: true, instant: new Date(fits[0]!) }
}

/** The instant as "2026-12-10T17:00" on the zone's clocks (for a datetime-local input). */
export function instantToZoned(instant: Date, timeZone: string): string {
  const [y, mo, d, h, mi] = wallClockParts(instant.getTime(), timeZone)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${String(y).padStart(4, '0')}-${two(mo!)}-${two(d!)}T${two(h!)}:${two(mi!)}`
}

/** "Thu 10 Dec 2026, 17:00 GMT+9": what people read, in the group's zone, with the zone said. */
export function formatInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(instant)
}
