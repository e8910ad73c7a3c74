// The live events a group's members receive. Payloads carry ids only: clients re-read what
// they may see through the normal (authorized) queries. An event about a private highlight or a
// personal map names its audience, and the stream sends it to those people only (the audience
// itself never leaves the server).
import { mapAudience, type Audience, type MapKind } from '@/lib/permissions/visibility'

export type LiveEvent = (
  | { type: 'highlight.changed'; sourceId: string; highlightId: string }
  | { type: 'source.changed'; sourceId: string }
  | { type: 'presence.changed'; sourceId: string }
  | { type: 'map.changed'; mapId: string; seq: number }
  | { type: 'map.presence'; mapId: string; userId: string; name: string; selected: string[] }
  /** Something new in one person's inbox (sent to them only). */
  | { type: 'notification.created' }
  /** A member left the group: their own streams of it close. */
  | { type: 'member.removed'; userId: string }
) & { audience?: Audience }

/** A map changed: its number, for those who may see the map. */
export function mapChanged(map: { id: string; kind: MapKind; ownerId: string | null }, seq: number): LiveEvent {
  return { type: 'map.changed', mapId: map.id, seq, audience: mapAudience(map) }
}

/** What travels over NOTIFY: the event plus its group and, for stored events, its sequence number. */
export interface Notice {
  groupId: string
  seq: number | null
  event: LiveEvent
}

export const CHANNEL = 'colloquy_events'
