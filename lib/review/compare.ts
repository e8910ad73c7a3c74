// Comparing two maps: which passages both cite and which only one does, and where relations
// between the same passages agree (same kind) or disagree (supports vs attacks).
import type { MapState } from '@/lib/maps/reducer'

export interface Comparison {
  shared: string[]
  onlyA: string[]
  onlyB: string[]
  agree: { from: string; to: string; kind: 'SUPPORTS' | 'ATTACKS' }[]
  disagree: { from: string; to: string; kindA: 'SUPPORTS' | 'ATTACKS'; kindB: 'SUPPORTS' | 'ATTACKS' }[]
}

/** Relations as pairs of cited highlight ids (relations touching uncited nodes are not comparable). */
function citedRelations(state: MapState): Map<string, { from: string; to: string; kind: 'SUPPORTS' | 'ATTACKS' }> {
  const cite = new Map(state.nodes.flatMap((n) => (n.highlightId ? [[n.id, n.highlightId] as const] : [])))
  const out = new Map<string, { from: string; to: string; kind: 'SUPPORTS' | 'ATTACKS' }>()
  for (const r of state.relations) {
    const from = cite.get(r.fromId)
    const to = cite.get(r.toId)
    if (from && to) out.set(`${from}>${to}`, { from, to, kind: r.kind })
  }
  return out
}

export function compareMaps(a: MapState, b: MapState): Comparison {
  const citedA = new Set(a.nodes.flatMap((n) => (n.highlightId ? [n.highlightId] : [])))
  const citedB = new Set(b.nodes.flatMap((n) => (n.highlightId ? [n.highlightId] : [])))
  const relA = citedRelations(a)
  const relB = citedRelations(b)
  const agree: Comparison['agree'] = []
  const disagree: Comparison['disagree'] = []
  for (const [key, r] of relA) {
    const other = relB.get(key)
    if (!other) continue
    if (other.kind === r.kind) agree.push(r)
    else disagree.push({ from: r.from, to: r.to, kindA: r.kind, kindB: other.kind })
  }
  return {
    shared: [...citedA].filter((id) => citedB.has(id)),
    onlyA: [...citedA].filter((id) => !citedB.has(id)),
    onlyB: [...citedB].filter((id) => !citedA.has(id)),
    agree,
    disagree,
  }
}
