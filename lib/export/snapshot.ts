// What the map exporters read: a map's state with the passages its nodes cite, as plain data.
import type { CitedPassage } from '@/lib/maps/queries'
import type { MapNodeState, MapState } from '@/lib/maps/reducer'

export type Citation = Pick<CitedPassage, 'highlightId' | 'sourceTitle' | 'paragraph' | 'exact'>

export interface MapSnapshot {
  title: string
  kind: 'GROUP' | 'PERSONAL'
  state: MapState
  /** The cited passages the exporting user may see; a citation they may not see is left out. */
  cited: Citation[]
}

export function citationsByHighlight(snapshot: MapSnapshot): (node: MapNodeState) => Citation | null {
  const byId = new Map(snapshot.cited.map((c) => [c.highlightId, c]))
  return (node) => (node.highlightId ? (byId.get(node.highlightId) ?? null) : null)
}

/** What a node says: its label, or for a node left unlabelled the passage it cites. */
export const statementOf = (node: MapNodeState, citation: Citation | null): string =>
  node.label.replace(/\s+/g, ' ').trim() || citation?.exact.replace(/\s+/g, ' ').trim() || ''

/** "Why Alliances Endure, ¶2" — where a cited passage sits. */
export const placeOf = (citation: Citation): string =>
  citation.paragraph === null ? citation.sourceTitle : `${citation.sourceTitle}, ¶${citation.paragraph}`
