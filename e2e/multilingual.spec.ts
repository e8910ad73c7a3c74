// A seminar in every script: an essay of Japanese, Chinese, Arabic, Hebrew, Korean, Devanagari
// and emoji passages (tests/fixtures/multilingual-essay.txt, public-domain texts) is pasted,
// read right to left where it is Arabic or Hebrew, highlighted with the keyboard in Japanese and
// Arabic, noted, mapped, and exported: the PDF's text holds the quotes in reading order, and the
// PDF and PNG are kept for a person to look at (multilingual-map.pdf / .png in the test's output).
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { expect, type Download, type Page } from '@playwright/test'
import { test } from './support/browsers'
import { essay, tagToolbar } from './support/reading'
import { canvas, nodes, passagePanel, tools } from './support/map-editor'
import { ALEX, INSTRUCTOR, SLOW, createGroup, joined, signedIn } from './support/seminar'

test.use({ viewport: { width: 1440, height: 900 } })

const runId = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`
const ESSAY = readFileSync(new URL('../tests/fixtures/multilingual-essay.txt', import.meta.url), 'utf8').trim()
const TITLE = ESSAY.split('\n')[0]!

const selected = (page: Page) => page.getByRole('region', { name: 'Selected highlight' })

/** Bidi marks pdftotext puts around right-to-left text, and all whitespace, out: what is left is the reading order. */
const plain = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\s]/g, '')

async function downloaded(download: Download): Promise<Buffer> {
  expect(await download.failure()).toBeNull()
  return readFileSync((await download.path())!)
}

/** The reader's blocks (headings and paragraphs) in order: what ArrowDown steps through. */
const blocks = (page: Page) => essay(page).locator('[data-start]')

/** How many ArrowDowns take the cursor from where it starts (the first paragraph) to the block holding `text`. */
async function stepsTo(page: Page, text: string): Promise<number> {
  const kinds = await blocks(page).evaluateAll((all) =>
    all.map((el) => ({ tag: el.tagName, text: el.textContent ?? '' })),
  )
  const target = kinds.findIndex((b) => b.text.includes(text))
  const first = kinds.findIndex((b) => b.tag === 'P')
  expect(target).toBeGreaterThanOrEqual(first)
  return target - first
}

/** Puts the keyboard cursor at the start of the block holding `text`, selects with `keys`, tags with `tag`, returns the quote. */
async function tagByKeyboard(page: Page, text: string, keys: string[], tag: '1' | '2' | '3') {
  const steps = await stepsTo(page, text)
  await essay(page).focus()
  await page.keyboard.press('Control+Home')
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Home')
  for (const key of keys) await page.keyboard.press(key)
  const chosen = await page.evaluate(() => window.getSelection()?.toString() ?? '')
  await expect(tagToolbar(page).getByText(/^\d+ chars$/)).toHaveText(`${chosen.length} chars`)
  await page.keyboard.press(tag)
  await expect(tagToolbar(page)).toBeHidden(SLOW)
  return chosen
}

test('a seminar reads, highlights, notes and maps Japanese and Arabic passages, and exports them in reading order', async ({
  openBrowser,
}, testInfo) => {
  test.slow()
  const teacher = await signedIn(openBrowser(), INSTRUCTOR.email)
  const group = await createGroup(teacher, `Scripts seminar ${runId}`)

  // The instructor pastes the essay; the importer finds its title.
  await teacher.getByRole('link', { name: 'Add source' }).click()
  await teacher.getByLabel('Text', { exact: true }).fill(ESSAY)
  await expect(teacher.getByLabel('Title', { exact: true })).toHaveValue(TITLE)
  await teacher.getByRole('button', { name: 'Add source' }).click()
  await expect(teacher.getByRole('heading', { level: 1, name: TITLE })).toBeVisible(SLOW)
  const essayUrl = teacher.url()

  const alex = await joined(openBrowser(), ALEX.email, group)
  await alex.goto(essayUrl)
  await expect(essay(alex)).toBeVisible()

  // Arabic and Hebrew paragraphs are laid out right to left, the others left to right.
  const direction = (text: string) =>
    blocks(alex)
      .filter({ hasText: text })
      .evaluate((block) => getComputedStyle(block).direction)
  expect(await direction('الاجتماع الإنساني')).toBe('rtl')
  expect(await direction('ולא ילמדו')).toBe('rtl')
  expect(await direction('第九条')).toBe('ltr')

  // Japanese, with the keyboard: Ctrl+Shift+→ moves by Japanese words, which have no spaces between them.
  const japanese = await tagByKeyboard(
    alex,
    '第九条',
    ['Control+Shift+ArrowRight', 'Control+Shift+ArrowRight', 'Control+Shift+ArrowRight'],
    '1',
  )
  const article9Text = await blocks(alex).filter({ hasText: '第九条' }).innerText()
  expect(article9Text.startsWith(japanese)).toBe(true)
  // Three words, not three runs of letters up to punctuation ("第九条　日本国民は、…").
  expect(japanese.length).toBeGreaterThan(2)
  expect(japanese.length).toBeLessThan('第九条　日本国民は'.length)
  const jaDetail = selected(alex).getByRole('article', { name: `Claim by ${ALEX.name}` })
  await expect(jaDetail.locator('blockquote')).toHaveText(japanese)

  // A note on it, in Japanese.
  const noteSection = jaDetail.getByRole('region', { name: 'Note', exact: true })
  await noteSection.getByRole('button', { name: 'Add a note' }).click()
  await noteSection.getByRole('textbox', { name: 'Note', exact: true }).click()
  await alex.keyboard.type('戦争の放棄 — 第九条の核心 🕊️')
  await noteSection.getByRole('button', { name: 'Save note' }).click()
  await expect(noteSection).toContainText('戦争の放棄 — 第九条の核心 🕊️', SLOW)

  // Arabic, with the keyboard: in a right-to-left paragraph, ← reads on (the next word).
  const arabicParagraph = Number(
    (await essay(alex).locator('p', { hasText: 'الاجتماع الإنساني' }).getAttribute('id'))!.slice(1),
  )
  const arabic = await tagByKeyboard(
    alex,
    'الاجتماع الإنساني',
    ['Control+Shift+ArrowLeft', 'Control+Shift+ArrowLeft', 'Control+Shift+ArrowLeft'],
    '2',
  )
  expect(arabic).toBe('إن الاجتماع الإنساني')
  await expect(
    selected(alex)
      .getByRole('article', { name: `Evidence by ${ALEX.name}` })
      .locator('blockquote'),
  ).toHaveText(arabic)
  // The highlight list isolates the quote from what surrounds it.
  await expect(
    alex.getByRole('complementary', { name: 'Highlights' }).locator('bdi', { hasText: arabic }),
  ).toBeVisible()

  // A map citing both passages, with a note in Arabic of its own.
  await alex.goto(`${group.url}/maps`)
  const form = alex.getByRole('region', { name: 'New map' })
  const title = `平和と同盟 🤝 ${runId}`
  await form.getByLabel('Map title').fill(title)
  await form.getByRole('button', { name: 'Create map' }).click()
  await expect(alex.getByRole('heading', { level: 1, name: title })).toBeVisible(SLOW)
  await passagePanel(alex)
    .getByRole('button', { name: /^Add to map: Claim/ })
    .click()
  await expect(nodes(alex)).toHaveCount(1)
  await passagePanel(alex)
    .getByRole('button', { name: /^Add to map: Evidence/ })
    .click()
  await expect(nodes(alex)).toHaveCount(2)
  const arabicNote = 'السلام أساس التحالف'
  await tools(alex).getByRole('button', { name: '✎ Add note (N)' }).click()
  await expect(canvas(alex).getByRole('textbox', { name: 'Node text' })).toBeFocused()
  await alex.keyboard.type(arabicNote)
  await alex.keyboard.press('Enter')
  await expect(nodes(alex).filter({ hasText: arabicNote })).toBeVisible()
  await expect(nodes(alex).filter({ hasText: arabicNote }).locator('p[dir="auto"]')).toHaveCSS('direction', 'rtl')
  await tools(alex).getByRole('button', { name: 'Auto-layout (L)' }).click()
  await expect(tools(alex).getByText(/^All changes saved · revision \d+$/)).toBeVisible(SLOW)

  // PDF: every quote and the note are there, in reading order; the PNG is drawn.
  const exportGroup = alex.getByRole('group', { name: 'Export this map' })
  const exportMenu = alex.getByRole('button', { name: 'Export ▾' })
  await exportMenu.click()
  const [pdfDownload] = await Promise.all([
    alex.waitForEvent('download'),
    exportGroup.getByRole('link', { name: /^PDF handout/ }).click(),
  ])
  const pdf = await downloaded(pdfDownload)
  const pdfFile = testInfo.outputPath('multilingual-map.pdf')
  writeFileSync(pdfFile, pdf)
  const text = plain(execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-']).toString('utf8'))
  for (const quote of [japanese, arabic, arabicNote, title.replace(runId, '')])
    expect(text, quote).toContain(plain(quote))
  const fonts = execFileSync('pdffonts', [pdfFile]).toString('utf8')
  expect(fonts).toMatch(/NotoSansJP/)
  expect(fonts).toMatch(/NotoNaskhArabic/)
  expect(fonts).toMatch(/NotoEmoji/)
  // Every font is a subset (the "yes yes yes" of emb, sub and uni) and the file stays small.
  for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line, line).toMatch(/yes\s+yes\s+yes/)
  expect(pdf.length).toBeLessThan(400_000)

  await exportMenu.click()
  const [pngDownload] = await Promise.all([
    alex.waitForEvent('download'),
    exportGroup.getByRole('link', { name: /^PNG picture/ }).click(),
  ])
  const png = await downloaded(pngDownload)
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  writeFileSync(testInfo.outputPath('multilingual-map.png'), png)

  // The instructor's review lists the most cited passages, the Arabic one isolated from its paragraph number.
  await teacher.goto(`${group.url}/review`)
  const cited = teacher.getByRole('link', { name: new RegExp(arabic) })
  await expect(cited.locator('bdi')).toHaveText(arabic, SLOW)
  await expect(cited).toContainText(`¶${arabicParagraph}`)
})

test('the longest source the app allows saves in Japanese, and a longer one gets the app’s own message', async ({
  openBrowser,
}) => {
  test.slow()
  const teacher = await signedIn(openBrowser(), INSTRUCTOR.email)
  await createGroup(teacher, `Long sources ${runId}`)
  await teacher.getByRole('link', { name: 'Add source' }).click()
  // 500,000 characters, 1.5 MB as UTF-8: more than Next's default 1 MB body limit for server actions.
  const paragraph = `${'日本国民は、恒久の平和を念願し、人間相互の関係を支配する崇高な理想を深く自覚する。'.repeat(12)}`
  const longest = `長い資料 ${runId}\n\n${Array.from({ length: 2000 }, () => paragraph).join('\n\n')}`.slice(0, 500_000)
  expect(longest).toHaveLength(500_000)
  const box = teacher.getByLabel('Text', { exact: true })

  await box.fill(`${longest}。`)
  await teacher.getByRole('button', { name: 'Add source' }).click()
  await expect(teacher.getByRole('alert').first()).toContainText('A source can have at most 500,000 characters.')

  await box.fill(longest)
  await teacher.getByRole('button', { name: 'Add source' }).click()
  await expect(teacher.getByRole('heading', { level: 1, name: `長い資料 ${runId}` })).toBeVisible({ timeout: 60_000 })
})
