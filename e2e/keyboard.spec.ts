// Keyboard only: reaching the essay with Tab, seeing the cursor before pressing anything, tagging
// a passage and going on to the next paragraph from where the last highlight ended, and the `?`
// sheet listing every key on any page.
import { expect, type Page } from '@playwright/test'
import { test } from './support/browsers'
import { essay, tagToolbar } from './support/reading'
import { INSTRUCTOR, SLOW, addEssay, createGroup, signedIn } from './support/seminar'

const SHOTS = 'test-results/keyboard'
const runId = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`

const paragraph = (page: Page, n: number) => essay(page).locator(`#p${n}`)
const caret = (page: Page) => page.getByTestId('reader-caret')
const listItem = (page: Page, quote: string) =>
  page
    .getByRole('list', { name: 'Highlights in reading order' })
    .getByRole('listitem')
    .filter({ hasText: `“${quote}”` })
const sheet = (page: Page) => page.getByRole('dialog', { name: 'Keyboard shortcuts' })

/**
 * The caret lies within paragraph `n`'s box. Both are measured in one frame, and again until it
 * holds: a new highlight scrolls smoothly into view, moving both while they are measured.
 */
async function expectCaretIn(page: Page, n: number) {
  await expect(caret(page)).toBeVisible()
  await expect
    .poll(
      () =>
        page.evaluate((n) => {
          const at = document.querySelector('[data-testid="reader-caret"]')?.getBoundingClientRect()
          const box = document
            .querySelector(`[role="document"][aria-label^="Essay text"] #p${n}`)
            ?.getBoundingClientRect()
          if (!at || !box) return 'caret or paragraph missing'
          const middle = at.y + at.height / 2
          if (middle <= box.y || middle >= box.y + box.height)
            return `caret at y ${middle}, paragraph ${box.y}–${box.bottom}`
          if (at.x < box.x - 2 || at.x > box.right + 2) return `caret at x ${at.x}, paragraph ${box.x}–${box.right}`
          return 'inside'
        }, n),
      { message: `caret in paragraph ${n}` },
    )
    .toBe('inside')
}

async function selectWords(page: Page, words: number) {
  for (let i = 0; i < words; i++) await page.keyboard.press('Control+Shift+ArrowRight')
  const chosen = await page.evaluate(() => window.getSelection()?.toString() ?? '')
  await expect(tagToolbar(page).getByText(/^\d+ chars$/)).toHaveText(`${chosen.length} chars`)
  return chosen
}

/** ArrowDown to paragraph `n`, `quote` selected word by word from its start, tagged with `key`. */
async function tagNextParagraph(page: Page, n: number, quote: string, key: '1' | '2' | '3') {
  await page.keyboard.press('ArrowDown')
  await expectCaretIn(page, n)
  expect(await selectWords(page, quote.split(' ').length)).toBe(quote)
  await page.keyboard.press(key)
  await expect(tagToolbar(page)).toBeHidden(SLOW)
  await expect(listItem(page, quote)).toBeVisible()
}

test('two highlights in different paragraphs with the keyboard, the cursor staying where the first ended', async ({
  openBrowser,
}) => {
  const page = await signedIn(openBrowser(), INSTRUCTOR.email)
  await createGroup(page, `Keyboard seminar ${runId}`)
  await addEssay(page)
  // A new source says what to do next, and how, on screen.
  await expect(page.getByText('No highlights here yet. Select a passage in the essay and tag it')).toBeVisible()
  await expect(page.locator('#reader-keys')).toContainText(
    'hold Shift with the arrow keys; then press 1 Claim · 2 Evidence · 3 Bias',
  )

  // Tab until the essay has focus: the caret shows at the first paragraph before any key.
  for (let i = 0; i < 60 && !(await essay(page).evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab')
  await expect(essay(page)).toBeFocused()
  await expectCaretIn(page, 1)
  await page.screenshot({ path: `${SHOTS}/caret-on-focus.png` })

  // Paragraph 2: "Shared bases, joint", as evidence.
  await tagNextParagraph(page, 2, 'Shared bases, joint', '2')
  await expect(essay(page)).toBeFocused()
  // The cursor waits where the highlight ended, still in paragraph 2.
  await expectCaretIn(page, 2)
  await page.screenshot({ path: `${SHOTS}/caret-after-highlight.png` })

  // One ArrowDown on, not three: paragraph 3's "Critics answer", as a claim.
  await tagNextParagraph(page, 3, 'Critics answer', '1')
  await expect(paragraph(page, 3).locator(`mark[title="Claim by ${INSTRUCTOR.name}"]`)).toHaveText('Critics answer')
  await expect(paragraph(page, 2).locator(`mark[title="Evidence by ${INSTRUCTOR.name}"]`)).toHaveText(
    'Shared bases, joint',
  )
  await expectCaretIn(page, 3)

  // Ctrl+Home goes back to the first paragraph; Escape leaves a selection and keeps the place.
  await page.keyboard.press('Control+Home')
  await expectCaretIn(page, 1)
  await page.keyboard.press('Shift+ArrowRight')
  await expect(tagToolbar(page)).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(tagToolbar(page)).toBeHidden()
  await expectCaretIn(page, 1)
})

test('? lists every key, on any page, and never while typing', async ({ openBrowser }) => {
  const page = await signedIn(openBrowser(), INSTRUCTOR.email)
  await page.keyboard.press('?')
  await expect(sheet(page)).toBeVisible()
  for (const section of [
    'Everywhere',
    'Reading an essay (click the text first)',
    'Argument maps (click the map first)',
  ]) {
    await expect(sheet(page).getByRole('region', { name: section })).toBeVisible()
  }
  await expect(sheet(page)).toContainText('Tag the selection as evidence')
  await page.screenshot({ path: `${SHOTS}/shortcut-sheet.png` })
  await page.keyboard.press('Escape')
  await expect(sheet(page)).toBeHidden()

  // A question mark typed into a field is text.
  const code = page.getByRole('region', { name: 'Join a group' }).getByLabel('Join code')
  await code.fill('')
  await code.press('?')
  await expect(sheet(page)).toBeHidden()

  // The header's button opens it for those who do not know the key.
  await page.getByRole('button', { name: /^Keys/ }).click()
  await expect(sheet(page)).toBeVisible()
  await sheet(page)
    .getByRole('button', { name: /^Close/ })
    .click()
  await expect(sheet(page)).toBeHidden()
})
