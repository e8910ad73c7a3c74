// Frame times on a big map: in one tab per round, the page at rest, then a node dragged and the
// pane panned with the whole map in view, then the same again zoomed in to about 100 %; the map
// page and bare React Flow drawing the same map take turns, round after round.
import { setTimeout as sleep } from 'node:timers/promises'
import type { BrowserContext } from '@playwright/test'
import {
  circleDrag,
  MOUSE_EVERY_MS,
  formatFrames,
  frameStats,
  framesDuring,
  nodeNearMiddle,
  paneNearMiddle,
  wheelZoomIn,
  zoomOf,
} from './frames'
import { openLive, type Live } from './live-map'
import type { Row } from './report'

const ROUNDS = 2
const GESTURE_MS = 4_000
const REST_MS = 2_000
/** Screen pixels: a drag across a few nodes when zoomed in, across much of the map when not. */
const RADIUS = 100
/** Wheel notches from the fitted view to about 100 %. */
const ZOOM_STEPS = 6

const GESTURES = {
  rest: 'page at rest',
  dragFitted: 'dragging a node, whole map in view',
  panFitted: 'panning, whole map in view',
  dragZoomed: 'dragging a node, zoomed in',
  panZoomed: 'panning, zoomed in',
} as const
type Gesture = keyof typeof GESTURES
type Deltas = Record<Gesture, number[]>

interface Options {
  map: string
  bare: string
  live: Live
  log: (line: string) => void
}

async function round(context: BrowserContext, url: string, live: Live, zooms: number[][]): Promise<Deltas> {
  const { page } = await openLive(context, url, live)
  try {
    // Late work of the first render (fonts, captions measured again) is not what is measured.
    await sleep(1_500)
    const rest = await framesDuring(page, () => sleep(REST_MS))
    const gestures = async () => {
      const drag = await framesDuring(page, async () =>
        circleDrag(page, await nodeNearMiddle(page), RADIUS, GESTURE_MS),
      )
      // The dropped node is saved before the pane is panned.
      await sleep(1_000)
      const pan = await framesDuring(page, async () => circleDrag(page, await paneNearMiddle(page), RADIUS, GESTURE_MS))
      await sleep(500)
      return { drag, pan }
    }
    const fittedZoom = await zoomOf(page)
    const fitted = await gestures()
    const zoomedTo = await wheelZoomIn(page, ZOOM_STEPS)
    const zoomed = await gestures()
    zooms.push([fittedZoom, zoomedTo])
    return { rest, dragFitted: fitted.drag, panFitted: fitted.pan, dragZoomed: zoomed.drag, panZoomed: zoomed.pan }
  } finally {
    await page.close()
  }
}

export async function mapFrameTimes(context: BrowserContext, options: Options) {
  const pages = { map: options.map, bare: options.bare }
  const deltas = { map: [] as Deltas[], bare: [] as Deltas[] }
  const zooms = { map: [] as number[][], bare: [] as number[][] }
  for (let i = 0; i < ROUNDS; i++) {
    for (const key of ['bare', 'map'] as const) {
      deltas[key].push(await round(context, pages[key], options.live, zooms[key]))
      options.log(`frames round ${i + 1}: ${key} done`)
    }
  }
  const pooled = (key: 'map' | 'bare', gesture: Gesture) => deltas[key].flatMap((d) => d[gesture])
  const stats = (key: 'map' | 'bare', gesture: Gesture) => frameStats(pooled(key, gesture))
  const gestures = Object.keys(GESTURES) as Gesture[]
  const size = `${options.live.nodes.toLocaleString('en')} nodes`
  const rows: Row[] = gestures.map((gesture) => ({
    name: `${size}, ${GESTURES[gesture]}: frame time p95, ${ROUNDS} × ${(gesture === 'rest' ? REST_MS : GESTURE_MS) / 1000} s (vs bare React Flow)`,
    unit: 'ms',
    figure: stats('map', gesture).p95,
    baseline: stats('bare', gesture).p95,
  }))
  const zoomText = (key: 'map' | 'bare') => zooms[key].map(([a, b]) => `${a!.toFixed(3)} → ${b!.toFixed(2)}`).join(', ')
  const notes = [
    `frames: ${size}/${options.live.edges.toLocaleString('en')} relations at 1440×900, requestAnimationFrame gaps; the mouse moves around a ${RADIUS}-px circle, a step every ${MOUSE_EVERY_MS} ms; zoom (fitted → zoomed in) on the map page ${zoomText('map')}, bare ${zoomText('bare')}`,
    ...gestures.map(
      (gesture) =>
        `frames, ${GESTURES[gesture]}: map page ${formatFrames(stats('map', gesture))}; bare React Flow ${formatFrames(stats('bare', gesture))}`,
    ),
  ]
  const details = Object.fromEntries(
    gestures.map((gesture) => [
      gesture,
      {
        map: stats('map', gesture),
        bare: stats('bare', gesture),
        samples: { map: pooled('map', gesture), bare: pooled('bare', gesture) },
      },
    ]),
  )
  return { rows, notes, details: { ...details, zooms } }
}
