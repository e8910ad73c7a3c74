// Map exports and backups against a real database: a student backs up a map that cites the
// essay, imports it again and gets the same map (fresh ids, same passages, a log that replays to
// it); a backup whose passages are not in the group, or not visible to the importer, is refused
// whole; broken or oversized files create nothing; and nobody exports a map they may not read.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createHighlight } from '@/lib/annotations/mutations'
import { db } from '@/lib/db'
import { exportMapFormat } from '@/lib/export/format-export'
import { importMapBackup, MAX_BACKUP_BYTES, type MapBackup } from '@/lib/export/backup'
import { readJson } from '@/lib/http'
import { createMap } from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import { replay, type MapState } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'
import { loadMapState } from '@/lib/maps/state'
import { createSource } from '@/lib/sources/mutations'
import { groupOf, refusal, selections, seminar as seminarOn } from './fixtures'

const TITLE = 'Why Alliances Endure'
const TEXT = [
  TITLE,
  'Alliances last when both partners gain from them, as the record shows.',
  'History shows that shared threats bind allies together.',
].join('\n\n')

const hexId = () => randomBytes(12).toString('hex')

async function essay(actor: { id: string }, groupId: string) {
  const { id: sourceId } = await createSource(actor, { groupId, title: TITLE, text: TEXT })
  return { sourceId, at: selections(TEXT, sourceId) }
}

/** Sam's personal map in the seminar: a claim and evidence citing the essay, a bias, edits and moves. */
async function seminar() {
  const { iris, sam, ann, olga, groupId, at } = await seminarOn({ title: TITLE, text: TEXT })
  const gain = await createHighlight(sam, { ...at('both partners gain'), tag: 'CLAIM' })
  const threats = await createHighlight(sam, { ...at('shared threats'), tag: 'EVIDENCE' })
  const doubt = await createHighlight(sam, { ...at('as the record shows'), tag: 'BIAS', visibility: 'PRIVATE' })
  const { id: mapId } = await createMap(sam, { groupId, title: 'Is the alliance still worth it?' })
  const [claim, evidence, bias, note] = [hexId(), hexId(), hexId(), hexId()]
  const ops: Operation[] = [
    {
      type: 'node.add',
      node: { id: claim, kind: 'CLAIM', label: 'Alliances last when both gain', highlightId: gain.id, x: 0, y: 0 },
    },
    {
      type: 'node.add',
      node: {
        id: evidence,
        kind: 'EVIDENCE',
        label: 'Shared threats [history]',
        highlightId: threats.id,
        x: -120.5,
        y: 160,
      },
    },
    {
      type: 'node.add',
      node: { id: bias, kind: 'BIAS', label: 'Whose record?', highlightId: doubt.id, x: 140, y: 160 },
    },
    { type: 'node.add', node: { id: note, kind: 'NOTE', label: 'Ask Iris', x: 300, y: -40 } },
    {
      type: 'relation.add',
      relation: { id: hexId(), fromId: evidence, toId: claim, kind: 'SUPPORTS', label: 'since 1949' },
    },
    { type: 'relation.add', relation: { id: hexId(), fromId: bias, toId: claim, kind: 'ATTACKS', label: '' } },
    { type: 'node.edit', nodeId: claim, label: 'Alliances last when both partners gain', baseVersion: 1 },
    { type: 'node.move', nodeId: note, x: 320, y: -60 },
  ]
  for (const op of ops) await applyMapOperation(sam, { mapId, op })
  return { iris, sam, ann, olga, groupId, mapId, highlights: { gain, threats, doubt } }
}

async function backupOf(actor: { id: string }, mapId: string): Promise<MapBackup> {
  return JSON.parse((await exportMapFormat(actor, mapId, { format: 'backup' })).body)
}

/** A map up to its ids: nodes by what they say and where, relations by the nodes they join. */
function shape(state: MapState) {
  const sig = new Map(state.nodes.map((n) => [n.id, `${n.kind}|${n.label}|${n.x}|${n.y}|${n.highlightId}`]))
  return {
    nodes: [...sig.values()].sort(),
    relations: state.relations.map((r) => `${sig.get(r.fromId)} ${r.kind} ${sig.get(r.toId)} (${r.label})`).sort(),
  }
}

const totals = async () => ({
  maps: await db.argumentMap.count(),
  nodes: await db.mapNode.count(),
  operations: await db.mapOperation.count(),
})

const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id))

describe('backing up a map and importing it again', () => {
  it('gives back the same map — labels, kinds, positions, relations, cited passages — with fresh ids', async () => {
    const s = await seminar()
    const backup = await backupOf(s.sam, s.mapId)
    expect(backup).toMatchObject({
      format: 'colloquy-map',
      version: 1,
      title: 'Is the alliance still worth it?',
      kind: 'PERSONAL',
    })
    expect(backup.nodes.find((n) => n.kind === 'CLAIM')!.citation).toEqual({
      highlightId: s.highlights.gain.id,
      sourceTitle: TITLE,
      exact: 'both partners gain',
    })

    const { id } = await importMapBackup(s.sam, { groupId: s.groupId, backup })
    expect(id).not.toBe(s.mapId)
    const map = await db.argumentMap.findUniqueOrThrow({ where: { id } })
    expect(map).toMatchObject({
      groupId: s.groupId,
      kind: 'PERSONAL',
      ownerId: s.sam.id,
      status: 'DRAFT',
      title: 'Is the alliance still worth it?',
    })

    const original = await loadMapState(s.mapId)
    const imported = await loadMapState(id)
    expect(shape(imported)).toEqual(shape(original))
    expect(
      imported.nodes
        .map((n) => n.highlightId)
        .filter(Boolean)
        .sort(),
    ).toEqual([s.highlights.gain.id, s.highlights.threats.id, s.highlights.doubt.id].sort())
    const oldIds = new Set([...original.nodes.map((n) => n.id), ...original.relations.map((r) => r.id)])
    expect([...imported.nodes, ...imported.relations].some((x) => oldIds.has(x.id))).toBe(false)
  })

  it('records the import in the operation log, which replays to the stored map', async () => {
    const s = await seminar()
    const { id } = await importMapBackup(s.sam, { groupId: s.groupId, backup: await backupOf(s.sam, s.mapId) })
    const log = await db.mapOperation.findMany({
      where: { mapId: id },
      orderBy: { seq: 'asc' },
      select: { seq: true, actorId: true, payload: true },
    })
    expect(log.map((entry) => entry.seq)).toEqual(Array.from({ length: 6 }, (_, i) => i + 1))
    expect(log.every((entry) => entry.actorId === s.sam.id)).toBe(true)
    const replayed = replay(log.map((entry) => entry.payload as Operation))
    const stored = await loadMapState(id)
    expect(byId(replayed.nodes)).toEqual(byId(stored.nodes))
    expect(byId(replayed.relations)).toEqual(byId(stored.relations))
    expect((await db.argumentMap.findUniqueOrThrow({ where: { id }, select: { seq: true } })).seq).toBe(6)
  })

  it('finds the same passage by quote and source title in another group that has it', async () => {
    const s = await seminar()
    const backup = await backupOf(s.sam, s.mapId)
    const { groupId: otherGroup } = await groupOf(s.iris, [s.sam], { name: 'Spring seminar' })
    const { at } = await essay(s.iris, otherGroup)
    const gain = await createHighlight(s.iris, { ...at('both partners gain'), tag: 'CLAIM' })
    const threats = await createHighlight(s.iris, { ...at('shared threats'), tag: 'EVIDENCE' })
    const doubt = await createHighlight(s.sam, { ...at('as the record shows'), tag: 'BIAS' })
    const { id } = await importMapBackup(s.sam, { groupId: otherGroup, backup })
    const cited = (await loadMapState(id)).nodes.map((n) => n.highlightId).filter(Boolean)
    expect(cited.sort()).toEqual([gain.id, threats.id, doubt.id].sort())
  })
})

describe('refusing an import', () => {
  it('names the citations a group lacks, and creates nothing, when imported into another group', async () => {
    const s = await seminar()
    const backup = await backupOf(s.sam, s.mapId)
    const { groupId: otherGroup } = await groupOf(s.iris, [s.sam], { name: 'Spring seminar' })
    const before = await totals()
    const failure = await refusal(importMapBackup(s.sam, { groupId: otherGroup, backup }))
    expect(failure.status).toBe(400)
    expect(failure.error).toMatch(/^3 citations do not match passages you can see in this group: /)
    expect(failure.error).toContain('“both partners gain” (Why Alliances Endure)')
    expect(failure.error).toContain('“shared threats” (Why Alliances Endure)')
    expect(failure.error).toContain('Nothing was imported.')
    expect(Object.keys(failure.fieldErrors)).toHaveLength(3)
    expect(await totals()).toEqual(before)
  })

  it('does not let a classmate cite a private highlight she cannot see, even in the same group', async () => {
    const s = await seminar()
    const backup = await backupOf(s.sam, s.mapId)
    const before = await totals()
    const failure = await refusal(importMapBackup(s.ann, { groupId: s.groupId, backup }))
    expect(failure.error).toMatch(
      /^This citation does not match a passage you can see in this group: “as the record shows” \(Why Alliances Endure\)/,
    )
    expect(await totals()).toEqual(before)
  })

  it('explains a broken, foreign or oversized file and creates nothing', async () => {
    const s = await seminar()
    const backup = await backupOf(s.sam, s.mapId)
    const before = await totals()
    const post = (body: string) =>
      new Request('http://localhost/api/import', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })

    expect((await refusal(readJson(post('{"format": "colloquy-map", "nodes": ['), MAX_BACKUP_BYTES))).error).toBe(
      'The request body is not valid JSON.',
    )
    const huge = JSON.stringify({ ...backup, padding: 'x'.repeat(MAX_BACKUP_BYTES) })
    expect((await refusal(readJson(post(huge), MAX_BACKUP_BYTES))).error).toMatch(/too large/)
    // Just under the limit is read.
    expect(await readJson(post(JSON.stringify(backup)), MAX_BACKUP_BYTES)).toEqual(backup)

    const aif = JSON.parse((await exportMapFormat(s.sam, s.mapId, { format: 'aif' })).body)
    expect((await refusal(importMapBackup(s.sam, { groupId: s.groupId, backup: aif }))).error).toBe(
      'This file is not a Colloquy map backup.',
    )
    const dangling = { ...backup, relations: [{ ...backup.relations[0]!, toId: 'gone' }] }
    expect((await refusal(importMapBackup(s.sam, { groupId: s.groupId, backup: dangling }))).error).toMatch(
      /connects a node that is not in the backup/,
    )
    expect(await totals()).toEqual(before)
  })

  it('keeps outsiders and visitors out of the group', async () => {
    const s = await seminar()
    const backup = await backupOf(s.sam, s.mapId)
    const before = await totals()
    expect(await refusal(importMapBackup(s.olga, { groupId: s.groupId, backup }))).toMatchObject({
      status: 404,
      error: 'This group does not exist.',
    })
    expect((await refusal(importMapBackup(null, { groupId: s.groupId, backup }))).status).toBe(401)
    expect(await totals()).toEqual(before)
  })
})

describe('exporting a map', () => {
  it('hands out AIF, Argdown and backup files named after the map', async () => {
    const s = await seminar()
    const aif = await exportMapFormat(s.sam, s.mapId, { format: 'aif' })
    expect(aif).toMatchObject({
      contentType: 'application/json; charset=utf-8',
      filename: 'is-the-alliance-still-worth-it.json',
    })
    const doc = JSON.parse(aif.body)
    expect(doc.nodes.map((n: { type: string }) => n.type).sort()).toEqual(['CA', 'I', 'I', 'I', 'I', 'RA'])
    const argdown = await exportMapFormat(s.sam, s.mapId, { format: 'argdown' })
    expect(argdown).toMatchObject({
      contentType: 'text/plain; charset=utf-8',
      filename: 'is-the-alliance-still-worth-it.argdown',
    })
    expect(argdown.body).toContain(
      '[Alliances last when both partners gain]: Alliances last when both partners gain #claim // Why Alliances Endure, ¶1: “both partners gain”',
    )
    expect(argdown.body).toContain('  + [Shared threats history] // since 1949')
    expect((await exportMapFormat(s.sam, s.mapId, { format: 'backup' })).filename).toBe(
      'is-the-alliance-still-worth-it.colloquy.json',
    )
  })

  it('lets the instructor export a student’s map, without the student’s private quote', async () => {
    const s = await seminar()
    // Instructors see every highlight, so Iris's backup keeps Sam's private citation.
    expect((await backupOf(s.iris, s.mapId)).nodes.filter((n) => n.citation)).toHaveLength(3)
    const groupMap = await createMap(s.iris, { groupId: s.groupId, title: 'Class map', kind: 'GROUP' })
    const node = {
      id: hexId(),
      kind: 'BIAS' as const,
      label: 'Whose record?',
      highlightId: s.highlights.doubt.id,
      x: 0,
      y: 0,
    }
    await applyMapOperation(s.iris, { mapId: groupMap.id, op: { type: 'node.add', node } })
    // Ann reads the group map but may not see Sam's private highlight: its quote stays out.
    const annBackup = await backupOf(s.ann, groupMap.id)
    expect(annBackup.nodes).toEqual([{ id: node.id, kind: 'BIAS', label: 'Whose record?', x: 0, y: 0, citation: null }])
    expect(JSON.stringify(annBackup)).not.toContain('as the record shows')
  })

  it('answers “not found” for a map the user may not read, and asks visitors to sign in', async () => {
    const s = await seminar()
    for (const format of ['aif', 'argdown', 'backup']) {
      expect(await refusal(exportMapFormat(s.ann, s.mapId, { format }))).toMatchObject({
        status: 404,
        error: 'This map does not exist.',
      })
      expect(await refusal(exportMapFormat(s.olga, s.mapId, { format }))).toMatchObject({
        status: 404,
        error: 'This map does not exist.',
      })
    }
    expect((await refusal(exportMapFormat(null, s.mapId, { format: 'aif' }))).status).toBe(401)
    expect((await refusal(exportMapFormat(s.sam, 'not-a-map', { format: 'aif' }))).status).toBe(404)
    expect((await refusal(exportMapFormat(s.sam, s.mapId, { format: 'pdf' }))).error).toMatch(
      /^Choose an export format/,
    )
  })
})
