// Wall-clock times in a group's time zone, checked against every zone Intl knows: each instant's
// wall-clock time reads back to that instant (or, where the clocks pass that time twice, to its
// first occurrence), and times the clocks skip are found, whole-hour and half-hour shifts alike.
import { describe, expect, it } from 'vitest'
import {
  canonicalTimeZone,
  formatInZone,
  instantToZoned,
  timeZoneNames,
  zonedToInstant,
} from '@/lib/assignments/time-zone'

const HOUR = 3_600_000
const YEAR_2026 = Date.UTC(2026, 0, 1)

describe('wall-clock times in every time zone', () => {
  it('read back to the instant, or to the first of two instants with the same wall-clock time', () => {
    const zones = timeZoneNames()
    expect(zones.length).toBeGreaterThan(300)
    for (const zone of zones) {
      // Every 61 hours through 2026, so each hour of the day and each season comes up.
      for (let t = YEAR_2026; t < YEAR_2026 + 365 * 24 * HOUR; t += 61 * HOUR) {
        const instant = new Date(t)
        const local = instantToZoned(instant, zone)
        const back = zonedToInstant(local, zone)
        if (!back.ok) throw new Error(`${zone} ${local}: ${back.reason}`)
        expect(instantToZoned(back.instant, zone), `${zone} ${local}`).toBe(local)
        const earlier = t - back.instant.getTime()
        // Only a fall-back repeat reads back elsewhere: the same clock time at most two hours earlier.
        if (earlier !== 0) expect(earlier > 0 && earlier <= 2 * HOUR, `${zone} ${local}`).toBe(true)
      }
    }
    // The second 01:30 of New York's fall-back night reads back to the first.
    const second = new Date('2026-11-01T06:30:00Z')
    expect(instantToZoned(second, 'America/New_York')).toBe('2026-11-01T01:30')
    expect(zonedToInstant('2026-11-01T01:30', 'America/New_York')).toEqual({
      ok: true,
      instant: new Date('2026-11-01T05:30:00Z'),
    })
  })

  it('finds the times clocks skip, and means the first of the times they pass twice', () => {
    const skipped: [string, string][] = [
      ['America/New_York', '2026-03-08T02:30'],
      ['Europe/London', '2026-03-29T01:00'],
      ['Europe/Berlin', '2026-03-29T02:59'],
      ['Australia/Lord_Howe', '2026-10-04T02:15'], // a half-hour shift
      ['America/Santiago', '2026-09-06T00:30'],
    ]
    for (const [zone, local] of skipped)
      expect(zonedToInstant(local, zone), `${zone} ${local}`).toEqual({ ok: false, reason: 'skipped' })
    expect(zonedToInstant('2026-03-08T03:00', 'America/New_York')).toEqual({
      ok: true,
      instant: new Date('2026-03-08T07:00:00Z'),
    })
    expect(zonedToInstant('2026-10-25T01:30', 'Europe/London')).toEqual({
      ok: true,
      instant: new Date('2026-10-25T00:30:00Z'),
    })
    expect(zonedToInstant('2026-04-05T01:45', 'Australia/Lord_Howe')).toEqual({
      ok: true,
      instant: new Date('2026-04-04T14:45:00Z'),
    })
  })

  it('refuses what is not a date on the calendar', () => {
    for (const local of [
      '2026-02-29T10:00',
      '2026-13-01T10:00',
      '2026-04-31T10:00',
      '2026-01-01T24:00',
      '2026-01-01T10:60',
      '2026-01-01 10:00',
      '',
    ]) {
      expect(zonedToInstant(local, 'UTC'), local).toEqual({ ok: false, reason: 'format' })
    }
    expect(zonedToInstant('2028-02-29T10:00', 'UTC').ok).toBe(true)
  })

  it('names zones canonically and says the zone beside every date', () => {
    expect(canonicalTimeZone('asia/tokyo')).toBe('Asia/Tokyo')
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull()
    expect(formatInZone(new Date('2026-12-10T08:00:00Z'), 'Asia/Tokyo')).toBe('Thu, 10 Dec 2026, 17:00 GMT+9')
    expect(formatInZone(new Date('2026-12-10T08:00:00Z'), 'Asia/Kolkata')).toBe('Thu, 10 Dec 2026, 13:30 GMT+5:30')
  })
})
