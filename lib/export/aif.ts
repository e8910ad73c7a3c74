// A map in the Argument Interchange Format as AIFdb and OVA exchange it (AIF JSON).
//
// Claims, evidence, bias and notes become I-nodes (information) whose text is the node's label
// (for an unlabelled node, the passage it cites).
// Each support becomes an RA node ("Default Inference") with edges premise → RA → conclusion;
// each attack a CA node ("Default Conflict") with edges attacker → CA → attacked. Colloquy
// relations join two nodes, so every RA and CA node has exactly one premise or attacker: several
// supporters of one claim export as convergent, not linked, arguments. Ids are numbers written as
// strings and timestamps "YYYY-MM-DD HH:mm:ss" in UTC, as AIFdb writes them. There are no
// locutions: a map records no dialogue. What AIF has no field for (the node's kind, the passage
// it cites, a relation's label, Colloquy's own ids) travels under one extra top-level key,
// `colloquy`, so the nodes and edges keep exactly the AIF shape and AIF tools can ignore the rest.
import type { MapNodeState, MapRelationState } from '@/lib/maps/reducer'
import { citationsByHighlight, statementOf, type MapSnapshot } from './snapshot'

export interface AifNode {
  nodeID: string
  text: string
  type: 'I' | 'RA' | 'CA'
  timestamp: string
}

export interface AifEdge {
  edgeID: string
  fromID: string
  toID: string
  formEdgeID: null
}

export interface AifDocument {
  nodes: AifNode[]
  edges: AifEdge[]
  locutions: []
  colloquy: {
    title: string
    nodes: {
      nodeID: string
      id: string
      kind: MapNodeState['kind']
      citation: { sourceTitle: string; paragraph: number | null; exact: string } | null
    }[]
    relations: { nodeID: string; id: string; kind: MapRelationState['kind']; label: string }[]
  }
}

const SCHEME = {
  SUPPORTS: { type: 'RA', text: 'Default Inference' },
  ATTACKS: { type: 'CA', text: 'Default Conflict' },
} as const

/** "2025-03-01 14:05:09", the form AIFdb stamps nodes with. */
const aifTimestamp = (at: Date) => at.toISOString().slice(0, 19).replace('T', ' ')

export function exportMapAif(snapshot: MapSnapshot, exportedAt: Date): AifDocument {
  const timestamp = aifTimestamp(exportedAt)
  const citationOf = citationsByHighlight(snapshot)
  let nextNode = 0
  const aifId = new Map<string, string>()
  const doc: AifDocument = {
    nodes: [],
    edges: [],
    locutions: [],
    colloquy: { title: snapshot.title, nodes: [], relations: [] },
  }
  const edge = (fromID: string, toID: string) =>
    doc.edges.push({ edgeID: String(doc.edges.length + 1), fromID, toID, formEdgeID: null })

  for (const node of snapshot.state.nodes) {
    const nodeID = String(++nextNode)
    const citation = citationOf(node)
    aifId.set(node.id, nodeID)
    doc.nodes.push({ nodeID, text: statementOf(node, citation), type: 'I', timestamp })
    doc.colloquy.nodes.push({
      nodeID,
      id: node.id,
      kind: node.kind,
      citation: citation && { sourceTitle: citation.sourceTitle, paragraph: citation.paragraph, exact: citation.exact },
    })
  }
  for (const relation of snapshot.state.relations) {
    const from = aifId.get(relation.fromId)
    const to = aifId.get(relation.toId)
    if (!from || !to) continue
    const nodeID = String(++nextNode)
    const scheme = SCHEME[relation.kind]
    doc.nodes.push({ nodeID, text: scheme.text, type: scheme.type, timestamp })
    doc.colloquy.relations.push({ nodeID, id: relation.id, kind: relation.kind, label: relation.label })
    edge(from, nodeID)
    edge(nodeID, to)
  }
  return doc
}
