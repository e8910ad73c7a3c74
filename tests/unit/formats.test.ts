// Map exports in exchange formats: AIF JSON that AIFdb and OVA read, Argdown text that parses
// back to the same statements and relations, and the Colloquy backup's checks on import.
import { describe, expect, it } from 'vitest'
import { exportMapAif } from '@/lib/export/aif'
import { exportMapArgdown } from '@/lib/export/argdown'
import { exportMapBackup } from '@/lib/export/backup'
import { MapBackup } from '@/lib/export/backup-schema'
import type { MapSnapshot } from '@/lib/export/snapshot'
import type { MapNodeState, MapRelationState } from '@/lib/maps/reducer'

const AT = new Date('2025-03-01T14:05:09.123Z')

const node = (
  id: string,
  kind: MapNodeState['kind'],
  label: string,
  highlightId: string | null = null,
): MapNodeState => ({
  id,
  kind,
  label,
  highlightId,
  x: id.length * 10,
  y: -id.length * 5.5,
  version: 1,
})
const rel = (
  id: string,
  fromId: string,
  toId: string,
  kind: MapRelationState['kind'],
  label = '',
): MapRelationState => ({ id, fromId, toId, kind, label })

/** A claim backed by evidence, doubted for bias, with a second claim and a stray note. */
const SNAPSHOT: MapSnapshot = {
  title: 'Is the alliance still worth it?',
  kind: 'GROUP',
  state: {
    nodes: [
      node('claim', 'CLAIM', 'Alliances endure when both partners gain', 'h-gain'),
      node('evidence', 'EVIDENCE', 'Shared threats [NATO] bind allies', 'h-threats'),
      node('bias', 'BIAS', 'The author works for a *defence* think-tank'),
      node('claim2', 'CLAIM', 'Alliances endure when both partners gain,\nmostly'),
      node('note', 'NOTE', '', 'h-hidden'),
    ],
    relations: [
      rel('r1', 'evidence', 'claim', 'SUPPORTS', 'history'),
      rel('r2', 'bias', 'claim', 'ATTACKS'),
      rel('r3', 'evidence', 'claim2', 'SUPPORTS'),
      rel('r4', 'claim2', 'bias', 'ATTACKS'),
    ],
  },
  cited: [
    { highlightId: 'h-gain', sourceTitle: 'Why Alliances Endure', paragraph: 2, exact: 'both partners gain' },
    { highlightId: 'h-threats', sourceTitle: 'Why Alliances Endure', paragraph: null, exact: 'shared threats' },
    // 'h-hidden' is missing: the exporting user may not see that highlight.
  ],
}

describe('AIF export', () => {
  const doc = exportMapAif(SNAPSHOT, AT)
  const byId = new Map(doc.nodes.map((n) => [n.nodeID, n]))
  const aifIdOf = (colloquyId: string) => doc.colloquy.nodes.find((n) => n.id === colloquyId)!.nodeID

  it('makes one I-node per map node, an RA node per support and a CA node per attack', () => {
    const count = (type: string) => doc.nodes.filter((n) => n.type === type).length
    expect(count('I')).toBe(5)
    expect(count('RA')).toBe(2)
    expect(count('CA')).toBe(2)
    expect(doc.nodes.filter((n) => n.type === 'RA').every((n) => n.text === 'Default Inference')).toBe(true)
    expect(doc.nodes.filter((n) => n.type === 'CA').every((n) => n.text === 'Default Conflict')).toBe(true)
    expect(doc.edges).toHaveLength(8)
    expect(doc.locutions).toEqual([])
  })

  it('keeps exactly the AIF fields on nodes and edges, with unique ids and AIFdb timestamps', () => {
    for (const n of doc.nodes) {
      expect(Object.keys(n).sort()).toEqual(['nodeID', 'text', 'timestamp', 'type'])
      expect(n.timestamp).toBe('2025-03-01 14:05:09')
    }
    for (const e of doc.edges)
      expect(e).toEqual({
        edgeID: expect.stringMatching(/^\d+$/),
        fromID: expect.any(String),
        toID: expect.any(String),
        formEdgeID: null,
      })
    expect(new Set(doc.nodes.map((n) => n.nodeID)).size).toBe(doc.nodes.length)
    expect(new Set(doc.edges.map((e) => e.edgeID)).size).toBe(doc.edges.length)
    expect(Object.keys(doc).sort()).toEqual(['colloquy', 'edges', 'locutions', 'nodes'])
  })

  it('has every edge start and end at a node of the document', () => {
    for (const e of doc.edges) {
      expect(byId.has(e.fromID)).toBe(true)
      expect(byId.has(e.toID)).toBe(true)
    }
  })

  it('points premise → RA → conclusion and attacker → CA → attacked', () => {
    const through = (from: string, to: string) => {
      const out = doc.edges.filter((e) => e.fromID === aifIdOf(from)).map((e) => e.toID)
      return out
        .filter((s) => doc.edges.some((e) => e.fromID === s && e.toID === aifIdOf(to)))
        .map((s) => byId.get(s)!.type)
    }
    expect(through('evidence', 'claim')).toEqual(['RA'])
    expect(through('bias', 'claim')).toEqual(['CA'])
    expect(through('evidence', 'claim2')).toEqual(['RA'])
    expect(through('claim2', 'bias')).toEqual(['CA'])
    expect(through('claim', 'evidence')).toEqual([])
    // Each scheme node has exactly one edge in (from an I-node) and one out (to an I-node).
    for (const s of doc.nodes.filter((n) => n.type !== 'I')) {
      const incoming = doc.edges.filter((e) => e.toID === s.nodeID)
      const outgoing = doc.edges.filter((e) => e.fromID === s.nodeID)
      expect(incoming.map((e) => byId.get(e.fromID)!.type)).toEqual(['I'])
      expect(outgoing.map((e) => byId.get(e.toID)!.type)).toEqual(['I'])
    }
  })

  it('uses labels as I-node text, and keeps kind, citation and relation labels under `colloquy`', () => {
    expect(byId.get(aifIdOf('claim'))!.text).toBe('Alliances endure when both partners gain')
    expect(byId.get(aifIdOf('claim2'))!.text).toBe('Alliances endure when both partners gain, mostly')
    expect(doc.colloquy.title).toBe('Is the alliance still worth it?')
    expect(doc.colloquy.nodes.find((n) => n.id === 'claim')).toEqual({
      nodeID: aifIdOf('claim'),
      id: 'claim',
      kind: 'CLAIM',
      citation: { sourceTitle: 'Why Alliances Endure', paragraph: 2, exact: 'both partners gain' },
    })
    // A citation the exporting user may not see is left out, quote and all.
    expect(doc.colloquy.nodes.find((n) => n.id === 'note')!.citation).toBeNull()
    expect(doc.colloquy.relations.find((r) => r.id === 'r1')).toMatchObject({ kind: 'SUPPORTS', label: 'history' })
  })
})

/** Statement lines and the relation lines under each, by title. */
function parseArgdown(text: string) {
  const statements = new Map<string, { line: string; relations: string[] }>()
  let current: { line: string; relations: string[] } | null = null
  for (const line of text.split('\n')) {
    const definition = /^\[([^\]]+)\]: /.exec(line)
    if (definition) {
      current = { line, relations: [] }
      expect(statements.has(definition[1]!)).toBe(false)
      statements.set(definition[1]!, current)
    } else if (/^ {2}[+-] \[/.test(line)) {
      current!.relations.push(line)
    } else if (line !== '') {
      expect(line.startsWith('//')).toBe(true)
    } else {
      current = null
    }
  }
  return statements
}

describe('Argdown export', () => {
  const text = exportMapArgdown(SNAPSHOT, AT)
  const statements = parseArgdown(text)

  it('opens with the map title as a comment and ends with a newline', () => {
    expect(
      text.startsWith('// Is the alliance still worth it?\n// Argument map exported from Colloquy on 2025-03-01.\n\n'),
    ).toBe(true)
    expect(text.endsWith('\n')).toBe(true)
  })

  it('defines each node once under a unique title taken from its label', () => {
    expect([...statements.keys()]).toEqual([
      'Alliances endure when both partners gain',
      'Shared threats NATO bind allies',
      'The author works for a defence',
      'Alliances endure when both partners gain 2',
      'Note',
    ])
  })

  it('escapes brackets and emphasis in statement text, and tags the kind and cites the passage', () => {
    expect(statements.get('Alliances endure when both partners gain')!.line).toBe(
      '[Alliances endure when both partners gain]: Alliances endure when both partners gain #claim // Why Alliances Endure, ¶2: “both partners gain”',
    )
    expect(statements.get('Shared threats NATO bind allies')!.line).toBe(
      '[Shared threats NATO bind allies]: Shared threats \\[NATO\\] bind allies #evidence // Why Alliances Endure: “shared threats”',
    )
    expect(statements.get('The author works for a defence')!.line).toBe(
      '[The author works for a defence]: The author works for a \\*defence\\* think-tank #bias',
    )
    expect(statements.get('Alliances endure when both partners gain 2')!.line).toContain(
      ': Alliances endure when both partners gain, mostly #claim',
    )
    expect(statements.get('Note')!.line).toBe('[Note]: (no text) #note')
    for (const { line } of statements.values()) {
      const body = line.slice(line.indexOf(']: ') + 3).split(' // ')[0]!
      expect(body.replace(/\\./g, '')).not.toMatch(/[[\]]/)
    }
  })

  it('lists supporters with + and attackers with - under the statement they point at', () => {
    expect(statements.get('Alliances endure when both partners gain')!.relations).toEqual([
      '  + [Shared threats NATO bind allies] // history',
      '  - [The author works for a defence]',
    ])
    expect(statements.get('Alliances endure when both partners gain 2')!.relations).toEqual([
      '  + [Shared threats NATO bind allies]',
    ])
    expect(statements.get('The author works for a defence')!.relations).toEqual([
      '  - [Alliances endure when both partners gain 2]',
    ])
    expect(statements.get('Shared threats NATO bind allies')!.relations).toEqual([])
  })

  it('keeps links, tags and comment markers in labels from turning into Argdown syntax', () => {
    const tricky: MapSnapshot = {
      ...SNAPSHOT,
      state: {
        nodes: [
          node('a', 'CLAIM', 'See http://example.com #1 <Arg> @[x] {a: 1} === a_b ==='),
          node('b', 'NOTE', '[-]'),
        ],
        relations: [],
      },
    }
    const lines = exportMapArgdown(tricky, AT).split('\n')
    expect(lines).toContain(
      '[See http example com 1 Arg]: See http:\\/\\/example.com \\#1 \\<Arg\\> \\@\\[x\\] \\{a: 1\\} \\=\\=\\= a\\_b \\=\\=\\= #claim',
    )
    // A title of nothing but punctuation falls back to the kind; it never opens with "-".
    expect(lines).toContain('[Note]: \\[-\\] #note')
  })
})

describe('Colloquy backup', () => {
  const backup = exportMapBackup(SNAPSHOT, AT)
  const clone = () =>
    structuredClone(backup) as unknown as {
      format: unknown
      version: unknown
      nodes: Record<string, unknown>[]
      relations: Record<string, unknown>[]
    } & Record<string, unknown>
  const firstError = (input: unknown) => {
    const result = MapBackup.safeParse(input)
    expect(result.success).toBe(false)
    return result.error!.issues[0]!.message
  }

  it('writes the map with its positions and the citations the user may see, and reads it back unchanged', () => {
    expect(backup).toMatchObject({
      format: 'colloquy-map',
      version: 1,
      title: SNAPSHOT.title,
      kind: 'GROUP',
      exportedAt: '2025-03-01T14:05:09.123Z',
    })
    expect(backup.nodes[0]).toEqual({
      id: 'claim',
      kind: 'CLAIM',
      label: 'Alliances endure when both partners gain',
      x: 50,
      y: -27.5,
      citation: { highlightId: 'h-gain', sourceTitle: 'Why Alliances Endure', exact: 'both partners gain' },
    })
    expect(backup.nodes.find((n) => n.id === 'note')!.citation).toBeNull()
    expect(backup.relations).toEqual(SNAPSHOT.state.relations)
    expect(MapBackup.parse(JSON.parse(JSON.stringify(backup)))).toEqual(backup)
  })

  it('turns away files that are not Colloquy backups', () => {
    expect(firstError([])).toBe('This file is not a Colloquy map backup.')
    expect(firstError('colloquy-map')).toBe('This file is not a Colloquy map backup.')
    expect(firstError({ ...clone(), format: 'aif' })).toBe('This file is not a Colloquy map backup.')
    expect(firstError({ ...clone(), version: 2 })).toMatch(/another version of Colloquy/)
    expect(firstError({ ...clone(), nodes: 'none' })).toBe('The backup lists no nodes.')
  })

  it('holds nodes to the map’s limits', () => {
    const long = clone()
    long.nodes[0]!.label = 'x'.repeat(501)
    expect(firstError(long)).toBe('A node label can be at most 500 characters.')
    const idTooLong = clone()
    idTooLong.nodes[0]!.id = 'n'.repeat(65)
    expect(firstError(idTooLong)).toMatch(/longer than 64 characters/)
    const far = clone()
    far.nodes[0]!.x = 1e7
    expect(firstError(far)).toBe('A node lies too far off the map.')
    const kind = clone()
    kind.nodes[0]!.kind = 'QUESTION'
    expect(firstError(kind)).toMatch(/claim, evidence, bias or note/)
    const many = {
      ...clone(),
      relations: [],
      nodes: Array.from({ length: 2001 }, (_, i) => ({
        id: `n${i}`,
        kind: 'NOTE',
        label: '',
        x: 0,
        y: 0,
        citation: null,
      })),
    }
    expect(firstError(many)).toBe('A map can hold at most 2,000 nodes.')
    const atLimit = { ...many, nodes: many.nodes.slice(0, 2000) }
    expect(MapBackup.safeParse(atLimit).success).toBe(true)
  })

  it('accepts any string up to 64 characters as an id', () => {
    const ids = clone()
    ids.nodes[0]!.id = 'Ünïcode id with spaces: 1'
    for (const r of ids.relations) if (r.toId === 'claim') r.toId = 'Ünïcode id with spaces: 1'
    expect(MapBackup.safeParse(ids).success).toBe(true)
  })

  it('refuses relations to unlisted nodes, to themselves, twice between one pair, and duplicate ids', () => {
    const changed = (change: (copy: ReturnType<typeof clone>) => unknown) => {
      const copy = clone()
      change(copy)
      return copy
    }
    expect(firstError(changed((b) => (b.relations[0]!.toId = 'elsewhere')))).toBe(
      'Relation “r1” connects a node that is not in the backup.',
    )
    expect(firstError(changed((b) => (b.relations[0]!.toId = 'evidence')))).toBe(
      'A node cannot support or attack itself.',
    )
    const twice = { id: 'r5', fromId: 'claim', toId: 'evidence', kind: 'ATTACKS', label: '' }
    expect(firstError(changed((b) => b.relations.push(twice)))).toBe(
      'Two relations in the backup connect the same two nodes (relation “r5”).',
    )
    expect(firstError(changed((b) => (b.nodes[1]!.id = 'claim')))).toBe('Two nodes in the backup share the id “claim”.')
    expect(firstError(changed((b) => (b.relations[1]!.id = 'r1')))).toBe(
      'Two relations in the backup share the id “r1”.',
    )
  })
})
