// map-render: opening a group map of 500 nodes and 700 relations in Chromium, from navigation start
// until every node is drawn and visible and the editor says "All changes saved", against the same
// page for a 5-node map in the same run; plus the server's time to first byte of both pages.
import { request } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { chromium, type Browser, type BrowserContext } from '@playwright/test'
import type { Operation } from '../lib/maps/schema'
import { DEMO_PASSWORD } from '../prisma/demo-content'
import { signIn, startBenchApp } from './lib/app-server'
import { applyInBatches, createGroupMap, demoPeople, logMismatch, newId, connectToBenchDatabase } from './lib/map-db'
import { stopChild, type Child } from './lib/processes'
import type { BenchResult, Row } from './lib/report'
import { formatSamples, median, seededRandom } from './lib/stats'

const BIG = { nodes: 500, relations: 700 }
const SMALL = { nodes: 5, relations: 4 }
const LOADS = 3
const HTML_REQUESTS = 5
const SEED = 20261125
/** Wide enough for the editor's three-column layout (lg). */
const VIEWPORT = { width: 1440, height: 900 }
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
/** Two shared cores and 500 nodes: generous, but bounded. */
const LOAD_TIMEOUT_MS = 180_000
const step = (line: string) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${line}`)


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
    ops.push({ type: 'relation.add', relation: { id: newId(), fromId: ids[from]!, toId: ids[to]!, kind, label: random() < 0.2 ? 'in part' : '' } })
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

interface HtmlTiming {
  status: number
  /** Request sent → first byte of the body. */
  ttfb: number
  /** Request sent → last byte. */
  total: number
  bytes: number
}

/** The page's HTML as a plain HTTP client sees it: no browser, no assets. */
function timeHtml(url: string, cookie: string): Promise<HtmlTiming> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    let ttfb = 0
    let bytes = 0
    const req = request(url, { headers: { cookie }, agent: false, timeout: 60_000 }, (response) => {
      response.on('data', (chunk: Buffer) => {
        if (bytes === 0) ttfb = performance.now() - started
        bytes += chunk.length
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, ttfb, total: performance.now() - started, bytes }))
      response.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`GET ${url} took over 60 s`)))
    req.on('error', reject)
    req.end()
  })
}

interface RenderTiming {
  /** Navigation start → every node present and visible, and "All changes saved" shown. */
  ready: number
  /** Navigation Timing, from the browser's side. */
  responseStart: number
  domContentLoaded: number
}

/** One load of the page in a fresh tab; the tab (and its live event stream) is closed after. */
async function timeRender(context: BrowserContext, url: string, nodes: number, seq: number): Promise<RenderTiming> {
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  try {
    const response = await page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS })
    if (response?.status() !== 200) throw new Error(`GET ${url} answered ${response?.status() ?? 'nothing'} in the browser`)
    // Checked on every animation frame, in the page; React Flow keeps a node `visibility: hidden`
    // until it has measured it, which happens only once React has hydrated the canvas.
    const ready = await page.waitForFunction(
      ({ nodes, status }) => {
        const elements = document.querySelectorAll<HTMLElement>('.react-flow__node')
        if (elements.length !== nodes) return false
        for (const element of elements) {
          if (element.style.visibility === 'hidden' || getComputedStyle(element).visibility === 'hidden') return false
          const box = element.getBoundingClientRect()
          if (box.width === 0 || box.height === 0) return false
        }
        if (![...document.querySelectorAll('[aria-live="polite"]')].some((element) => element.textContent === status)) return false
        return performance.now()
      },
      { nodes, status: `All changes saved · revision ${seq}` },
      { polling: 'raf', timeout: LOAD_TIMEOUT_MS },
    )
    const readyAt = (await ready.jsonValue()) as number
    const navigation = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      return { responseStart: entry.responseStart, domContentLoaded: entry.domContentLoadedEventEnd }
    })
    // Signed in: not sent to the sign-in page (which would never show the nodes anyway).
    if (page.url() !== url) throw new Error(`Opening ${url} ended at ${page.url()}`)
    if (errors.length > 0) throw new Error(`Errors in the page at ${url}: ${errors.join('; ')}`)
    return { ready: readyAt, ...navigation }
  } finally {
    await page.close()
  }
}


export async function benchMapRender(): Promise<BenchResult> {
  const children: Child[] = []
  let release: (() => Promise<void>) | undefined
  let browser: Browser | undefined
  try {
    const app = await startBenchApp()
    children.push(app.child)
    release = connectToBenchDatabase(app.databaseUrl)
    const people = await demoPeople()
    const student = people.students[0]!

    const random = seededRandom(SEED)
    const build = async (size: { nodes: number; relations: number }) => {
      const id = await createGroupMap(people, `Bench map: ${size.nodes} nodes, ${size.relations} relations`)
      const ops = mapOperations(size.nodes, size.relations, random)
      step(`building a group map of ${size.nodes} nodes and ${size.relations} relations (${ops.length} operations as ${student.email})`)
      return { id, seq: await applyInBatches(student.id, id, ops), nodes: size.nodes }
    }
    const maps = { small: await build(SMALL), big: await build(BIG) }
    const failures: string[] = []
    for (const map of Object.values(maps)) {
      const mismatch = await logMismatch(map.id)
      if (mismatch) failures.push(mismatch)
    }
    if (failures.length > 0) return { name: 'map-render', rows: [], notes: [], failures }

    const cookie = await signIn(app.url, student.email, DEMO_PASSWORD)
    const pageUrl = (key: 'big' | 'small') => `${app.url}/groups/${people.groupId}/maps/${maps[key].id}`

    step('server time to first byte of both map pages (plain HTTP)')
    const html: Record<'big' | 'small', HtmlTiming[]> = { big: [], small: [] }
    for (let i = -1; i < HTML_REQUESTS; i++) {
      for (const key of ['small', 'big'] as const) {
        const timing = await timeHtml(pageUrl(key), cookie)
        if (timing.status !== 200) throw new Error(`GET ${pageUrl(key)} answered ${timing.status}`)
        if (i >= 0) html[key].push(timing) // i = -1: warm-up, not counted
      }
    }

    step(`launching Chromium (${CHROMIUM_PATH}); ${LOADS} measured loads of each map after one warm-up load`)
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    const context = await browser.newContext({ viewport: VIEWPORT })
    const [name, ...value] = cookie.split('=')
    await context.addCookies([{ name: name!, value: value.join('='), url: app.url }])
    const render: Record<'big' | 'small', RenderTiming[]> = { big: [], small: [] }
    for (let i = -1; i < LOADS; i++) {
      // Alternating, so slow drift on a shared machine hits both.
      for (const key of ['small', 'big'] as const) {
        const timing = await timeRender(context, pageUrl(key), maps[key].nodes, maps[key].seq)
        if (i >= 0) render[key].push(timing)
        step(`${i < 0 ? 'warm-up' : `load ${i + 1}`}: ${maps[key].nodes}-node map ready at ${timing.ready.toFixed(0)} ms`)
      }
    }
    await context.close()

    const readyMs = (key: 'big' | 'small') => render[key].map((t) => t.ready)
    const rows: Row[] = [
      { name: `${BIG.nodes} nodes/${BIG.relations} relations: first interactive render, median of ${LOADS}`, unit: 'ms', figure: median(readyMs('big')), baseline: median(readyMs('small')) },
      { name: `${BIG.nodes} nodes: map page HTML time to first byte, median of ${HTML_REQUESTS}`, unit: 'ms', figure: median(html.big.map((t) => t.ttfb)), baseline: median(html.small.map((t) => t.ttfb)) },
    ]
    const describe = (key: 'big' | 'small') => {
      const t = render[key]
      const h = html[key]
      return (
        `${maps[key].nodes}-node map: ready at ${formatSamples(readyMs(key))} ms; browser responseStart ${formatSamples(t.map((x) => x.responseStart))} ms, ` +
        `DOMContentLoaded ${formatSamples(t.map((x) => x.domContentLoaded))} ms; HTML (HTTP) first byte ${formatSamples(h.map((x) => x.ttfb))} ms, ` +
        `whole ${formatSamples(h.map((x) => x.total))} ms, ${Math.round(median(h.map((x) => x.bytes)) / 1024)} KiB`
      )
    }
    const notes = [
      `group map as ${student.email}, Chromium ${browser.version()} headless at ${VIEWPORT.width}×${VIEWPORT.height}; baseline: the same page for a ${SMALL.nodes}-node map; one tab per load, assets cached`,
      describe('big'),
      describe('small'),
      `load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores`,
    ]
    return { name: 'map-render', rows, notes, failures, details: { maps, render, html } }
  } finally {
    await browser?.close().catch(() => {})
    await release?.()
    for (const child of children.reverse()) await stopChild(child)
  }
}
