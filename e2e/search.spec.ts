// Finding things again: a student searches the group for a classmate's highlight and lands on it
// in the reader; a Japanese query finds its paragraph and opens the essay there; a search the app
// refuses is said so under the box.
import { expect, type Page } from '@playwright/test'
import { test } from './support/browsers'
import { essay, tagToolbar } from './support/reading'
import { ALEX, BEA, INSTRUCTOR, SLOW, addEssay, createGroup, joined, joinWithCode, signedIn } from './support/seminar'
import { newAccount, signedUp } from './support/web-security-fixtures'

const runId = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`

const JAPANESE_TITLE = `日米同盟の現在 ${runId}`
const JAPANESE = [
  '沖縄の米軍基地の負担軽減は、日米同盟にとって長年の課題である。',
  '普天間飛行場の移設をめぐる議論は、地元の反対もあって今も続いている。',
  '一方で、北朝鮮のミサイル発射は同盟の抑止力の重要性を改めて示した。',
].join('\n\n')

const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search this group' })

/** Tags the first words of a paragraph from the keyboard. */
async function tagFirstWords(page: Page, paragraph: number, words: number, key: '1' | '2' | '3') {
  await essay(page).focus()
  await page.keyboard.press('Control+Home')
  for (let i = 1; i < paragraph; i++) await page.keyboard.press('ArrowDown')
  for (let i = 0; i < words; i++) await page.keyboard.press('Control+Shift+ArrowRight')
  const chosen = await page.evaluate(() => window.getSelection()?.toString() ?? '')
  await expect(tagToolbar(page).getByText(/^\d+ chars$/)).toHaveText(`${chosen.length} chars`)
  await page.keyboard.press(key)
  await expect(tagToolbar(page)).toBeHidden(SLOW)
}

test('a student finds a classmate’s highlight from the search box and lands on it in the reader', async ({
  openBrowser,
}) => {
  const naomi = await signedIn(openBrowser(), INSTRUCTOR.email)
  const group = await createGroup(naomi, `Search seminar ${runId}`)
  const essayUrl = await addEssay(naomi)

  const alex = await joined(openBrowser(), ALEX.email, group)
  await alex.goto(essayUrl)
  await expect(essay(alex)).toBeVisible(SLOW)
  await tagFirstWords(alex, 2, 3, '1')
  const mark = essay(alex).locator('mark[data-hl]').first()
  await expect(mark).toHaveText(/^Shared bases, joint/)
  const highlightId = (await mark.getAttribute('data-hl'))!.split(' ')[0]!

  const bea = await joined(openBrowser(), BEA.email, group)
  await searchBox(bea).fill('shared bases')
  const options = bea.getByRole('listbox', { name: 'Suggestions' }).getByRole('option')
  await expect(options.filter({ hasText: /^Highlight/ })).toHaveCount(1, SLOW)
  await expect(options.filter({ hasText: /^Source/ })).toHaveCount(1)
  // The matching words are marked in each suggestion.
  await expect(options.first().locator('mark').first()).toHaveText(/^(shared|bases)$/i)
  // Arrow down to the highlight, Enter opens it.
  const texts = await options.allInnerTexts()
  const at = texts.findIndex((text) => text.startsWith('Highlight'))
  for (let i = 0; i <= at; i++) await searchBox(bea).press('ArrowDown')
  await expect(options.nth(at)).toHaveAttribute('aria-selected', 'true')
  await searchBox(bea).press('Enter')
  await expect(bea).toHaveURL(new RegExp(`\\?highlight=${highlightId}$`), SLOW)
  const landed = essay(bea).locator(`mark[data-hl~="${highlightId}"]`)
  await expect(landed).toBeInViewport(SLOW)
})

test('a Japanese query finds its paragraph, marked, and opens the essay there', async ({ openBrowser }) => {
  const naomi = await signedIn(openBrowser(), INSTRUCTOR.email)
  await createGroup(naomi, `検索ゼミ ${runId}`)
  await naomi.getByRole('link', { name: 'Add source' }).click()
  await naomi.getByLabel('Text', { exact: true }).fill(JAPANESE)
  await naomi.getByLabel('Title', { exact: true }).fill(JAPANESE_TITLE)
  await naomi.getByRole('button', { name: 'Add source' }).click()
  await expect(naomi.getByRole('heading', { level: 1, name: JAPANESE_TITLE })).toBeVisible(SLOW)

  // From the reader's own search box, Enter opens the results page.
  await searchBox(naomi).fill('普天間')
  await searchBox(naomi).press('Enter')
  await expect(naomi).toHaveURL(/\/search\?q=%E6%99%AE%E5%A4%A9%E9%96%93$/, SLOW)
  const results = naomi.getByRole('list', { name: 'Search results' })
  const first = results.getByRole('link').first()
  await expect(first).toContainText(JAPANESE_TITLE)
  await expect(first.locator('mark')).toHaveText(['普天間'])
  await first.click()
  await expect(naomi).toHaveURL(/#p\d+$/, SLOW)
  const paragraph = essay(naomi).locator(`#${new URL(naomi.url()).hash.slice(1)}`)
  await expect(paragraph).toContainText('普天間飛行場')
  await expect(paragraph).toBeInViewport()
})

test('the search box says so when the app refuses a search, and shows no stale suggestions', async ({
  openBrowser,
}) => {
  const naomi = await signedIn(openBrowser(), INSTRUCTOR.email)
  const group = await createGroup(naomi, `Busy search ${runId}`)
  await addEssay(naomi)
  // An account of its own: its searches for the minute are spent here, nobody else's.
  const sam = await signedUp(openBrowser(), newAccount('searcher', 'Sam Searcher'))
  await joinWithCode(sam, group)
  await searchBox(sam).fill('bases')
  await expect(sam.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first()).toBeVisible(SLOW)

  // The results page counts against the same per-account limit as the box (120 a minute).
  const results = `${new URL(group.url).pathname}/search?q=alliance`
  let refused = false
  for (let i = 0; i < 130 && !refused; i++) {
    const page = await sam.request.get(results)
    expect(page.status()).toBe(200)
    refused = (await page.text()).includes('Too many searches were made')
  }
  expect(refused, 'the results page refuses once the minute’s searches are spent').toBe(true)

  await searchBox(sam).fill('joint exercises')
  const said = sam.getByRole('status').filter({ hasText: 'Too many searches were made' })
  await expect(said).toBeVisible(SLOW)
  await expect(sam.getByRole('listbox', { name: 'Suggestions' })).toBeHidden()
  await searchBox(sam).fill('')
  await expect(said).toBeHidden()
})
