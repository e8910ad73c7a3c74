// reader-render: the reader page of the longest demo essay carrying 200 highlights, opened by a
// signed-in student: the server's HTML (first byte, whole page), the first render in Chromium
// (essay and marks drawn, then hydrated, then live), against the same essay with no highlights
// in the same run; and the JavaScript the page ships, against the sign-in page's. Beside them, the
// floor: a bench-only page (app/bench/reader-floor) drawing the same essay and highlights as
// plain React marks and buttons, on both copies, so the cost any page pays for 200 highlights
// is measured in the same run as the reader's.
import type { Browser, BrowserContext, Request } from '@playwright/test'
import { listSourceHighlights } from '../lib/annotations/queries'
import { blocksOf, listItemsOf } from '../lib/sources/blocks'
import { DEMO_PASSWORD } from '../prisma/demo-content'
import { signIn } from './lib/app-server'
import { CHROMIUM_PATH, launchChromium, signedInContext, VIEWPORT } from './lib/chromium'
import { htmlWeight, probeOf, scriptsOf, timeHtml, type HtmlTiming, type Script } from './lib/page-weight'
import { startDemoApp } from './lib/demo-app'
import { annotateEssay, longestEssayWithBareCopy, type Annotation } from './lib/reader-db'
import { loadAverageNote, step, type BenchResult, type Row } from './lib/report'
import { formatSamples, median } from './lib/stats'

const ANNOTATION: Annotation = { highlights: 200, replies: 14, threads: [3, 17, 42, 88, 150, 199], seed: 20261207 }
const HIGHLIGHTS = ANNOTATION.highlights
const LOADS = 9
const HTML_REQUESTS = 7
const LOAD_TIMEOUT_MS = 120_000
/** After hydration, for chunks fetched late (lazy components, prefetches) to count too. */
const SETTLE_MS = 2_000
/** After the page is live, for the server actions its load started to be seen (not measured). */
const ACTIONS_SETTLE_MS = 500
const LIST_ITEM = 'ol[aria-label="Highlights in reading order"] > li button'
const kib = (bytes: number) => bytes / 1024
/** The pages loaded in Chromium: the reader on both copies of the essay, and the floor page on both. */
const RENDERED = ['bare', 'big', 'floorBare', 'floorBig'] as const
type Rendered = (typeof RENDERED)[number]

interface RenderTiming {
  /** Navigation start → every block of the essay drawn and styled, and every highlight's mark. */
  painted: number
  /** … → React has attached its handlers to the essay and to the last item of the highlight list. */
  hydrated: number
  /** … → the live stream is open and the panel lists the viewer under "Reading now". */
  live: number
  firstContentfulPaint: number | null
  responseStart: number
  domContentLoaded: number
  /** Response sizes of the server actions the page called while loading (highlights read again, presence). */
  actions: number[]
}

interface Expect {
  blocks: number
  /** Distinct highlights drawn as marks (orphans are listed, never drawn). */
  highlights: number
  listed: number
  /** Whether the page lists its readers (the reader does, once live; the floor page has no live stream). */
  readers: boolean
}

/** One load of the reader in a fresh tab, every condition checked on each animation frame in the page. */
async function timeRender(context: BrowserContext, url: string, expected: Expect): Promise<RenderTiming> {
  const page = await context.newPage()
  const errors: string[] = []
  // Server actions in flight, so the tab is closed only once the ones the load started have answered.
  const pending = new Set<Request>()
  const actions: Promise<number>[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('request', (req) => {
    if (req.method() === 'POST' && req.headers()['next-action']) pending.add(req)
  })
  page.on('requestfailed', (req) => pending.delete(req))
  page.on('requestfinished', (req) => {
    if (!pending.delete(req)) return
    actions.push(req.response().then((response) => response?.body().then((body) => body.length) ?? 0))
  })
  try {
    const response = await page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS })
    if (response?.status() !== 200)
      throw new Error(`GET ${url} answered ${response?.status() ?? 'nothing'} in the browser`)
    const handle = await page
      .waitForFunction(
        ({ blocks, highlights, listed, readers: hasReaders, listItem }) => {
          const w = window as unknown as { benchTimes?: { painted?: number; hydrated?: number } }
          const times = (w.benchTimes ??= {})
          const now = performance.now()
          const drawn = document.querySelectorAll<HTMLElement>('[role="document"] [data-start]')
          const last = drawn[drawn.length - 1]
          if (drawn.length !== blocks || !last || last.getBoundingClientRect().height === 0) return false
          const marks = [...document.querySelectorAll<HTMLElement>('mark.hl[data-hl]')]
          const ids = new Set(marks.flatMap((mark) => mark.dataset.hl!.split(' ')))
          if (ids.size !== highlights) return false
          const lastMark = marks[marks.length - 1]
          if (
            lastMark &&
            (lastMark.getBoundingClientRect().width === 0 ||
              getComputedStyle(lastMark).backgroundColor === 'rgba(0, 0, 0, 0)')
          )
            return false
          times.painted ??= now
          // React has hydrated an element once it carries its props (event handlers). No named
          // helpers in here: tsx would wrap them in a __name() the page does not have.
          const essay = document.querySelector('[role="document"]')
          const items = document.querySelectorAll(listItem)
          const lastItem = items[items.length - 1]
          if (!essay || items.length !== listed) return false
          if (
            [essay, ...(lastItem ? [lastItem] : [])].some(
              (element) => !Object.keys(element).some((key) => key.startsWith('__reactProps$')),
            )
          )
            return false
          times.hydrated ??= now
          if (!hasReaders) return { painted: times.painted, hydrated: times.hydrated, live: now }
          const readers = document.querySelector('section[aria-label="Reading now"]')
          if (!readers?.textContent?.includes('(you)')) return false
          return { painted: times.painted, hydrated: times.hydrated, live: now }
        },
        { ...expected, listItem: LIST_ITEM },
        { polling: 'raf', timeout: LOAD_TIMEOUT_MS },
      )
      .catch(async (error: unknown) => {
        // Say which condition the page never met.
        const seen = await page
          .evaluate(
            (listItem) => ({
              blocks: document.querySelectorAll('[role="document"] [data-start]').length,
              marks: new Set(
                [...document.querySelectorAll<HTMLElement>('mark.hl[data-hl]')].flatMap((mark) =>
                  mark.dataset.hl!.split(' '),
                ),
              ).size,
              listed: document.querySelectorAll(listItem).length,
              readers: document.querySelector('section[aria-label="Reading now"]')?.textContent ?? null,
            }),
            LIST_ITEM,
          )
          .catch(() => null)
        throw new Error(
          `${url} never got ready: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(seen)} (${error instanceof Error ? error.message : String(error)})`,
        )
      })
    const marks = (await handle.jsonValue()) as { painted: number; hydrated: number; live: number }
    const navigation = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]
      return {
        responseStart: entry.responseStart,
        domContentLoaded: entry.domContentLoadedEventEnd,
        firstContentfulPaint: fcp?.startTime ?? null,
      }
    })
    if (page.url() !== url) throw new Error(`Opening ${url} ended at ${page.url()}`)
    // The highlights' re-read starts with presence's, but its request event can reach us after the page is live.
    await page.waitForTimeout(ACTIONS_SETTLE_MS)
    for (const deadline = Date.now() + 10_000; pending.size > 0 && Date.now() < deadline;) await page.waitForTimeout(50)
    if (errors.length > 0) throw new Error(`Errors in the page at ${url}: ${errors.join('; ')}`)
    return { ...marks, ...navigation, actions: await Promise.all(actions) }
  } finally {
    await page.close()
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

export async function benchReaderRender(): Promise<BenchResult> {
  const { app, people, student, stop } = await startDemoApp()
  let browser: Browser | undefined
  try {
    const essay = await longestEssayWithBareCopy(people)
    step(
      `adding ${HIGHLIGHTS} highlights and ${ANNOTATION.replies} replies to "${essay.title}" (${essay.text.length.toLocaleString('en')} characters)`,
    )
    await annotateEssay(people, essay, student.id, ANNOTATION)
    const [seen, seenBare] = await Promise.all([
      listSourceHighlights(student, essay.id),
      listSourceHighlights(student, essay.bareId),
    ])
    const failures: string[] = []
    if (seen.highlights.length !== HIGHLIGHTS)
      failures.push(`${student.email} sees ${seen.highlights.length} highlights, not ${HIGHLIGHTS}`)
    if (seenBare.highlights.length !== 0) failures.push(`the bare copy has ${seenBare.highlights.length} highlights`)
    const drawnHighlights = seen.highlights.filter((h) => h.anchorStatus !== 'ORPHANED').length
    if (failures.length > 0) return { name: 'reader-render', rows: [], notes: [], failures }

    const cookie = await signIn(app.url, student.email, DEMO_PASSWORD)
    const pages = {
      big: `${app.url}/groups/${people.groupId}/sources/${essay.id}`,
      bare: `${app.url}/groups/${people.groupId}/sources/${essay.bareId}`,
      dashboard: `${app.url}/dashboard`,
      floorBig: `${app.url}/bench/reader-floor/${people.groupId}/${essay.id}`,
      floorBare: `${app.url}/bench/reader-floor/${people.groupId}/${essay.bareId}`,
    }
    // What the reader marks with data-start: each block, but each item of a list block (reader-text.tsx).
    const blocks = blocksOf(essay.text).reduce(
      (sum, block) => sum + (block.kind === 'list' ? listItemsOf(block).items.length : 1),
      0,
    )

    step(
      `server HTML of both reader pages, the dashboard and both floor pages (plain HTTP), ${HTML_REQUESTS} each after a warm-up`,
    )
    const html: Record<keyof typeof pages, HtmlTiming[]> = {
      big: [],
      bare: [],
      dashboard: [],
      floorBig: [],
      floorBare: [],
    }
    for (let i = -1; i < HTML_REQUESTS; i++) {
      for (const key of ['bare', 'big', 'dashboard', 'floorBare', 'floorBig'] as const) {
        const timing = await timeHtml(pages[key], cookie)
        if (timing.status !== 200) throw new Error(`GET ${pages[key]} answered ${timing.status}`)
        if (i >= 0) html[key].push(timing)
      }
    }
    const serverMarks = new Set([...html.big[0]!.body.matchAll(/data-hl="([^"]+)"/g)].flatMap((m) => m[1]!.split(' ')))
      .size
    if (serverMarks !== drawnHighlights)
      failures.push(`the server's HTML draws ${serverMarks} of ${drawnHighlights} highlights`)

    step(
      `launching Chromium (${CHROMIUM_PATH}); ${LOADS} measured loads of each reader page and each floor page after one warm-up load`,
    )
    browser = await launchChromium()
    const context = await signedInContext(browser, app.url, cookie)
    const render: Record<Rendered, RenderTiming[]> = { big: [], bare: [], floorBig: [], floorBare: [] }
    const expected: Record<Rendered, Expect> = {
      big: { blocks, highlights: drawnHighlights, listed: HIGHLIGHTS, readers: true },
      bare: { blocks, highlights: 0, listed: 0, readers: true },
      // The floor lists what it draws: orphans have no place in the text to draw them at.
      floorBig: { blocks, highlights: drawnHighlights, listed: drawnHighlights, readers: false },
      floorBare: { blocks, highlights: 0, listed: 0, readers: false },
    }
    for (let i = -1; i < LOADS; i++) {
      // Alternating, so slow drift on a shared machine hits all four.
      for (const key of RENDERED) {
        const timing = await timeRender(context, pages[key], expected[key])
        if (i >= 0) render[key].push(timing)
        step(
          `${i < 0 ? 'warm-up' : `load ${i + 1}`}: ${key.startsWith('floor') ? 'floor, ' : ''}${expected[key].highlights} highlights painted ${timing.painted.toFixed(0)}, hydrated ${timing.hydrated.toFixed(0)}, live ${timing.live.toFixed(0)} ms`,
        )
      }
    }
    await context.close()

    step('JavaScript loaded by the reader page and by the sign-in page, each in a cold tab')
    const cold = { viewport: VIEWPORT, settleMs: SETTLE_MS, timeoutMs: LOAD_TIMEOUT_MS }
    const readerScripts = await scriptsOf(browser, pages.big, { ...cold, cookie, hydrated: LIST_ITEM })
    const signInScripts = await scriptsOf(browser, `${app.url}/sign-in`, {
      ...cold,
      cookie: null,
      hydrated: 'form button[type="submit"]',
    })
    const largest = [...readerScripts].sort((a, b) => b.gzip - a.gzip).slice(0, 3)
    const signInUrls = new Set(signInScripts.map((s) => new URL(s.url).pathname))

    const of = (key: Rendered, pick: (t: RenderTiming) => number) => render[key].map(pick)
    const hydrated = (key: Rendered) => median(of(key, (t) => t.hydrated))
    // What 200 highlights cost the plain page, added to the reader without any: the least the reader could take.
    const reachable = hydrated('bare') + hydrated('floorBig') - hydrated('floorBare')
    const htmlOf = (key: keyof typeof pages, pick: (t: HtmlTiming) => number) => html[key].map(pick)
    const rows: Row[] = [
      {
        name: `${HIGHLIGHTS} highlights: reader HTML first byte, median of ${HTML_REQUESTS} (vs same essay, 0 highlights)`,
        unit: 'ms',
        figure: median(htmlOf('big', (t) => t.ttfb)),
        baseline: median(htmlOf('bare', (t) => t.ttfb)),
      },
      {
        name: `${HIGHLIGHTS} highlights: reader HTML complete, median of ${HTML_REQUESTS} (vs 0 highlights)`,
        unit: 'ms',
        figure: median(htmlOf('big', (t) => t.total)),
        baseline: median(htmlOf('bare', (t) => t.total)),
      },
      {
        name: `${HIGHLIGHTS} highlights: essay + marks painted in Chromium, median of ${LOADS} (vs 0 highlights)`,
        unit: 'ms',
        figure: median(of('big', (t) => t.painted)),
        baseline: median(of('bare', (t) => t.painted)),
      },
      {
        name: `${HIGHLIGHTS} highlights: reader hydrated (list handlers attached), median of ${LOADS} (vs 0 highlights)`,
        unit: 'ms',
        figure: median(of('big', (t) => t.hydrated)),
        baseline: median(of('bare', (t) => t.hydrated)),
      },
      {
        name: `floor (plain React marks and buttons): ${drawnHighlights} highlights hydrated, median of ${LOADS} (vs 0 highlights)`,
        unit: 'ms',
        figure: hydrated('floorBig'),
        baseline: hydrated('floorBare'),
      },
      {
        name: `${HIGHLIGHTS} highlights: least the reader could hydrate in (its 0-highlight time + the floor's cost of the highlights) (vs 0 highlights)`,
        unit: 'ms',
        figure: reachable,
        baseline: hydrated('bare'),
      },
      {
        name: `reader page JavaScript, gzip -9, ${readerScripts.length} scripts (vs sign-in page, ${signInScripts.length})`,
        unit: 'KiB',
        figure: kib(sum(readerScripts.map((s) => s.gzip))),
        baseline: kib(sum(signInScripts.map((s) => s.gzip))),
      },
    ]
    const probe = probeOf(essay.text)
    const weight = Object.fromEntries(RENDERED.map((key) => [key, htmlWeight(html[key][0]!.body, probe)])) as Record<
      Rendered,
      ReturnType<typeof htmlWeight>
    >
    const describe = (key: Rendered) => {
      const t = render[key]
      const actions = t.flatMap((x) => x.actions)
      return (
        `${key.startsWith('floor') ? 'floor page, ' : ''}${expected[key].highlights} highlights: painted ${formatSamples(of(key, (x) => x.painted))}, hydrated ${formatSamples(of(key, (x) => x.hydrated))}, ` +
        `${expected[key].readers ? `live ("Reading now … (you)") ${formatSamples(of(key, (x) => x.live))} ms; ` : ''}FCP ${formatSamples(t.map((x) => x.firstContentfulPaint ?? NaN))}, ` +
        `responseStart ${formatSamples(t.map((x) => x.responseStart))}, DOMContentLoaded ${formatSamples(t.map((x) => x.domContentLoaded))} ms; ` +
        `HTML first byte ${formatSamples(htmlOf(key, (x) => x.ttfb))}, whole ${formatSamples(htmlOf(key, (x) => x.total))} ms, ` +
        `${kib(weight[key].bytes).toFixed(0)} KiB (${kib(weight[key].gzip).toFixed(0)} KiB gzipped), of which inline flight data ${kib(weight[key].flightBytes).toFixed(0)} KiB, holding the essay's text ${weight[key].probeCopies} times; ` +
        `server actions called while loading (presence; highlights only when the live stream replays a change): ` +
        `${(actions.length / t.length).toFixed(1)} seen per load (Playwright misses some), largest answer ${kib(Math.max(0, ...actions)).toFixed(0)} KiB`
      )
    }
    const chunk = (s: Script) =>
      `${new URL(s.url).pathname.split('/').pop()} ${kib(s.gzip).toFixed(1)} KiB gz (${kib(s.bytes).toFixed(0)} KiB raw${signInUrls.has(new URL(s.url).pathname) ? ', also on sign-in' : ''}${s.contains.length ? `; ${s.contains.join(', ')}` : ''})`
    const encodings = [...new Set(readerScripts.map((s) => s.encoding))].join('/')
    const notes = [
      `"${essay.title}", ${essay.text.length.toLocaleString('en')} characters, ${blocks} blocks, as ${student.email}; Chromium ${browser.version()} headless at ${VIEWPORT.width}×${VIEWPORT.height}; baseline: a byte-identical copy of the essay in the same group with no highlights; one tab per load, assets cached; times from navigation start`,
      describe('big'),
      describe('bare'),
      describe('floorBig'),
      describe('floorBare'),
      `dashboard (a trivial page) HTML first byte ${formatSamples(htmlOf('dashboard', (x) => x.ttfb))} ms, median ${median(htmlOf('dashboard', (x) => x.ttfb)).toFixed(0)} ms`,
      `largest reader chunks: ${largest.map(chunk).join('; ')}`,
      `scripts as served: content-encoding ${encodings}, ${kib(sum(readerScripts.map((s) => s.transfer))).toFixed(0)} KiB transferred, ${kib(sum(readerScripts.map((s) => s.bytes))).toFixed(0)} KiB raw; ` +
        `${readerScripts.filter((s) => signInUrls.has(new URL(s.url).pathname)).length} of the reader's ${readerScripts.length} scripts are shared with sign-in`,
      loadAverageNote(),
    ]
    const bodiless = (timings: HtmlTiming[]) =>
      timings.map(({ body, ...rest }) => ({ ...rest, bytes: Buffer.byteLength(body) }))
    return {
      name: 'reader-render',
      rows,
      notes,
      failures,
      details: {
        source: {
          id: essay.id,
          bareId: essay.bareId,
          title: essay.title,
          characters: essay.text.length,
          blocks,
          highlights: HIGHLIGHTS,
          drawn: drawnHighlights,
        },
        html: { ...Object.fromEntries(Object.entries(html).map(([key, timings]) => [key, bodiless(timings)])), weight },
        render,
        scripts: { reader: readerScripts, signIn: signInScripts },
      },
    }
  } finally {
    await browser?.close().catch(() => {})
    await stop()
  }
}
