// The benchmarks' argument maps: seeded (the same on every run and machine), drawn the way people
// draw them, as the operations that build them.
import { newId } from '../../lib/ids'
import type { Operation } from '../../lib/maps/schema'

const WORDS = (
  'alliance deterrence bases burden sharing treaty security guarantee Okinawa economy trade threat region partner ' +
  'credibility cost public opinion cooperation exercise doctrine defence budget history occupation constitution ' +
  'pacifism China Korea missile navy cooperation interests values commitment'
).split(' ')

/** A map drawn the way people draw them: a tree of reasons, plus cross-links, in a loose grid. */
export function mapOperations(nodes: number, relations: number, random: () => number): Operation[] {
  const kinds = ['CLAIM', 'EVIDENCE', 'EVIDENCE', 'CLAIM', 'NOTE', 'BIAS'] as const
  const ids = Array.from({ length: nodes }, newId)
  const sentence = () => {
    const length = 6 + Math.floor(random() * 30)
    const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]!)
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`
  }
  const ops: Operation[] = ids.map((id, i) => ({
    type: 'node.add',
    node: {
      id,
      kind: kinds[Math.floor(random() * kinds.length)]!,
      label: sentence(),
      highlightId: null,
      x: (i % 25) * 320 + Math.round(random() * 40),
      y: Math.floor(i / 25) * 220 + Math.round(random() * 40),
    },
  }))
  const linked = new Set<string>()
  const link = (from: number, to: number): boolean => {
    if (from === to || linked.has(`${from}:${to}`) || linked.has(`${to}:${from}`)) return false
    linked.add(`${from}:${to}`)
    const kind = random() < 0.7 ? 'SUPPORTS' : 'ATTACKS'
    ops.push({
      type: 'relation.add',
      relation: { id: newId(), fromId: ids[from]!, toId: ids[to]!, kind, label: random() < 0.2 ? 'in part' : '' },
    })
    return true
  }
  // Each node supports or attacks one of the 40 before it, then cross-links among near neighbours.
  for (let i = 1; i < nodes && linked.size < relations; i++) link(i, Math.max(0, i - 1 - Math.floor(random() * 40)))
  for (let guard = 0; linked.size < relations; guard++) {
    if (guard > relations * 100) throw new Error(`Could not place ${relations} distinct relations on ${nodes} nodes.`)
    const from = Math.floor(random() * nodes)
    link(from, Math.min(nodes - 1, Math.max(0, from + Math.floor(random() * 121) - 60)))
  }
  return ops
}
