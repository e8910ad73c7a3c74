// Gentle argument checks: claims without evidence, circular support, citations whose passage
// moved or vanished, and evidence that supports nothing.
import type { MapState } from './reducer'

export type CheckKind =
  'unsupported-claim' | 'circular-support' | 'passage-moved' | 'passage-orphaned' | 'idle-evidence'

export interface CheckFlag {
  nodeId: string
  kind: CheckKind
  message: string
}

export const CHECK_LABELS: Record<CheckKind, string> = {
  'unsupported-claim': 'Claim with no supporting evidence',
  'circular-support': 'Support runs in a circle',
  'passage-moved': 'Cited passage moved — check it',
  'passage-orphaned': 'Cited passage no longer in the text',
  'idle-evidence': 'Evidence that supports nothing',
}

/** Nodes on some circle of support: members of a strongly connected component larger than one (Tarjan). */
function nodesOnSupportCycles(state: MapState): Set<string> {
  const next = new Map<string, string[]>()
  for (const r of state.relations)
    if (r.kind === 'SUPPORTS') next.set(r.fromId, [...(next.get(r.fromId) ?? []), r.toId])
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const onCycle = new Set<string>()
  let counter = 0
  const visit = (id: string) => {
    index.set(id, counter)
    low.set(id, counter++)
    stack.push(id)
    onStack.add(id)
    for (const to of next.get(id) ?? []) {
      if (!index.has(to)) {
        visit(to)
        low.set(id, Math.min(low.get(id)!, low.get(to)!))
      } else if (onStack.has(to)) low.set(id, Math.min(low.get(id)!, index.get(to)!))
    }
    if (low.get(id) !== index.get(id)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== id)
    if (component.length > 1) for (const n of component) onCycle.add(n)
  }
  for (const node of state.nodes) if (!index.has(node.id)) visit(node.id)
  return onCycle
}

export function checkArgument(
  state: MapState,
  anchorOf: (highlightId: string) => 'EXACT' | 'MOVED' | 'ORPHANED' | undefined,
): CheckFlag[] {
  const kindOf = new Map(state.nodes.map((n) => [n.id, n.kind]))
  const flags: CheckFlag[] = []
  const cycle = nodesOnSupportCycles(state)
  for (const node of state.nodes) {
    const add = (kind: CheckKind) => flags.push({ nodeId: node.id, kind, message: CHECK_LABELS[kind] })
    const supporters = state.relations.filter((r) => r.toId === node.id && r.kind === 'SUPPORTS')
    if (node.kind === 'CLAIM' && !supporters.some((r) => kindOf.get(r.fromId) === 'EVIDENCE')) add('unsupported-claim')
    if (node.kind === 'EVIDENCE' && !state.relations.some((r) => r.fromId === node.id && r.kind === 'SUPPORTS'))
      add('idle-evidence')
    if (cycle.has(node.id)) add('circular-support')
    const anchor = node.highlightId ? anchorOf(node.highlightId) : undefined
    if (anchor === 'MOVED') add('passage-moved')
    if (anchor === 'ORPHANED') add('passage-orphaned')
  }
  return flags
}
