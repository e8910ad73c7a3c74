// A map as Argdown text (argdown.org), to read, edit and redraw in Argdown's tools.
//
// Every node is one top-level statement, `[Title]: text`, in the map's order. Titles come from
// the first words of the label, kept to letters, digits, spaces, hyphens and apostrophes, and
// numbered when two would clash ("Claim", "Claim 2"), because Argdown merges statements that
// share a title. The node's kind is a tag (#claim, #evidence, #bias, #note) so Argdown can colour
// it, and the passage it cites is a trailing `//` comment (source, ¶, quote): readers of the
// file see it, Argdown's parser and maps skip it. Relations are listed under the statement
// they point at: `+ [B]` means B supports it, `- [B]` that B attacks it, with the relation's
// label as a trailing comment. Characters Argdown would read as syntax are escaped with "\",
// and line breaks inside a label become spaces.
import type { MapNodeState, MapRelationState } from '@/lib/maps/reducer'
import { citationsByHighlight, placeOf, statementOf, type Citation, type MapSnapshot } from './snapshot'

const MAX_TITLE_WORDS = 6
const MAX_TITLE_CHARS = 48
const MAX_QUOTE_CHARS = 160

const KIND_TAG: Record<MapNodeState['kind'], string> = {
  CLAIM: 'claim',
  EVIDENCE: 'evidence',
  BIAS: 'bias',
  NOTE: 'note',
}
const KIND_WORD: Record<MapNodeState['kind'], string> = {
  CLAIM: 'Claim',
  EVIDENCE: 'Evidence',
  BIAS: 'Bias',
  NOTE: 'Note',
}

/** Escapes brackets, mentions, tags, emphasis, comments, data and front matter. */
const escapeArgdown = (text: string) => text.replace(/[\\[\]<>#*_@{}/=]/g, '\\$&')

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

function titleFrom(text: string, kind: MapNodeState['kind']): string {
  const words = text
    .replace(/[^\p{L}\p{N}\s'’-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
  let title = ''
  for (const word of words.slice(0, MAX_TITLE_WORDS)) {
    const longer = title ? `${title} ${word}` : word
    if (longer.length > MAX_TITLE_CHARS) break
    title = longer
  }
  // A title opening with "-" reads as an attack in Argdown.
  title = (title || (words[0] ?? '').slice(0, MAX_TITLE_CHARS)).replace(/^[-'’]+/, '').trim()
  return title || KIND_WORD[kind]
}

/** One distinct title per node, in map order. */
function statementTitles(snapshot: MapSnapshot): Map<string, string> {
  const citationOf = citationsByHighlight(snapshot)
  const taken = new Set<string>()
  const titles = new Map<string, string>()
  for (const node of snapshot.state.nodes) {
    const base = titleFrom(statementOf(node, citationOf(node)), node.kind)
    let title = base
    for (let n = 2; taken.has(title.toLowerCase()); n++) title = `${base} ${n}`
    taken.add(title.toLowerCase())
    titles.set(node.id, title)
  }
  return titles
}

function citationComment(citation: Citation): string {
  const quote = oneLine(citation.exact)
  const shown = quote.length > MAX_QUOTE_CHARS ? `${quote.slice(0, MAX_QUOTE_CHARS - 1)}…` : quote
  return ` // ${oneLine(placeOf(citation))}: “${shown}”`
}

export function exportMapArgdown(snapshot: MapSnapshot, exportedAt: Date): string {
  const citationOf = citationsByHighlight(snapshot)
  const titles = statementTitles(snapshot)
  const incoming = new Map<string, MapRelationState[]>()
  for (const r of snapshot.state.relations) {
    const list = incoming.get(r.toId)
    if (list) list.push(r)
    else incoming.set(r.toId, [r])
  }
  const lines = [
    `// ${oneLine(snapshot.title)}`,
    `// Argument map exported from Colloquy on ${exportedAt.toISOString().slice(0, 10)}.`,
  ]
  for (const node of snapshot.state.nodes) {
    const citation = citationOf(node)
    const text = statementOf(node, citation)
    lines.push(
      '',
      `[${titles.get(node.id)}]: ${text ? escapeArgdown(text) : '(no text)'} #${KIND_TAG[node.kind]}${citation ? citationComment(citation) : ''}`,
    )
    for (const relation of incoming.get(node.id) ?? []) {
      const from = titles.get(relation.fromId)
      if (!from) continue
      const label = oneLine(relation.label)
      lines.push(`  ${relation.kind === 'SUPPORTS' ? '+' : '-'} [${from}]${label ? ` // ${label}` : ''}`)
    }
  }
  return `${lines.join('\n')}\n`
}
