// Frame times on a React Flow canvas in Chromium: the gaps between requestAnimationFrame callbacks
// while a person drags a node or pans the map, with the mouse moved along a circle at a steady
// ~120 Hz (a real mouse's rate) for a fixed time, as a person does, not as fast as the page allows.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Page } from '@playwright/test'
import { percentile } from './stats'

export interface Point {
  x: number
  y: number
}

export interface FrameStats {
  frames: number
  p50: number
  p95: number
  max: number
}

export const MOUSE_EVERY_MS = 8

export function frameStats(deltas: readonly number[]): FrameStats {
  return { frames: deltas.length, p50: percentile(deltas, 50), p95: percentile(deltas, 95), max: Math.max(...deltas) }
}

export const formatFrames = (s: FrameStats) =>
  `p50 ${s.p50.toFixed(1)}, p95 ${s.p95.toFixed(1)}, max ${s.max.toFixed(0)} ms over ${s.frames} frames`

/**
 * Records the gaps between animation frames (from their timestamps) on `window.benchFrames`. A
 * string, not a function: tsx names the functions it compiles with a helper the page lacks.
 */
const RECORD_FRAMES = `(() => {
  const state = { deltas: [], on: true }
  window.benchFrames = state
  let last = null
  const tick = (time) => {
    if (last !== null) state.deltas.push(time - last)
    last = time
    if (state.on) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
})()`

/** The gaps between animation frames (from their timestamps) while `action` runs. */
export async function framesDuring(page: Page, action: () => Promise<void>): Promise<number[]> {
  await page.evaluate(RECORD_FRAMES)
  await action()
  return page.evaluate(() => {
    const state = (window as unknown as { benchFrames: { deltas: number[]; on: boolean } }).benchFrames
    state.on = false
    return state.deltas
  })
}

/** Presses at `from`, moves around a circle of `radius` through it (one turn per 2 s) for `ms`, releases. */
export async function circleDrag(page: Page, from: Point, radius: number, ms: number): Promise<void> {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  // Past React Flow's drag threshold first, so the whole circle is a drag.
  await page.mouse.move(from.x + 2, from.y + 2, { steps: 2 })
  const started = performance.now()
  for (let elapsed = 0; elapsed < ms; elapsed = performance.now() - started) {
    const angle = (2 * Math.PI * elapsed) / 2_000
    await page.mouse.move(from.x + radius * (Math.cos(angle) - 1), from.y + radius * Math.sin(angle))
    await sleep(MOUSE_EVERY_MS)
  }
  await page.mouse.up()
}

/** The canvas's box on screen. */
export async function canvasBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.locator('.react-flow').first().boundingBox()
  if (!box) throw new Error('No React Flow canvas on the page.')
  return box
}

/** The middle of the node whose middle is nearest the canvas's middle. */
export function nodeNearMiddle(page: Page): Promise<Point> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.react-flow')!.getBoundingClientRect()
    const mid = { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }
    let best: { point: { x: number; y: number }; d: number } | null = null
    for (const element of document.querySelectorAll('.react-flow__node')) {
      const box = element.getBoundingClientRect()
      const point = { x: box.left + box.width / 2, y: box.top + box.height / 2 }
      const d = Math.hypot(point.x - mid.x, point.y - mid.y)
      if (!best || d < best.d) best = { point, d }
    }
    if (!best) throw new Error('No node on the canvas.')
    return best.point
  })
}

/** The point of bare pane (no node, edge, label or control on it) nearest the canvas's middle. */
export function paneNearMiddle(page: Page): Promise<Point> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.react-flow')!.getBoundingClientRect()
    const mid = { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }
    for (let ring = 0; ring < 200; ring++) {
      const steps = Math.max(1, ring * 8)
      for (let k = 0; k < steps; k++) {
        const angle = (2 * Math.PI * k) / steps
        const point = {
          x: Math.round(mid.x + Math.cos(angle) * ring * 3),
          y: Math.round(mid.y + Math.sin(angle) * ring * 3),
        }
        if (document.elementFromPoint(point.x, point.y)?.classList.contains('react-flow__pane')) return point
      }
    }
    throw new Error('No bare pane near the middle of the canvas.')
  })
}

/** The canvas's zoom now, from its viewport's transform. */
export function zoomOf(page: Page): Promise<number> {
  return page.evaluate(
    () => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a,
  )
}

/** Zooms in with the mouse wheel at the canvas's middle, `steps` notches, and waits for it to settle. */
export async function wheelZoomIn(page: Page, steps: number): Promise<number> {
  const box = await canvasBox(page)
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, -300)
    await sleep(60)
  }
  await sleep(500)
  return zoomOf(page)
}
