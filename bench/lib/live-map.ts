// Opening a map canvas in Chromium and waiting until it is live: every node drawn by hydrated
// code and shown, every edge drawn, and (on the map page) the editor's saved status.
import type { BrowserContext, Page } from '@playwright/test'

/** Two shared cores and 1,000 nodes: generous, but bounded. */
const LOAD_TIMEOUT_MS = 180_000

/** What a page must show to count as live: its nodes drawn by hydrated code, its edges, and (the map page) its saved status. */
export interface Live {
  nodes: number
  edges: number
  status: string | null
}

export interface Opened {
  page: Page
  /** Navigation start → live. */
  ready: number
  /** Navigation Timing, from the browser's side. */
  responseStart: number
  domContentLoaded: number
}

/** Opens `url` in a new tab and waits, checking on every animation frame, until the canvas is live. */
export async function openLive(context: BrowserContext, url: string, live: Live): Promise<Opened> {
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  try {
    const response = await page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS })
    if (response?.status() !== 200)
      throw new Error(`GET ${url} answered ${response?.status() ?? 'nothing'} in the browser`)
    // Nodes may come drawn in the server's HTML: a node counts once React has hydrated it (its
    // element carries React's fiber) and shows it (React Flow hides a node it has not measured).
    // Edges are drawn only by the live canvas, once it knows where the nodes' handles are.
    const handle = await page.waitForFunction(
      ({ nodes, edges, status }) => {
        const elements = document.querySelectorAll<HTMLElement>('.react-flow__node')
        if (elements.length !== nodes || document.querySelectorAll('.react-flow__edge').length !== edges) return false
        for (const element of elements) {
          if (!Object.keys(element).some((key) => key.startsWith('__reactFiber$'))) return false
          if (element.style.visibility === 'hidden' || getComputedStyle(element).visibility === 'hidden') return false
          const box = element.getBoundingClientRect()
          if (box.width === 0 || box.height === 0) return false
        }
        if (
          status !== null &&
          ![...document.querySelectorAll('[aria-live="polite"]')].some((element) => element.textContent === status)
        )
          return false
        return performance.now()
      },
      live,
      { polling: 'raf', timeout: LOAD_TIMEOUT_MS },
    )
    const ready = (await handle.jsonValue()) as number
    const navigation = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      return { responseStart: entry.responseStart, domContentLoaded: entry.domContentLoadedEventEnd }
    })
    // Signed in: not sent to the sign-in page (which would never show the nodes anyway).
    if (page.url() !== url) throw new Error(`Opening ${url} ended at ${page.url()}`)
    if (errors.length > 0) throw new Error(`Errors in the page at ${url}: ${errors.join('; ')}`)
    return { page, ready, ...navigation }
  } catch (error) {
    await page.close()
    throw error
  }
}
