// map-render: opening a group map of 500 nodes and 700 relations in Chromium, from navigation start
// until the canvas is live, against bare React Flow drawing the same map in the same build (a
// benchmarks-only page, app/bench/react-flow) and against the map page of a 5-node map; the HTML
// of each (its size, and how many copies of the map it carries); and frame times on a map of
// 1,000 nodes while a node is dragged and while the map is panned, beside bare React Flow again.
import type { Browser } from '@playwright/test'
import { DEMO_PASSWORD } from '../prisma/demo-content'
import { signIn } from './lib/app-server'
import { CHROMIUM_PATH, launchChromium, signedInContext, VIEWPORT } from './lib/chromium'
import { openLive, type Live, type Opened } from './lib/live-map'
import { applyInBatches, createGroupMap, logMismatch } from './lib/map-db'
import { mapFrameTimes } from './lib/map-frame-times'
import { htmlWeight, probeOf, timeHtml, type HtmlTiming } from './lib/page-weight'
import { startDemoApp } from './lib/demo-app'
import { loadAverageNote, step, type BenchResult, type Row } from './lib/report'
import { mapOperations } from './lib/seeded-map'
import { formatSamples, median, seededRandom } from './lib/stats'

const SIZES = {
  small: { nodes: 5, relations: 4 },
  big: { nodes: 500, relations: 700 },
  huge: { nodes: 1000, relations: 1400 },
}
type Size = keyof typeof SIZES
const LOADS = 5
const HTML_REQUESTS = 5
const SEED = 20261125

type Timing = Omit<Opened, 'page'>

export async function benchMapRender(): Promise<BenchResult> {
  const { app, people, student, stop } = await startDemoApp()
  let browser: Browser | undefined
  try {
    const random = seededRandom(SEED)
    const maps = {} as Record<
      Size,
      {
        id: string
        seq: number
        nodes: number
        relations: number
        labels: string[]
        moved: { id: string; x: number; y: number }
      }
    >
    for (const size of ['small', 'big', 'huge'] as const) {
      const { nodes, relations } = SIZES[size]
      const id = await createGroupMap(people, `Bench map: ${nodes} nodes, ${relations} relations`)
      const ops = mapOperations(nodes, relations, random)
      step(
        `building a group map of ${nodes} nodes and ${relations} relations (${ops.length} operations as ${student.email})`,
      )
      const labels = ops.flatMap((op) => (op.type === 'node.add' ? [op.node.label] : []))
      const first = ops.find((op) => op.type === 'node.add')!.node
      const moved = { id: first.id, x: first.x, y: first.y }
      maps[size] = { id, seq: await applyInBatches(student.id, id, ops), nodes, relations, labels, moved }
    }
    const failures: string[] = []
    for (const map of Object.values(maps)) {
      const mismatch = await logMismatch(map.id)
      if (mismatch) failures.push(mismatch)
    }
    if (failures.length > 0) return { name: 'map-render', rows: [], notes: [], failures }

    const cookie = await signIn(app.url, student.email, DEMO_PASSWORD)
    const urls = {
      small: `${app.url}/groups/${people.groupId}/maps/${maps.small.id}`,
      big: `${app.url}/groups/${people.groupId}/maps/${maps.big.id}`,
      bare: `${app.url}/bench/react-flow/${maps.big.id}`,
    }
    type PageKey = keyof typeof urls
    const pages = Object.keys(urls) as PageKey[]

    step('server time to first byte and size of the pages (plain HTTP)')
    const html = { small: [], big: [], bare: [] } as Record<PageKey, HtmlTiming[]>
    for (let i = -1; i < HTML_REQUESTS; i++) {
      for (const key of pages) {
        const timing = await timeHtml(urls[key], cookie)
        if (timing.status !== 200) throw new Error(`GET ${urls[key]} answered ${timing.status}`)
        if (i >= 0) html[key].push(timing) // i = -1: warm-up, not counted
      }
    }
    // How many times the map travels in the HTML: a long label's words, in the markup and in the flight data.
    const probe = probeOf(maps.big.labels.reduce((a, b) => (b.length > a.length ? b : a)))
    const weight = (key: PageKey) => {
      const body = html[key][0]!.body
      return { ...htmlWeight(body, probe), copies: body.split(probe).length - 1 }
    }

    step(`launching Chromium (${CHROMIUM_PATH}); ${LOADS} measured loads of each page after one warm-up load`)
    browser = await launchChromium()
    const context = await signedInContext(browser, app.url, cookie)
    const live = (key: PageKey): Live => {
      const map = maps[key === 'small' ? 'small' : 'big']
      return {
        nodes: map.nodes,
        edges: map.relations,
        status: key === 'bare' ? null : `All changes saved · revision ${map.seq}`,
      }
    }
    const render = { small: [], big: [], bare: [] } as Record<PageKey, Timing[]>
    for (let i = -1; i < LOADS; i++) {
      // Alternating, so slow drift on a shared machine hits all three.
      for (const key of pages) {
        const { page, ...timing } = await openLive(context, urls[key], live(key))
        await page.close()
        if (i >= 0) render[key].push(timing)
        step(`${i < 0 ? 'warm-up' : `load ${i + 1}`}: ${key} page live at ${timing.ready.toFixed(0)} ms`)
      }
    }

    // The page's relation routes are found on the server once per state of the map: after a node
    // moved, the next page starts the search (without waiting for it) and the one after finds them.
    step('map page first byte just after a node moved, and again')
    const moving = maps.big.moved
    const afterMove = { moved: [], kept: [] } as Record<'moved' | 'kept', HtmlTiming[]>
    for (let i = 0; i < HTML_REQUESTS; i++) {
      await applyInBatches(student.id, maps.big.id, [
        { type: 'node.move', nodeId: moving.id, x: moving.x + i + 1, y: moving.y },
      ])
      afterMove.moved.push(await timeHtml(urls.big, cookie))
      afterMove.kept.push(await timeHtml(urls.big, cookie))
    }

    step(`frame times on the ${maps.huge.nodes}-node map and on bare React Flow drawing it`)
    const frames = await mapFrameTimes(context, {
      map: `${app.url}/groups/${people.groupId}/maps/${maps.huge.id}`,
      bare: `${app.url}/bench/react-flow/${maps.huge.id}`,
      live: { nodes: maps.huge.nodes, edges: maps.huge.relations, status: null },
      log: step,
    })
    await context.close()

    const readyMs = (key: PageKey) => render[key].map((t) => t.ready)
    const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10
    const rows: Row[] = [
      {
        name: `500 nodes/700 relations: first interactive render, median of ${LOADS} (vs bare React Flow, same map)`,
        unit: 'ms',
        figure: median(readyMs('big')),
        baseline: median(readyMs('bare')),
      },
      {
        name: `500 nodes/700 relations: first interactive render, median of ${LOADS} (vs the 5-node map)`,
        unit: 'ms',
        figure: median(readyMs('big')),
        baseline: median(readyMs('small')),
      },
      {
        name: `500 nodes: map page HTML (vs bare React Flow's page)`,
        unit: 'KiB',
        figure: kib(weight('big').bytes),
        baseline: kib(weight('bare').bytes),
      },
      {
        name: `500 nodes: map page HTML time to first byte, median of ${HTML_REQUESTS} (vs bare React Flow's page)`,
        unit: 'ms',
        figure: median(html.big.map((t) => t.ttfb)),
        baseline: median(html.bare.map((t) => t.ttfb)),
      },
      {
        name: `500 nodes: map page time to first byte just after a node moved, median of ${HTML_REQUESTS} (vs the same page again, its relations' routes kept)`,
        unit: 'ms',
        figure: median(afterMove.moved.map((t) => t.ttfb)),
        baseline: median(afterMove.kept.map((t) => t.ttfb)),
      },
      ...frames.rows,
    ]
    const describe = (key: PageKey) => {
      const t = render[key]
      const h = html[key]
      const w = weight(key)
      return (
        `${key} page: live at ${formatSamples(readyMs(key))} ms; browser responseStart ${formatSamples(t.map((x) => x.responseStart))} ms, ` +
        `DOMContentLoaded ${formatSamples(t.map((x) => x.domContentLoaded))} ms; HTML first byte ${formatSamples(h.map((x) => x.ttfb))} ms, ` +
        `whole ${formatSamples(h.map((x) => x.total))} ms, ${kib(w.bytes)} KiB (${kib(w.gzip)} KiB gzip -9, flight data ${kib(w.flightBytes)} KiB); ` +
        `a long label of the 500-node map appears ${w.copies} time(s), ${w.probeCopies} in the flight data`
      )
    }
    const notes = [
      `group maps as ${student.email}, Chromium ${browser.version()} headless at ${VIEWPORT.width}×${VIEWPORT.height}; "bare" is React Flow's default nodes and edges drawing the 500-node map (same build, layout and canvas size); one tab per load, assets cached`,
      ...pages.map(describe),
      ...frames.notes,
      loadAverageNote(),
    ]
    const bodiless = (timings: HtmlTiming[]) =>
      timings.map(({ body, ...rest }) => ({ ...rest, bytes: Buffer.byteLength(body) }))
    const details = {
      maps: Object.fromEntries(Object.entries(maps).map(([key, map]) => [key, { ...map, labels: map.labels.length }])),
      render,
      html: { small: bodiless(html.small), big: bodiless(html.big), bare: bodiless(html.bare) },
      afterMove: { moved: bodiless(afterMove.moved), kept: bodiless(afterMove.kept) },
      weight: { small: weight('small'), big: weight('big'), bare: weight('bare') },
      frames: frames.details,
    }
    return { name: 'map-render', rows, notes, failures, details }
  } finally {
    await browser?.close().catch(() => {})
    await stop()
  }
}
