// Exporting an argument map: a student downloads their map of the Asia Times essay as a PDF
// handout (the map, then every quote with its essay and paragraph, and the instructor's
// feedback), as an SVG or PNG picture; the files open in real tools (poppler), text that
// students typed is never markup, a big map is quick, and nobody else's map can be had.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHighlight } from '@/lib/annotations/mutations'
import { db } from '@/lib/db'
import { exportMap } from '@/lib/export/map-export'
import { layeredLayout } from '@/lib/maps/layout'
import { newId } from '@/lib/ids'
import { createMap } from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import type { MapState } from '@/lib/maps/reducer'
import { createSource } from '@/lib/sources/mutations'
import { groupOf, person, refusal } from './fixtures'

const run = promisify(execFile)

const ESSAY_TITLE = 'US-Japan Alliance amid Changing Security Environment'
const SCRIPT = '<script>alert(1)</script>'
const QUOTES = [
  {
    tag: 'CLAIM',
    exact:
      'the Japan-US alliance’s deterrent and response capabilities must be strengthened in the face of an increasingly difficult regional security environment',
  },
  {
    tag: 'EVIDENCE',
    exact:
      'a dozen warships from the US and Japan, including two US aircraft carriers, have been displaying their military prowess in the Philippine Sea',
  },
  {
    tag: 'EVIDENCE',
    exact:
      'Japan’s revised National Security Strategy (NSS) document explicitly mentioned China as an unprecedented challenge',
  },
  { tag: 'BIAS', exact: 'it is unquestionably positive news for the US' },
  { tag: 'CLAIM', exact: 'Washington cannot realistically hope to win over every nation in the Indo-Pacific region' },
] as const

let workDir = ''

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'colloquy-map-export-'))
})

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true })
})

/** Whitespace dropped, so line breaks and wrapped hyphenated words do not matter. */
const squeeze = (text: string) => text.replace(/\s+/g, '')

async function pdfFile(body: string | Buffer, name: string) {
  const path = join(workDir, name)
  await writeFile(path, body)
  return path
}

async function pageSize(path: string): Promise<{ width: number; height: number }> {
  const { stdout } = await run('pdfinfo', [path])
  const match = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(stdout)
  if (!match) throw new Error(`pdfinfo gave no page size:\n${stdout}`)
  return { width: Number(match[1]), height: Number(match[2]) }
}

/** Iris teaches; Sam maps the Asia Times essay on his own map; Ann is a classmate; Olga is not in the group. */
async function seminar() {
  const iris = await person('Iris')
  const sam = await person('Sam')
  const ann = await person('Ann')
  const olga = await person('Olga')
  const { groupId } = await groupOf(iris, [sam, ann], { name: 'Alliances seminar' })
  const raw = await readFile(join(process.cwd(), 'prisma/demo-essays/003_efd70901a5858e8b.txt'), 'utf8')
  const { id: sourceId } = await createSource(iris, { groupId, title: ESSAY_TITLE, author: 'Asia Times', text: raw })
  const { text } = await db.source.findUniqueOrThrow({ where: { id: sourceId }, select: { text: true } })
  const highlights = []
  for (const quote of QUOTES) {
    const start = text.indexOf(quote.exact)
    expect(start, `the essay contains “${quote.exact}”`).toBeGreaterThanOrEqual(0)
    const { id } = await createHighlight(sam, { sourceId, start, end: start + quote.exact.length, tag: quote.tag })
    highlights.push({ id, ...quote })
  }

  const { id: mapId } = await createMap(sam, { groupId, title: 'Does deterrence hold? “Yes” & <no>', kind: 'PERSONAL' })
  const edit = (op: unknown) => applyMapOperation(sam, { mapId, op })
  const nodes = highlights.map((h) => ({ id: newId(), kind: h.tag, label: h.exact, highlightId: h.id, x: 0, y: 0 }))
  const note = {
    id: newId(),
    kind: 'NOTE' as const,
    label: `${SCRIPT} & "quoted" 'apostrophes' – see ¶3`,
    highlightId: null,
    x: 0,
    y: 0,
  }
  for (const node of [...nodes, note]) await edit({ type: 'node.add', node })
  const [claim, warships, strategy, bias, limits] = nodes.map((n) => n.id) as [string, string, string, string, string]
  const relations = [
    { id: newId(), fromId: warships, toId: claim, kind: 'SUPPORTS', label: '' },
    { id: newId(), fromId: strategy, toId: claim, kind: 'SUPPORTS', label: 'shows intent' },
    { id: newId(), fromId: limits, toId: claim, kind: 'ATTACKS', label: SCRIPT },
    { id: newId(), fromId: bias, toId: warships, kind: 'ATTACKS', label: '' },
    { id: newId(), fromId: note.id, toId: limits, kind: 'SUPPORTS', label: '' },
  ]
  for (const relation of relations) await edit({ type: 'relation.add', relation })
  // Laid out as the editor's auto-layout button does.
  const state = await db.mapNode.findMany({
    where: { mapId },
    select: { id: true, kind: true, label: true, highlightId: true, x: true, y: true, version: true },
  })
  const layout = layeredLayout({
    nodes: state,
    relations: relations.map((r) => ({ ...r, kind: r.kind as 'SUPPORTS' | 'ATTACKS' })),
  })
  await edit({ type: 'layout.apply', positions: layout })

  // Written directly: there is no feedback mutation yet.
  await db.feedback.createMany({
    data: [
      {
        mapId,
        authorId: iris.id,
        nodeId: claim,
        body: 'Strong central claim; say whose security environment.',
        score: 4,
      },
      {
        mapId,
        authorId: iris.id,
        relationId: relations[2]!.id,
        body: 'Does this really attack the claim, or only limit it?',
        score: null,
      },
      { mapId, authorId: iris.id, body: 'A clear map overall — well done.', score: 8 },
    ],
  })
  return { groupId, sourceId, mapId, iris, sam, ann, olga, highlights, note }
}

describe('exporting an argument map', () => {
  it('gives a PDF handout with the map and an appendix of every quote, its essay, paragraph and feedback', async () => {
    const s = await seminar()
    const file = await exportMap(s.sam, s.mapId, { format: 'pdf', paper: 'a4' })
    expect(file.contentType).toBe('application/pdf')
    expect(file.filename).toBe('does-deterrence-hold-yes-no-map.pdf')
    const path = await pdfFile(file.body, 'seminar.pdf')

    const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', path, '-'])
    const all = squeeze(text)
    for (const h of s.highlights) expect(all, `the PDF quotes “${h.exact}”`).toContain(squeeze(`“${h.exact}”`))
    expect(all).toContain(squeeze(ESSAY_TITLE))
    expect(all).toContain(squeeze('by Asia Times'))
    expect(text).toMatch(/¶\d+/)
    expect(all).toContain(squeeze(s.note.label))
    expect(all).toContain(squeeze('Strong central claim; say whose security environment.'))
    expect(all).toContain(squeeze('score 4'))
    expect(all).toContain(squeeze('Does this really attack the claim, or only limit it?'))
    expect(all).toContain(squeeze('A clear map overall — well done.'))
    expect(all).toContain(squeeze('Evidence appendix'))
    expect(all).toContain(squeeze('Alliances seminar'))
    expect(all).toContain(squeeze('Personal map by Sam'))
    const { stdout: info } = await run('pdfinfo', [path])
    expect(info).toMatch(/^Author:\s+Sam$/m)
    for (const word of ['Claim', 'Evidence', 'Bias', 'Note', 'supports', 'attacks']) expect(text).toContain(word)

    const size = await pageSize(path)
    expect([size.width, size.height].sort()).toEqual([595.28, 841.89])

    await run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', path, join(workDir, 'seminar-page')])
    const png = await readFile(join(workDir, 'seminar-page-1.png'))
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')

    // Paper and orientation as asked.
    const letter = await pageSize(
      await pdfFile(
        (await exportMap(s.sam, s.mapId, { format: 'pdf', paper: 'letter', orientation: 'landscape' })).body,
        'letter.pdf',
      ),
    )
    expect(letter).toEqual({ width: 792, height: 612 })
    const portrait = await pageSize(
      await pdfFile((await exportMap(s.iris, s.mapId, { orientation: 'portrait' })).body, 'portrait.pdf'),
    )
    expect(portrait).toEqual({ width: 595.28, height: 841.89 })
  })

  it('gives an SVG in which what students typed is text, never markup, and a PNG of it', async () => {
    const s = await seminar()
    const svg = await exportMap(s.sam, s.mapId, { format: 'svg' })
    expect(svg.contentType).toBe('image/svg+xml; charset=utf-8')
    expect(svg.filename).toBe('does-deterrence-hold-yes-no-map.svg')
    const body = String(svg.body)
    expect(body.startsWith('<?xml')).toBe(true)
    expect(body).not.toContain('<script')
    for (const escaped of [
      '&#60;script&#62;alert(1)&#60;/script&#62; &#38;',
      '&#34;quoted&#34; &#39;apostrophes&#39; – see ¶3',
    ])
      expect(body).toContain(escaped)
    // The whole caption in its tooltip, the user's words isolated from the app's.
    expect(body).toContain('<title>attacks: \u2068&#60;script&#62;alert(1)&#60;/script&#62;\u2069</title>')
    expect(body).toContain('<title id="map-title">Does deterrence hold? “Yes” &#38; &#60;no&#62;</title>')
    expect(body).toMatch(/>US-Japan Alliance amid Chang[^<]*… ¶\d+<\/text>/)
    expect(body.match(/class="node /g)).toHaveLength(6)
    expect(body.match(/class="relation /g)).toHaveLength(5)

    const png = await exportMap(s.sam, s.mapId, { format: 'png' })
    expect(png.contentType).toBe('image/png')
    expect(Buffer.from(png.body).subarray(1, 4).toString('latin1')).toBe('PNG')
  })

  it('exports a 200-node map quickly, over several pages', async () => {
    const s = await seminar()
    const { id: mapId } = await createMap(s.sam, { groupId: s.groupId, title: 'The whole seminar', kind: 'PERSONAL' })
    const state: MapState = { nodes: [], relations: [] }
    for (let i = 0; i < 200; i++) {
      const h = s.highlights[i % s.highlights.length]!
      state.nodes.push({ id: newId(), kind: h.tag, label: h.exact, highlightId: h.id, x: 0, y: 0, version: 1 })
      if (i > 0)
        state.relations.push({
          id: newId(),
          fromId: state.nodes[i]!.id,
          toId: state.nodes[Math.floor((i - 1) / 3)]!.id,
          kind: i % 4 ? 'SUPPORTS' : 'ATTACKS',
          label: '',
        })
    }
    const at = new Map(layeredLayout(state).map((p) => [p.nodeId, p]))
    await db.mapNode.createMany({
      data: state.nodes.map((n) => ({ ...n, x: at.get(n.id)!.x, y: at.get(n.id)!.y, mapId })),
    })
    await db.mapRelation.createMany({ data: state.relations.map((r) => ({ ...r, mapId })) })

    const started = performance.now()
    const cpu = process.cpuUsage()
    const file = await exportMap(s.sam, mapId, { format: 'pdf' })
    const took = performance.now() - started
    const { user, system } = process.cpuUsage(cpu)
    console.log(
      `200-node map: PDF of ${(file.body.length / 1024).toFixed(0)} KB in ${took.toFixed(0)} ms (${((user + system) / 1000).toFixed(0)} ms of CPU)`,
    )
    expect(took).toBeLessThan(5_000)
    const path = await pdfFile(file.body, 'big.pdf')
    const size = await pageSize(path)
    // Too large for one page at 8 pt: an overview page, then its parts.
    expect(Math.max(size.width, size.height)).toBe(841.89)
    const { stdout } = await run('pdftotext', [path, '-'])
    expect(stdout).toContain('#200')

    const svgStarted = performance.now()
    await exportMap(s.sam, mapId, { format: 'svg' })
    console.log(`200-node map: SVG in ${(performance.now() - svgStarted).toFixed(0)} ms`)
  })

  it('lets only those who may read the map export it', async () => {
    const s = await seminar()
    // The instructor reads every personal map.
    expect((await exportMap(s.iris, s.mapId, { format: 'svg' })).contentType).toContain('svg')
    // A classmate and an outsider hear that the map does not exist; a visitor is asked to sign in.
    for (const someone of [s.ann, s.olga]) {
      expect(await refusal(exportMap(someone, s.mapId, { format: 'pdf' }))).toMatchObject({
        status: 404,
        error: 'This map does not exist.',
      })
    }
    expect(await refusal(exportMap(null, s.mapId, { format: 'pdf' }))).toMatchObject({ status: 401 })
    expect(await refusal(exportMap(s.sam, 'not a map id', { format: 'pdf' }))).toMatchObject({ status: 404 })
    expect(await refusal(exportMap(s.sam, s.mapId, { format: 'docx' }))).toMatchObject({
      status: 400,
      error: 'Choose a file format: pdf, svg or png.',
    })
    expect(await refusal(exportMap(s.sam, s.mapId, { paper: 'a2' }))).toMatchObject({
      status: 400,
      error: 'Choose the paper size: a4, letter or a3.',
    })
  })
})
