// Maps drawn right on every surface. For maps of 2, 9 (a chain, a diamond and a cycle, supports and
// attacks), 60 and 500 nodes, the drawing is read back from the live canvas (the SVG paths and node
// boxes the browser drew), from the exported SVG and from the exported PDF: every line starts on
// the border of its source facing the target and ends on the target's border, the arrowhead there
// points into the target, no caption lies on a node and no node on another, after nodes were added
// with +, by drop and with N, connected by dragging and with the keyboard, and laid out. The big
// maps draw the same lines from the routes their page brings from the server as without them.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { expect, type Page, type TestInfo } from '@playwright/test'
import { zoomOf } from '../bench/lib/frames'
import { NODE_WIDTH } from '../lib/maps/layout'
import { DETAIL_ZOOM, NODE_HANDLE_BOXES } from '../lib/maps/node-size'
import { NOTE_STYLE, RELATION_STYLES, TAGS } from '../lib/tags'
import { test } from './support/browsers'
import { allSaved, canvas, edges, nodes, tools } from './support/map-editor'
import { expectDrawnRight, readCanvas, readSvg, type DrawnMap } from './support/map-drawing'
import { readPdf } from './support/pdf-drawing'
import { ALEX, ESSAY, INSTRUCTOR, SLOW, addEssay, createGroup, joined, signedIn, type Group } from './support/seminar'

test.use({ viewport: { width: 1440, height: 900 } })

const runId = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`
const STYLES = [...Object.values(TAGS), NOTE_STYLE]
const PDF_COLOURS = {
  nodeFills: STYLES.map((s) => s.fill),
  nodeStrokes: STYLES.map((s) => s.stroke),
  relationStrokes: Object.values(RELATION_STYLES).map((s) => s.stroke),
}

type Kind = 'CLAIM' | 'EVIDENCE' | 'BIAS' | 'NOTE'
interface BackupNode {
  id: string
  kind: Kind
  label: string
  x: number
  y: number
}
interface BackupRelation {
  id: string
  fromId: string
  toId: string
  kind: 'SUPPORTS' | 'ATTACKS'
  label: string
}
interface Backup {
  nodes: BackupNode[]
  relations: BackupRelation[]
}

/** Opens the backup as a new map of the signed-in student and shows it. */
async function importMap(page: Page, group: Group, title: string, map: Backup) {
  const groupId = new URL(group.url).pathname.split('/')[2]
  const response = await page.request.post(`/api/groups/${groupId}/maps/import`, {
    data: { format: 'colloquy-map', version: 1, title, kind: 'PERSONAL', ...map },
  })
  expect(response.status(), await response.text()).toBe(201)
  const { id } = (await response.json()) as { id: string }
  await page.goto(`${group.url}/maps/${id}`)
  await expect(nodes(page)).toHaveCount(map.nodes.length, SLOW)
  return id
}

/** The map as stored now: what every drawing must show. */
async function storedMap(page: Page, mapId: string): Promise<Backup> {
  const response = await page.request.get(`/api/maps/${mapId}/formats?format=backup`)
  expect(response.status()).toBe(200)
  return (await response.json()) as Backup
}

async function layOut(page: Page) {
  await tools(page).getByRole('button', { name: 'Auto-layout (L)' }).click()
  await allSaved(page)
  // The layout is applied and the view fitted to it.
  await page.waitForTimeout(600)
}

/** Downloads one entry of the Export menu. */
async function exported(page: Page, entry: RegExp): Promise<Buffer> {
  await page.getByRole('button', { name: 'Export ▾' }).click()
  const download = page.waitForEvent('download')
  await page.getByRole('group', { name: 'Export this map' }).getByRole('link', { name: entry }).click()
  return readFileSync(await (await download).path())
}

/** The node numbers the PDF prints: reading order, top to bottom, then left to right. */
function numbered(map: Backup) {
  const order = [...map.nodes].sort((a, b) => a.y - b.y || a.x - b.x)
  const number = new Map(order.map((n, i) => [n.id, `#${i + 1}`]))
  return {
    nodes: map.nodes.map((n) => ({ key: number.get(n.id)!, x: n.x, y: n.y, width: NODE_WIDTH })),
    relations: map.relations.map((r) => ({ fromId: number.get(r.fromId)!, toId: number.get(r.toId)! })),
  }
}

/** Every page of the PDF drawn right, and together the pages show every relation. */
function expectPdfDrawnRight(pdf: Buffer, map: Backup): DrawnMap[] {
  const { nodes: placed, relations: truth } = numbered(map)
  const pages = readPdf(pdf, PDF_COLOURS, 0.5, placed)
  const seen = new Set<string>()
  pages.forEach((page, i) => {
    if (page.nodes.length === 0) return
    for (const n of page.nodes) expect(n.key, `page ${i + 1}: every node box carries its number`).not.toBe('?')
    expectDrawnRight(page, truth, 0.5, true)
    for (const r of page.relations) seen.add(`${r.from}>${r.to}`)
  })
  expect(seen.size, 'the PDF shows every relation').toBe(truth.length)
  return pages
}

/** Keeps what a person should look at: the canvas, the exported SVG as drawn, and the PDF's pages. */
async function keepPictures(page: Page, testInfo: TestInfo, name: string, map: Backup, svg: Buffer, pdf: Buffer) {
  const dir = testInfo.outputPath(name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}/map.json`, JSON.stringify(map))
  await canvas(page).screenshot({ path: `${dir}/canvas.png` })
  writeFileSync(`${dir}/map.svg`, svg)
  writeFileSync(`${dir}/map.pdf`, pdf)
  execFileSync('pdftoppm', ['-png', '-r', '60', '-l', '4', `${dir}/map.pdf`, `${dir}/pdf-page`])
}

/**
 * Zoomed out past legibility the canvas draws no captions and no node text; zoomed in to where they
 * can be read, every caption drawn is where the geometry put it, clear of every node.
 */
async function expectWordsWhenLegible(page: Page, fitted: DrawnMap, map: Backup) {
  if ((await zoomOf(page)) >= DETAIL_ZOOM) return
  expect(
    fitted.relations.filter((r) => r.label !== null),
    'zoomed out, no caption is drawn',
  ).toEqual([])
  await expect(canvas(page).locator('.react-flow__node p')).toHaveCount(0)
  const zoomIn = page.getByRole('button', { name: 'Zoom In' })
  while ((await zoomOf(page)) < DETAIL_ZOOM + 0.05) await zoomIn.click()
  await expect(canvas(page).locator('.react-flow__node p').first()).toBeVisible()
  // A big map zoomed in draws what is in view: the relations whose two nodes are drawn are checked.
  const zoomed = await readCanvas(page)
  const drawn = new Set(zoomed.nodes.map((n) => n.key))
  const between = zoomed.relations.filter((r) => drawn.has(r.from) && drawn.has(r.to))
  expect(between.filter((r) => r.label !== null).length, 'zoomed in, captions are drawn').toBeGreaterThan(0)
  expectDrawnRight({ ...zoomed, relations: between }, map.relations, 1, true)
}

/** Reads the canvas, the SVG and the PDF of the map as stored now, and checks all three. */
async function expectEverySurfaceRight(
  page: Page,
  openBrowser: () => Promise<Page>,
  testInfo: TestInfo,
  mapId: string,
  name: string,
) {
  await allSaved(page)
  const map = await storedMap(page, mapId)
  const onCanvas = await readCanvas(page)
  const svg = await exported(page, /^SVG picture/)
  const pdf = await exported(page, /^PDF handout/)
  await keepPictures(page, testInfo, name, map, svg, pdf)
  expectDrawnRight(onCanvas, map.relations, 1)
  await expectWordsWhenLegible(page, onCanvas, map)
  const viewer = await openBrowser()
  expectDrawnRight(await readSvg(viewer, svg.toString('utf8')), map.relations, 0.05)
  await viewer.close()
  expectPdfDrawnRight(pdf, map)
  return map
}

/** Every relation's line and arrowhead as the canvas draws them, by relation. */
async function linesOnCanvas(page: Page, relations: number): Promise<string[]> {
  await expect(page.locator('path.relation-arrow')).toHaveCount(relations, SLOW)
  return page.evaluate(() =>
    [...document.querySelectorAll<SVGGElement>('.react-flow__edge')]
      .map((edge) => {
        const [line, arrow] = [edge.querySelector('.react-flow__edge-path'), edge.querySelector('.relation-arrow')]
        return `${edge.dataset.id ?? edge.getAttribute('data-id')}: ${line?.getAttribute('d')} ${arrow?.getAttribute('d')}`
      })
      .sort(),
  )
}

/**
 * The map opened afresh draws its lines in the browser, and the server looks for them meanwhile;
 * opened again once its page carries them, the canvas draws exactly the same lines.
 */
async function expectSameLinesWithServerRoutes(page: Page, relations: number) {
  const url = page.url()
  await page.goto(url)
  const found = await linesOnCanvas(page, relations)
  await expect.poll(async () => /routes\\?":\[\[/.test(await (await page.request.get(url)).text()), SLOW).toBe(true)
  await page.goto(url)
  const sent = await linesOnCanvas(page, relations)
  expect(sent.length).toBe(relations)
  expect(sent).toEqual(found)
}

/** A seeded map of `count` nodes: a tree of reasons with cross-links, all piled at the origin. */
function generated(count: number, links: number): Backup {
  let seed = count
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  const kinds: Kind[] = ['CLAIM', 'EVIDENCE', 'EVIDENCE', 'BIAS', 'NOTE']
  const words =
    'alliance deterrence bases burden sharing treaty security guarantee Okinawa trade threat region credibility cost'.split(
      ' ',
    )
  const nodes = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    kind: kinds[i % kinds.length]!,
    label: Array.from({ length: 4 + Math.floor(random() * 30) }, () => words[Math.floor(random() * words.length)]).join(
      ' ',
    ),
    x: Math.floor(random() * 200),
    y: Math.floor(random() * 200),
  }))
  const relations: BackupRelation[] = []
  const pairs = new Set<string>()
  const link = (from: number, to: number) => {
    const pair = [from, to].sort((a, b) => a - b).join(':')
    if (from === to || pairs.has(pair)) return
    pairs.add(pair)
    relations.push({
      id: `r${relations.length}`,
      fromId: `n${from}`,
      toId: `n${to}`,
      kind: random() < 0.7 ? 'SUPPORTS' : 'ATTACKS',
      label: random() < 0.2 ? 'in part, as the essay itself admits' : '',
    })
  }
  for (let i = 1; i < count; i++) link(i, Math.max(0, i - 1 - Math.floor(random() * 12)))
  while (relations.length < links) {
    const from = Math.floor(random() * count)
    link(from, Math.min(count - 1, Math.max(0, from + Math.floor(random() * 21) - 10)))
  }
  return { nodes, relations }
}

/** Nine nodes: a chain, a diamond and a cycle, supports and attacks, a long caption. */
const NINE: Backup = {
  nodes: [
    { id: 'claim', kind: 'CLAIM', label: 'The alliance outlasts its founding threat.', x: 0, y: 0 },
    {
      id: 'habits',
      kind: 'EVIDENCE',
      label: 'Shared bases, joint exercises and common procurement make cooperation cheaper every year.',
      x: 10,
      y: 10,
    },
    { id: 'critics', kind: 'BIAS', label: 'Critics answer that such inertia hides real disagreements.', x: 20, y: 20 },
    { id: 'bases', kind: 'EVIDENCE', label: 'Bases are costly to move.', x: 30, y: 30 },
    { id: 'fear', kind: 'NOTE', label: 'Each partner fears the cost of being seen as unreliable.', x: 40, y: 40 },
    { id: 'record', kind: 'EVIDENCE', label: 'The long record of the alliance since 1951.', x: 50, y: 50 },
    { id: 'crisis', kind: 'CLAIM', label: 'A crisis would expose the disagreements.', x: 60, y: 60 },
    { id: 'weak', kind: 'CLAIM', label: 'An alliance held by habit is weaker than it looks.', x: 70, y: 70 },
    { id: 'habit', kind: 'NOTE', label: 'Habit keeps the partners at the table.', x: 80, y: 80 },
  ],
  relations: [
    { id: 'r1', fromId: 'habits', toId: 'claim', kind: 'SUPPORTS', label: '' },
    {
      id: 'r2',
      fromId: 'critics',
      toId: 'claim',
      kind: 'ATTACKS',
      label: 'only partly, since the treaty predates the threat we are told about',
    },
    { id: 'r3', fromId: 'bases', toId: 'habits', kind: 'SUPPORTS', label: '' },
    { id: 'r4', fromId: 'fear', toId: 'habits', kind: 'SUPPORTS', label: '' },
    { id: 'r5', fromId: 'record', toId: 'bases', kind: 'SUPPORTS', label: '' },
    { id: 'r6', fromId: 'record', toId: 'fear', kind: 'ATTACKS', label: '' },
    { id: 'r7', fromId: 'crisis', toId: 'weak', kind: 'SUPPORTS', label: '' },
    { id: 'r8', fromId: 'weak', toId: 'habit', kind: 'ATTACKS', label: '' },
    { id: 'r9', fromId: 'habit', toId: 'crisis', kind: 'SUPPORTS', label: 'circular?' },
    { id: 'r10', fromId: 'weak', toId: 'critics', kind: 'SUPPORTS', label: '' },
  ],
}

async function seminarWithPassages(openBrowser: () => Promise<Page>) {
  const teacher = await signedIn(openBrowser(), INSTRUCTOR.email)
  const group = await createGroup(teacher, `Geometry seminar ${runId}`)
  const essayUrl = await addEssay(teacher)
  const alex = await joined(openBrowser(), ALEX.email, group)
  // Two passages to cite, tagged over HTTP as the reader's toolbar would.
  const sourceId = new URL(essayUrl).pathname.split('/').at(-1)!
  for (const [quote, tag] of [
    ['Alliances are usually founded against a single threat', 'CLAIM'],
    ['Critics answer that such inertia hides real disagreements', 'EVIDENCE'],
  ] as const) {
    const start = ESSAY.indexOf(quote)
    const response = await alex.request.post(`/api/sources/${sourceId}/highlights`, {
      data: { start, end: start + quote.length, tag },
    })
    expect(response.status(), await response.text()).toBe(201)
  }
  return { group, alex }
}

/** The middle of a node on screen. */
async function middleOf(page: Page, nodeId: string) {
  const box = (await canvas(page).locator(`.react-flow__node[data-id="${nodeId}"]`).boundingBox())!
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** A node's handles as drawn, by id: their boxes in the node, in map units, to a tenth of a unit. */
function drawnHandles(page: Page, nodeId: string) {
  return canvas(page)
    .locator(`.react-flow__node[data-id="${nodeId}"]`)
    .evaluate((node) => {
      const zoom = new DOMMatrix(getComputedStyle(node.closest('.react-flow__viewport')!).transform).a
      const at = node.getBoundingClientRect()
      const unit = (px: number) => Math.round((px / zoom) * 10) / 10
      return Object.fromEntries(
        [...node.querySelectorAll<HTMLElement>('.react-flow__handle')].map((handle) => {
          const box = handle.getBoundingClientRect()
          const place = { x: unit(box.left - at.left), y: unit(box.top - at.top) }
          return [handle.dataset.handleid, { ...place, width: unit(box.width), height: unit(box.height) }]
        }),
      )
    })
}

test('a 2-node map: placed apart, connected by dragging, drawn right on the canvas, in the SVG and in the PDF', async ({
  openBrowser,
}, testInfo) => {
  test.slow()
  const { group, alex } = await seminarWithPassages(openBrowser)
  const mapId = await importMap(alex, group, `Two nodes ${runId}`, { nodes: [], relations: [] })

  // Two passages with their + buttons, nothing selected: the second lands beside the first, not on it.
  const panel = alex.getByRole('region', { name: 'Passages to cite' })
  const addButtons = panel.getByRole('button', { name: /^Add to map:/ })
  // The list is drawn once the page has hydrated: wait for both rows before taking them.
  await expect(addButtons).toHaveCount(2)
  for (const button of await addButtons.all()) {
    await button.click()
    await allSaved(alex)
  }
  await expect(nodes(alex)).toHaveCount(2)
  const [first, second] = await nodes(alex).evaluateAll((els) => els.map((el) => el.getAttribute('data-id')!))
  expect((await readCanvas(alex)).relations).toHaveLength(0)

  // One node selected: the hint says how to go on; a drag from its dot onto the other connects them.
  await canvas(alex)
    .locator(`.react-flow__node[data-id="${second}"]`)
    .click({ position: { x: 30, y: 14 } })
  await expect(alex.locator('#connect-hint')).toContainText('drag from a dot on its border onto the other node')
  const handle = canvas(alex)
    .locator(`.react-flow__node[data-id="${second}"] .react-flow__handle[data-handleid]`)
    .first()
  await canvas(alex).locator(`.react-flow__node[data-id="${second}"]`).hover()
  // The handles React Flow is told of (so that it need not measure them) are where the node draws them.
  expect(await drawnHandles(alex, second!)).toEqual(NODE_HANDLE_BOXES)
  const from = (await handle.boundingBox())!
  const to = await middleOf(alex, first!)
  await alex.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await alex.mouse.down()
  await alex.mouse.move(to.x, to.y, { steps: 12 })
  await alex.mouse.up()
  await expect(edges(alex)).toHaveCount(1)
  const map = await expectEverySurfaceRight(alex, openBrowser, testInfo, mapId, 'two-nodes')
  expect(map.relations).toMatchObject([{ fromId: second, toId: first, kind: 'SUPPORTS' }])
})

test('a 9-node map with a chain, a diamond and a cycle: laid out, nodes added by +, drop and N, connected with the keyboard, reversed from the edge', async ({
  openBrowser,
}, testInfo) => {
  // Three rounds of canvas, SVG and PDF, each read back: generous on a busy two-core machine.
  test.setTimeout(480_000)
  const { group, alex } = await seminarWithPassages(openBrowser)
  const mapId = await importMap(alex, group, `Nine nodes ${runId}`, NINE)
  await layOut(alex)
  const laidOut = await storedMap(alex, mapId)
  // Conclusions on top: outside the cycle, what is supported or attacked sits above what supports or attacks it.
  const at = new Map(laidOut.nodes.map((n) => [n.id, n]))
  const cycle = new Set(['crisis', 'weak', 'habit'].map((id) => NINE.nodes.find((n) => n.id === id)!.label))
  for (const r of laidOut.relations) {
    if (cycle.has(at.get(r.fromId)!.label) || cycle.has(at.get(r.toId)!.label)) continue
    expect(at.get(r.toId)!.y, 'the target of a relation sits above its source').toBeLessThan(at.get(r.fromId)!.y)
  }
  await expectEverySurfaceRight(alex, openBrowser, testInfo, mapId, 'nine-laid-out')

  // N twice, nothing selected: two notes in free spots.
  await canvas(alex).click({ position: { x: 5, y: 5 } })
  for (const text of ['First added note', 'Second added note']) {
    await canvas(alex).press('n')
    const editor = canvas(alex).getByRole('textbox', { name: 'Node text' })
    await expect(editor).toBeFocused()
    await alex.keyboard.type(text)
    await alex.keyboard.press('Enter')
    await allSaved(alex)
  }
  // A passage's + with one node selected: beside that node.
  const claim = laidOut.nodes.find((n) => n.kind === 'CLAIM' && n.label.startsWith('The alliance'))!
  await canvas(alex)
    .locator(`.react-flow__node[data-id="${claim.id}"]`)
    .click({ position: { x: 30, y: 14 } })
  await alex
    .getByRole('region', { name: 'Passages to cite' })
    .getByRole('button', { name: /^Add to map: Claim/ })
    .click()
  await allSaved(alex)
  // A passage dropped right on top of a node: moved to the nearest free spot.
  const target = await middleOf(alex, claim.id)
  const canvasBox = (await canvas(alex).boundingBox())!
  await alex
    .getByRole('region', { name: 'Passages to cite' })
    .getByRole('listitem')
    .filter({ hasText: 'Critics answer' })
    .dragTo(canvas(alex), { targetPosition: { x: target.x - canvasBox.x, y: target.y - canvasBox.y } })
  await expect(nodes(alex)).toHaveCount(13)
  await allSaved(alex)
  await expectEverySurfaceRight(alex, openBrowser, testInfo, mapId, 'nine-plus-four')

  // The keyboard path: select, A, ] to choose, Enter.
  const before = await storedMap(alex, mapId)
  const note = before.nodes.find((n) => n.label === 'First added note')!
  await canvas(alex).locator('.react-flow__controls-fitview').click()
  await canvas(alex)
    .locator(`.react-flow__node[data-id="${note.id}"]`)
    .click({ position: { x: 30, y: 14 } })
  await canvas(alex).press('a')
  await expect(alex.locator('#connect-hint')).toContainText('Choose the node that')
  await canvas(alex).press(']')
  await expect(alex.locator('#connect-hint')).toContainText('Enter:')
  await canvas(alex).press('Enter')
  await expect(edges(alex)).toHaveCount(NINE.relations.length + 1)
  await allSaved(alex)
  const added = (await storedMap(alex, mapId)).relations.find((r) => r.fromId === note.id)!
  expect(added).toMatchObject({ kind: 'ATTACKS' })

  // Reversed from the edge itself: select it by its caption, then "Reverse".
  await canvas(alex).locator(`[data-relation-label="${added.id}"]`).click()
  await alex
    .getByRole('toolbar', { name: 'Change this relation' })
    .getByRole('button', { name: /Reverse/ })
    .click()
  await allSaved(alex)
  const reversed = (await storedMap(alex, mapId)).relations.find((r) => r.id === added.id)!
  expect([reversed.fromId, reversed.toId]).toEqual([added.toId, added.fromId])
  // And switched to "supports" with T.
  await canvas(alex).press('t')
  await allSaved(alex)
  expect((await storedMap(alex, mapId)).relations.find((r) => r.id === added.id)!.kind).toBe('SUPPORTS')

  await layOut(alex)
  await expectEverySurfaceRight(alex, openBrowser, testInfo, mapId, 'nine-final')
})

for (const [count, links] of [
  [60, 80],
  [500, 700],
] as const) {
  test(`a ${count}-node map laid out is drawn right on the canvas, in the SVG and in the PDF`, async ({
    openBrowser,
  }, testInfo) => {
    test.setTimeout(count > 100 ? 1_200_000 : 480_000)
    const { group, alex } = await seminarWithPassages(openBrowser)
    const mapId = await importMap(alex, group, `${count} nodes ${runId}`, generated(count, links))
    await layOut(alex)
    const map = await expectEverySurfaceRight(alex, openBrowser, testInfo, mapId, `${count}-nodes`)
    await expectSameLinesWithServerRoutes(alex, map.relations.length)
  })
}
