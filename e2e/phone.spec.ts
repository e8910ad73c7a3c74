// On a phone (390 × 844, touch, in Chromium): every page fits the screen's width, a passage
// selected by touch is tagged from the toolbar at the bottom edge, the highlights panel opens as
// a drawer, and a map opens readable, pans under one finger and zooms with two.
import { expect, type Page } from '@playwright/test'
import { test } from './support/browsers'
import { ALEX, DEMO_GROUP, SLOW, signedIn } from './support/seminar'

const SHOTS = 'test-results/phone'
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }

/** Elements whose right edge passes the screen's, outside any part of the page that scrolls sideways on purpose. */
async function overflowing(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const scrollsSideways = (el: Element | null): boolean => {
      for (let e = el?.parentElement; e; e = e.parentElement) {
        const style = getComputedStyle(e)
        if (/(auto|scroll|hidden)/.test(style.overflowX) && e !== document.body && e !== document.documentElement)
          return true
      }
      return false
    }
    const wide = [...document.querySelectorAll('body *')].filter((el) => {
      const box = el.getBoundingClientRect()
      return box.width > 0 && box.right > width + 1 && !scrollsSideways(el) && getComputedStyle(el).position !== 'fixed'
    })
    return {
      scrollWidth: document.documentElement.scrollWidth,
      width,
      wide: wide.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 120)),
    }
  })
}

/**
 * Fingers on the screen, through Chromium's touch input (Playwright's own `tap` has one finger):
 * each gesture puts its fingers down where the first step says, moves them in small steps through
 * the others, and lifts them.
 */
async function touchScreen(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  const send = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number }[]) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id, radiusX: 4, radiusY: 4, force: 1 })),
    })
  return {
    async gesture(steps: { x: number; y: number }[][]) {
      await send('touchStart', steps[0]!)
      for (let i = 1; i < steps.length; i++) {
        const [from, to] = [steps[i - 1]!, steps[i]!]
        for (let t = 1; t <= 8; t++)
          await send(
            'touchMove',
            from.map((p, f) => ({ x: p.x + ((to[f]!.x - p.x) * t) / 8, y: p.y + ((to[f]!.y - p.y) * t) / 8 })),
          )
      }
      await send('touchEnd', [])
    },
  }
}

async function fits(page: Page, what: string) {
  const result = await overflowing(page)
  expect(result.wide, `${what}: elements wider than the screen`).toEqual([])
  expect(result.scrollWidth, `${what}: page width`).toBeLessThanOrEqual(result.width)
}

test('a student reads, highlights by touch and opens a map on a phone', async ({ browser }) => {
  test.slow()
  const context = await browser.newContext(PHONE)
  try {
    const page = await signedIn(context.newPage(), ALEX.email)
    await fits(page, 'dashboard')
    await page.getByRole('link', { name: new RegExp(DEMO_GROUP) }).tap()
    await expect(page.getByRole('heading', { level: 1, name: DEMO_GROUP })).toBeVisible(SLOW)
    await fits(page, 'group page')
    await page.screenshot({ path: `${SHOTS}/group.png`, fullPage: true })

    await page
      .getByRole('region', { name: 'Sources' })
      .getByRole('link', { name: 'US – Japan Alliance', exact: true })
      .tap()
    const essay = page.getByRole('document', { name: /^Essay text/ })
    await expect(essay).toBeVisible(SLOW)
    await fits(page, 'reader')

    // A long press selects a word, and the handles stretch it: here, the passage the finger chose.
    const target = 'The asymmetric nature of the arrangement'
    await page.evaluate((quote) => {
      const walker = document.createTreeWalker(document.querySelector('[role=document]')!, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(quote)
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + quote.length)
        node.parentElement!.scrollIntoView({ block: 'center' })
        window.getSelection()!.removeAllRanges()
        window.getSelection()!.addRange(range)
        return
      }
      throw new Error(`“${quote}” is not in the essay`)
    }, target)
    const toolbar = page.getByRole('toolbar', { name: 'Tag the selected passage' })
    await expect(toolbar).toBeVisible()
    // At the bottom edge, inside the screen, below the selected passage.
    const bar = (await toolbar.boundingBox())!
    expect(bar.x).toBeGreaterThanOrEqual(0)
    expect(bar.x + bar.width).toBeLessThanOrEqual(390)
    expect(bar.y + bar.height).toBeGreaterThan(844 - 80)
    await page.screenshot({ path: `${SHOTS}/toolbar.png` })
    await toolbar.getByRole('button', { name: /^Claim/ }).tap()
    await expect(toolbar).toBeHidden(SLOW)

    // The side panel is a drawer: it opens on the new highlight.
    const panel = page.getByRole('complementary', { name: 'Highlights' })
    await expect(panel.getByRole('region', { name: 'Selected highlight' })).toContainText(target, SLOW)
    await fits(page, 'reader with the drawer open')
    await page.screenshot({ path: `${SHOTS}/drawer.png` })
    await panel.getByRole('button', { name: 'Close the highlights panel' }).tap()
    await expect(panel).toBeHidden()
    await page.getByRole('button', { name: /^Highlights \(\d+\)$/ }).tap()
    await expect(panel).toBeVisible()
    await panel.getByRole('button', { name: 'Close the highlights panel' }).tap()

    // A map: readable at phone size, and it moves under a finger.
    await page.goto(`${new URL(page.url()).pathname.split('/sources/')[0]}/maps`)
    await fits(page, 'maps list')
    await page.getByRole('link', { name: 'Does the alliance still keep East Asia safe?', exact: true }).tap()
    const canvas = page.getByRole('application', { name: /^Argument map canvas/ })
    await expect(canvas).toBeVisible(SLOW)
    await fits(page, 'map')
    const viewport = page.locator('.react-flow__viewport')
    const transform = () => viewport.evaluate((el) => new DOMMatrix(getComputedStyle(el).transform))
    // Opened at a size its text can be read at, not the whole map shrunk to the screen.
    await expect.poll(async () => (await transform()).a, SLOW).toBeGreaterThanOrEqual(0.5)
    const before = await transform()
    // A drag on empty canvas (where no node, control or minimap is) pans the map.
    const empty = await canvas.evaluate((root) => {
      const box = root.getBoundingClientRect()
      for (let y = box.top + 10; y < box.bottom - 10; y += 20) {
        for (let x = box.left + 10; x < box.right - 10; x += 20)
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y }
      }
      return null
    })
    expect(empty, 'an empty spot on the canvas').not.toBeNull()
    const { x, y } = empty!
    // One finger drags the map along: it moves by what the finger moved, at the same zoom.
    const fingers = await touchScreen(page)
    await fingers.gesture([[{ x, y }], [{ x: x + 60, y: y + 80 }]])
    await expect.poll(async () => Math.round((await transform()).e - before.e)).toBe(60)
    expect(Math.round((await transform()).f - before.f)).toBe(80)
    expect((await transform()).a).toBeCloseTo(before.a, 5)
    // Two fingers spreading apart zoom in, by about how far they spread, around the point between them.
    const panned = await transform()
    const [cx, cy] = [x + 60, y + 80]
    // Two fingers `apart` pixels either side of the point between them.
    const fingersAt = (apart: number) => [
      { x: cx - apart, y: cy },
      { x: cx + apart, y: cy },
    ]
    await fingers.gesture([fingersAt(30), fingersAt(60)])
    await expect.poll(async () => (await transform()).a / panned.a).toBeCloseTo(2, 1)
    // ...and pinching them together zooms back out.
    const zoomed = await transform()
    await fingers.gesture([fingersAt(60), fingersAt(30)])
    await expect.poll(async () => (await transform()).a / zoomed.a).toBeCloseTo(0.5, 1)
    // The page itself never scrolled or zoomed: the gestures went to the map.
    expect(await page.evaluate(() => [window.scrollX, window.visualViewport?.scale ?? 1])).toEqual([0, 1])
    await fits(page, 'map after touch')
    await page.screenshot({ path: `${SHOTS}/map.png` })
  } finally {
    await context.close()
  }
})
