// Accounts, seminars and probes for the web security journeys: every account and group is new for
// the run, so these specs share no state with the demo seminar the other journeys use.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, type APIResponse, type Page } from '@playwright/test'
import { SLOW } from './seminar'

export const runId = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`
export const PASSWORD = 'web-security-pass'
export { SLOW }

/** Script payloads as people could type them into any field. None may ever run. */
export const PAYLOAD = {
  script: '<script>window.__xss=1</script>',
  img: '<img src=x onerror="window.__xss=1">',
  svg: '"><svg onload=window.__xss=1>',
  jsUrl: 'javascript:window.__xss=1',
}

export type Account = { name: string; email: string }

export function newAccount(label: string, name: string): Account {
  return { name, email: `${label}-${runId}@web-security.test` }
}

/** Creates the account through the sign-up form, which signs straight in and lands on the dashboard. */
export async function signUp(page: Page, account: Account) {
  await page.goto('/sign-up')
  await page.getByLabel('Name').fill(account.name)
  await page.getByLabel('Email').fill(account.email)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page).toHaveURL('/dashboard', SLOW)
}

/** Signs a new account up in the given page and hands the page back. */
export async function signedUp(page: Promise<Page>, account: Account) {
  await signUp(await page, account)
  return page
}

/** Signs a new account up in the given page, then clears its cookies: an account that exists, in a signed-out browser. */
export async function signedUpAndOut(page: Promise<Page>, account: Account) {
  const p = await signedUp(page, account)
  await p.context().clearCookies()
  return p
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-in')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** From the dashboard: creates a group and returns its id, URL and join code. */
export async function createGroup(page: Page, name: string) {
  const form = page.getByRole('region', { name: 'Create a group' })
  await form.getByLabel('Group name').fill(name)
  await form.getByRole('button', { name: 'Create group' }).click()
  await expect(page).toHaveURL(/\/groups\/[^/]+$/, SLOW)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
  const code = (await page.getByTestId('join-code').innerText()).trim()
  return { id: new URL(page.url()).pathname.split('/')[2]!, url: page.url(), code, name }
}
export type Group = Awaited<ReturnType<typeof createGroup>>

/** From the group page: pastes a source with the given title and returns its id and reader URL. */
export async function addSource(page: Page, title: string, text: string) {
  await page.getByRole('link', { name: 'Add source' }).click()
  await expect(page.getByRole('heading', { name: 'Add a source' })).toBeVisible()
  await page.getByLabel('Text', { exact: true }).fill(text)
  await page.getByLabel('Title', { exact: true }).fill(title)
  await page.getByRole('button', { name: 'Add source' }).click()
  await expect(page).toHaveURL(/\/groups\/[^/]+\/sources\/(?!new$)[^/]+$/, SLOW)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  return { id: new URL(page.url()).pathname.split('/')[4]!, url: page.url() }
}

export async function joinWithCode(page: Page, group: Group) {
  const form = page.getByRole('region', { name: 'Join a group' })
  await form.getByLabel('Join code').fill(group.code)
  await form.getByRole('button', { name: 'Join group' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(group.name, SLOW)
}

/**
 * Records every dialog (alert, confirm, prompt) a page opens: a payload that ran would most
 * likely call one. Dialogs the test expects are answered by `answer`.
 */
export function watchDialogs(page: Page, answer: (message: string) => string | null = () => null) {
  const unexpected: string[] = []
  page.on('dialog', async (dialog) => {
    const reply = answer(dialog.message())
    if (reply === null) {
      unexpected.push(`${dialog.type()}: ${dialog.message()}`)
      await dialog.dismiss()
    } else {
      await dialog.accept(reply)
    }
  })
  return unexpected
}

/** Nothing a user typed ran or became markup: no flag set, no injected element, no script link. */
export async function expectInert(page: Page) {
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
    `window.__xss on ${page.url()}`,
  ).toBeUndefined()
  await expect(page.locator('img[src="x"], [onerror], [onload], svg[onload]')).toHaveCount(0)
  await expect(
    page.locator(
      'a[href^="javascript:" i], [href^="javascript:" i], [src^="javascript:" i], [action^="javascript:" i]',
    ),
  ).toHaveCount(0)
  await expect(page.locator('script:not([src])').filter({ hasText: '__xss' })).toHaveCount(0)
}

/** The text of a PDF as poppler's pdftotext reads it. */
export function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'colloquy-pdf-'))
  try {
    const file = join(dir, 'export.pdf')
    writeFileSync(file, bytes)
    execFileSync('pdftotext', ['-enc', 'UTF-8', file, join(dir, 'export.txt')])
    return readFileSync(join(dir, 'export.txt'), 'utf8')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Text compared without any whitespace, so line wrapping inside a box or a page does not matter. */
export const squeezed = (text: string) => text.replace(/\s+/g, '')

/** PDF name objects that run code or act on opening; a PDF drawn from user text must have none. */
export const PDF_ACTIONS = /\/(?:JavaScript|JS|Launch|OpenAction|AA|SubmitForm|ImportData|RichMedia)(?![A-Za-z])/

/** A download as the app must send it: an attachment that no cache keeps. */
export function expectPrivateAttachment(response: APIResponse, what = response.url()) {
  const headers = response.headers()
  expect(response.status(), what).toBe(200)
  expect(headers['content-disposition'], what).toMatch(/^attachment; filename="[^"]+"$/)
  expect(headers['cache-control'], what).toBe('private, no-store')
  expect(headers['x-content-type-options'], what).toBe('nosniff')
}

/** The id of a server action, from the production build's manifest. */
export function serverActionId(exportedName: string, file: string): string {
  const manifest = JSON.parse(
    readFileSync(join(process.cwd(), '.next/server/server-reference-manifest.json'), 'utf8'),
  ) as {
    node: Record<string, { exportedName?: string; filename?: string }>
  }
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.exportedName === exportedName && entry.filename?.endsWith(file),
  )
  if (!found) throw new Error(`No server action ${exportedName} of ${file} in the build's manifest.`)
  return found[0]
}
