// The reader as the journeys use it: the essay, the tag toolbar, and selecting a passage with the
// mouse or tagging one with the keyboard.
import { expect, type Page } from '@playwright/test'
import { SLOW } from './seminar'

export const essay = (page: Page) => page.getByRole('document', { name: /^Essay text/ })
export const tagToolbar = (page: Page) => page.getByRole('toolbar', { name: 'Tag the selected passage' })
export const paragraph = (page: Page, n: number) => essay(page).locator(`#p${n}`)
export const selected = (page: Page) => page.getByRole('region', { name: 'Selected highlight' })

/** Drags the mouse along the first line of paragraph `n`, from its start to `upTo` of its width, in two strokes. */
export async function dragAlongFirstLine(page: Page, n: number, upTo: number) {
  const p = paragraph(page, n)
  await p.scrollIntoViewIfNeeded()
  const box = (await p.boundingBox())!
  const y = box.y + 16
  await page.mouse.move(box.x + 1, y)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * (upTo / 2), y, { steps: 5 })
  await page.mouse.move(box.x + box.width * upTo, y, { steps: 5 })
  await page.mouse.up()
  return p
}

/**
 * Selects with the keyboard in paragraph `n` (counted from the first paragraph by ArrowDown):
 * skips `skip` words with Ctrl+ArrowRight and one space with ArrowRight, then selects `words`
 * words with Ctrl+Shift+ArrowRight, and presses the tag's key. Ctrl+Home first, wherever the
 * reader's cursor was left.
 */
export async function tagWithKeyboard(
  page: Page,
  { paragraph: n, skip = 0, words, key }: { paragraph: number; skip?: number; words: number; key: '1' | '2' | '3' },
) {
  await essay(page).focus()
  // The cursor stays where the last highlight ended; Ctrl+Home takes it back to the first paragraph.
  await page.keyboard.press('Control+Home')
  for (let i = 1; i < n; i++) await page.keyboard.press('ArrowDown')
  if (skip > 0) {
    for (let i = 0; i < skip; i++) await page.keyboard.press('Control+ArrowRight')
    await page.keyboard.press('ArrowRight')
  }
  for (let i = 0; i < words; i++) await page.keyboard.press('Control+Shift+ArrowRight')
  // The reader follows the page selection a moment later: tag only once the toolbar has caught up.
  const chosen = await page.evaluate(() => window.getSelection()?.toString() ?? '')
  await expect(tagToolbar(page).getByText(/^\d+ chars$/)).toHaveText(`${chosen.length} chars`)
  await page.keyboard.press(key)
  await expect(tagToolbar(page)).toBeHidden(SLOW)
}
