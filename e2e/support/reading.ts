// The reader as the journeys use it: the essay, the tag toolbar, and tagging a passage with the keyboard.
import { expect, type Page } from '@playwright/test'
import { SLOW } from './seminar'

export const essay = (page: Page) => page.getByRole('document', { name: /^Essay text/ })
export const tagToolbar = (page: Page) => page.getByRole('toolbar', { name: 'Tag the selected passage' })

/**
 * Selects with the keyboard in paragraph `n` (counted from the first paragraph by ArrowDown):
 * skips `skip` words with Ctrl+ArrowRight and one space with ArrowRight, then selects `words`
 * words with Ctrl+Shift+ArrowRight, and presses the tag's key. Ctrl+Home first, wherever the
 * reader's cursor was left.
 */
export async function tagWithKeyboard(page: Page, { paragraph: n, skip = 0, words, key }: { paragraph: number; skip?: number; words: number; key: '1' | '2' | '3' }) {
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
