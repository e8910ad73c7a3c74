// The live events a group's members receive. Payloads carry ids only: clients re-read what
// they may see through the normal (authorized) queries.
export type LiveEvent =
  | { type: 'highlight.changed'; sourceId: string; highlightId: string }
  | { type: 'source.changed'; sourceId: string }
  | { type: 'presence.changed'; sourceId: string }
  | { type: 'map.changed'; mapId: string; seq: number }
  | { type: 'map.presence'; mapId: string; userId: string; name: string; selected: string[] }

/** What travels over NOTIFY: the event plus its group and, for stored events, its sequence number. */
export interface Notice {
  groupId: string
  seq: number | null
  event: LiveEvent
}

export const CHANNEL = 'colloquy_events'
