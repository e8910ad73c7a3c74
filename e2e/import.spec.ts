// Importing sources: an instructor uploads a web page full of furniture and a two-column journal
// PDF, checks the preview (the kept text as the reader will number it, beside what was set aside
// and why), changes the importer's mind on two blocks, and reads the result. Then hostile files
// go through the real upload route while the health check keeps answering.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type APIRequestContext, type Page } from '@playwright/test'
import { journalPdf, manyPagesPdf, zipBomb } from '../tests/fixtures/import/build'
import { test } from './support/browsers'
import { DEMO_GROUP, INSTRUCTOR, SLOW, signedIn } from './support/seminar'

const FIXTURES = join('tests', 'fixtures', 'import')
const SHOTS = 'test-results/import'

async function openNewSource(page: Page) {
  await page.getByRole('link', { name: DEMO_GROUP }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: DEMO_GROUP })).toBeVisible(SLOW)
  const groupId = new URL(page.url()).pathname.split('/')[2]!
  await page.getByRole('link', { name: 'Add source' }).click()
  await expect(page.getByRole('heading', { name: 'Add a source' })).toBeVisible()
  return groupId
}

const upload = (page: Page, name: string, buffer: Buffer, mimeType: string) =>
  page.locator('input[type=file]').setInputFiles({ name, mimeType, buffer })

/** The demo instructor reads a file into the new-source form; the control names the file it read. */
async function importFile(openBrowser: () => Promise<Page>, name: string, buffer: Buffer, mimeType: string) {
  const page = await signedIn(openBrowser(), INSTRUCTOR.email)
  await openNewSource(page)
  await upload(page, name, buffer, mimeType)
  await expect(page.getByTestId('imported-file')).toHaveText(name, SLOW)
  return page
}

test('an instructor imports a web page full of furniture, checks the preview and reads it numbered', async ({
  openBrowser,
}) => {
  test.slow()
  const page = await importFile(
    openBrowser,
    'federalist-10.html',
    readFileSync(join(FIXTURES, 'essay-page.html')),
    'text/html',
  )

  // The details are filled in from the page.
  await expect(page.getByText('No file chosen')).toHaveCount(0)
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('The Federalist No. 10')
  await expect(page.getByLabel('Author (optional)')).toHaveValue('James Madison')
  await expect(page.getByLabel('Year (optional)')).toHaveValue('1787')

  const preview = page.getByRole('region', { name: 'Import preview' })
  const kept = preview.getByRole('list', { name: 'Kept text, as the reader numbers it' }).getByRole('listitem')
  const setAside = preview.getByRole('list', { name: 'Blocks set aside' }).getByRole('listitem')
  await expect(preview).toContainText('4 paragraphs and 0 headings kept')
  await expect(kept.first()).toContainText('¶ 1')
  await expect(kept.first()).toContainText('Among the numerous advantages')
  const furniture: [string, string][] = [
    ['This site uses cookies', 'cookie or privacy notice'],
    ['Share: Facebook Twitter Email Print', 'share buttons'],
    ['Sponsored: Need help with your homework?', 'advertisement'],
    ['Federalist No. 51', 'links to other articles'],
    ['© 2026 Free Essays Online', 'page footer'],
    ['By James Madison, 1787', 'the byline (in the Author field)'],
  ]
  for (const [text, reason] of furniture) {
    await expect(setAside.filter({ hasText: text })).toContainText(reason)
  }
  await page.screenshot({ path: `${SHOTS}/preview-web-page.png`, fullPage: true })

  // Keep the sponsored box after all (it becomes ¶ 3), and leave out the last paragraph.
  await setAside.filter({ hasText: 'Sponsored: Need help' }).getByRole('checkbox').click()
  await expect(kept.nth(2)).toContainText('Sponsored: Need help')
  await expect(kept.nth(2)).toContainText('¶ 3')
  await preview.getByRole('button', { name: /^Leave out “The latent causes/ }).click()
  await expect(setAside.filter({ hasText: 'The latent causes' })).toContainText('left out by hand')
  await expect(preview).toContainText('4 paragraphs and 0 headings kept')

  await page.getByRole('button', { name: 'Add source' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'The Federalist No. 10' })).toBeVisible(SLOW)
  await expect(page.getByText('James Madison, 1787')).toBeVisible()
  const essay = page.getByRole('document', { name: /^Essay text/ })
  await expect(page.getByLabel('Paragraph 1', { exact: true })).toContainText('Among the numerous advantages')
  await expect(page.getByLabel('Paragraph 3', { exact: true })).toContainText('Sponsored: Need help')
  await expect(page.getByLabel('Paragraph 5', { exact: true })).toHaveCount(0)
  for (const furniture of ['cookies', 'Facebook', 'Federalist No. 51', 'Privacy', 'The latent causes'])
    await expect(essay).not.toContainText(furniture)
  await page.screenshot({ path: `${SHOTS}/reader-web-page.png`, fullPage: true })
})

test('a two-column journal PDF is read column by column, and the reader shows the page of each paragraph', async ({
  openBrowser,
}) => {
  test.slow()
  const page = await importFile(openBrowser, 'kennan.pdf', Buffer.from(await journalPdf()), 'application/pdf')
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Credible Commitments')
  await expect(page.getByLabel('Author (optional)')).toHaveValue('George Kennan')
  const preview = page.getByRole('region', { name: 'Import preview' })
  await expect(preview.getByRole('list', { name: 'Blocks set aside' })).toContainText('running head or footer')
  await page.screenshot({ path: `${SHOTS}/preview-pdf.png`, fullPage: true })
  await page.getByRole('button', { name: 'Add source' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Credible Commitments' })).toBeVisible(SLOW)
  await expect(page.getByLabel('Paragraph 1, page 1', { exact: true })).toContainText('keeping them. This article')
  await expect(page.getByLabel('Paragraph 2, page 1', { exact: true })).toContainText(
    'at once. Such forces are a hostage',
  )
  await expect(page.getByLabel('Paragraph 4, page 2', { exact: true })).toContainText('The two answers are not rivals')
  await expect(page.getByRole('document', { name: /^Essay text/ })).not.toContainText('JOURNAL OF ALLIANCE STUDIES')
  await page.screenshot({ path: `${SHOTS}/reader-pdf.png`, fullPage: true })
})

/** Times GET /api/health every 100 ms until stopped; resolves with every latency seen. */
function watchHealth(request: APIRequestContext) {
  const latencies: number[] = []
  let running = true
  const done = (async () => {
    while (running) {
      const started = Date.now()
      const response = await request.get('/api/health')
      latencies.push(response.ok() ? Date.now() - started : Number.POSITIVE_INFINITY)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return latencies
  })()
  return {
    stop: async () => {
      running = false
      return done
    },
  }
}

test('hostile files get a clear refusal in bounded time while the app keeps answering', async ({ openBrowser }) => {
  test.setTimeout(240_000)
  const page = await signedIn(openBrowser(), INSTRUCTOR.email)
  const groupId = await openNewSource(page)
  const depth = 20_000
  const hostile: [string, string, Buffer, string, number, RegExp][] = [
    [
      'a zip bomb (100 MB of zeros saying 1 KB)',
      'bomb.docx',
      Buffer.from(await zipBomb(100 * 1024 * 1024)),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      422,
      /too complex to import; paste the text instead/,
    ],
    [
      'HTML nested 20,000 deep',
      'nested.html',
      Buffer.from(`<html><body>${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}</body></html>`),
      'text/html',
      422,
      /too complex to import/,
    ],
    [
      'a 500-page PDF',
      'long.pdf',
      Buffer.from(await manyPagesPdf(500)),
      'application/pdf',
      422,
      /500 pages; Colloquy imports at most 300/,
    ],
    [
      'a zip that calls itself .html',
      'page.html',
      Buffer.from(await zipBomb(1024)),
      'text/html',
      400,
      /compressed archive, not HTML/,
    ],
    [
      'a program that calls itself .pdf',
      'essay.pdf',
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00'),
      'application/pdf',
      400,
      /is called a PDF but is not one/,
    ],
  ]
  const health = watchHealth(page.request)
  for (const [what, name, buffer, mimeType, status, message] of hostile) {
    const started = Date.now()
    const response = await page.request.post(`/api/groups/${groupId}/sources/extract`, {
      multipart: { file: { name, mimeType, buffer } },
      headers: { origin: new URL(page.url()).origin },
      timeout: 60_000,
    })
    const seconds = (Date.now() - started) / 1000
    expect(response.status(), what).toBe(status)
    expect((await response.json()).error, what).toMatch(message)
    expect(seconds, `${what} answered in ${seconds} s`).toBeLessThan(20)
  }
  // A 5 MB text file of one line: refused as longer than a source may be, in bounded time.
  const line = 'word '.repeat(1_000_000)
  const started = Date.now()
  const response = await page.request.post(`/api/groups/${groupId}/sources/extract`, {
    multipart: { file: { name: 'one-line.txt', mimeType: 'text/plain', buffer: Buffer.from(line) } },
    headers: { origin: new URL(page.url()).origin },
  })
  expect(response.status()).toBe(400)
  expect((await response.json()).error).toContain('more text than one source may')
  expect((Date.now() - started) / 1000).toBeLessThan(20)

  const latencies = (await health.stop()).sort((a, b) => a - b)
  const worst = latencies.at(-1)!
  const p90 = latencies[Math.floor(latencies.length * 0.9)]!
  console.log(`health during the attack: ${latencies.length} checks, p90 ${p90} ms, worst ${worst} ms`)
  // The checks run one after another every 100 ms: a quick attack (the refusals take a second or
  // two) still sees a few, and a health check stuck behind a parse would show in the worst latency.
  expect(latencies.length).toBeGreaterThanOrEqual(3)
  expect(p90, 'GET /api/health p90 during the attack (ms)').toBeLessThan(1_000)
  expect(worst, 'GET /api/health worst during the attack (ms)').toBeLessThan(3_000)
  expect((await page.request.get('/api/health')).status()).toBe(200)
})
