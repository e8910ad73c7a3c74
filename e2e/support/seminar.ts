// What the journeys share: the demo accounts, fresh accounts for one run, the essay pasted as a
// fresh source, and the steps every journey takes to get there (sign up or in, create or join a
// group, add the essay).
import { expect, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'seminar-demo'
export const DEMO_GROUP = 'US–Japan Alliance Seminar'
export const ALEX = { name: 'Alex Rivera', email: 'alex@colloquy.test' }
export const BEA = { name: 'Bea Tanaka', email: 'bea@colloquy.test' }
export const CHRIS = { name: 'Chris Okafor', email: 'chris@colloquy.test' }
export const INSTRUCTOR = { name: 'Dr. Naomi Sato', email: 'instructor@colloquy.test' }

export const ESSAY_TITLE = 'Why Alliances Outlast Their Founding Threats'
export const ESSAY = [
  ESSAY_TITLE,
  'Alliances are usually founded against a single threat, yet many of them survive long after that threat has faded. The reason is that an alliance, once built, becomes a set of habits, institutions and expectations that neither partner wants to abandon lightly.',
  'Shared bases, joint exercises and common procurement make cooperation cheaper every year. Each partner also fears the cost of being seen as unreliable, which keeps both at the table when their interests drift apart.',
  'Critics answer that such inertia hides real disagreements. When those disagreements surface in a crisis, the alliance may prove weaker than its long record suggests.',
].join('\n\n')

// Generous waits for steps that hash a password or run a server action on a busy two-core machine.
export const SLOW = { timeout: 30_000 }

// Every run gets fresh people, so the suite can run again against a server that is still up.
export const runId = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`
/** The password of every account a journey signs up. */
export const NEW_PASSWORD = 'correct-horse-battery'
export const person = (name: string) => ({
  name,
  email: `${name.toLowerCase().replace(/\W+/g, '.')}.${runId}@e2e.test`,
})
export type Person = ReturnType<typeof person>

/** Creates the account through the sign-up form, which signs straight in and lands on the dashboard. */
export async function signUp(page: Page, who: Person) {
  await page.goto('/sign-up')
  await page.getByLabel('Name', { exact: true }).fill(who.name)
  await page.getByLabel('Email').fill(who.email)
  await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page).toHaveURL(/\/dashboard$/, SLOW)
  await expect(page.getByRole('heading', { name: 'My groups' })).toBeVisible()
}

/** Signs a new person up in the given page and hands the page back. */
export async function signedUp(page: Promise<Page>, who: Person) {
  await signUp(await page, who)
  return page
}

/** A new person signs up in `page` and opens a group, named `name` for this run, as its instructor. */
export async function ownGroup(page: Promise<Page>, who: Person, name: string) {
  const teacher = await signedUp(page, who)
  const group = await createGroup(teacher, `${name} ${runId}`)
  return { teacher, group }
}

/** Signs a demo account in and lands on the dashboard. */
export async function signedIn(page: Promise<Page>, email: string) {
  const p = await page
  await p.goto('/sign-in')
  await p.getByLabel('Email').fill(email)
  await p.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
  await p.getByRole('button', { name: 'Sign in' }).click()
  await expect(p).toHaveURL('/dashboard', SLOW)
  return p
}

/** From the dashboard: creates a group and returns its URL and join code as displayed (XXXX-XXXX). */
export async function createGroup(page: Page, name: string) {
  const form = page.getByRole('region', { name: 'Create a group' })
  await form.getByLabel('Group name').fill(name)
  await form.getByRole('button', { name: 'Create group' }).click()
  await expect(page).toHaveURL(/\/groups\/[^/]+$/, SLOW)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  const code = (await page.getByTestId('join-code').innerText()).trim()
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
  return { url: page.url(), code, name }
}

/** From the group page: pastes the essay as a new source and returns the reader's URL. */
export async function addEssay(page: Page) {
  await page.getByRole('link', { name: 'Add source' }).click()
  await expect(page.getByRole('heading', { name: 'Add a source' })).toBeVisible()
  await page.getByLabel('Text', { exact: true }).fill(ESSAY)
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(ESSAY_TITLE)
  await page.getByRole('button', { name: 'Add source' }).click()
  await expect(page.getByRole('heading', { level: 1, name: ESSAY_TITLE })).toBeVisible(SLOW)
  await expect(page).toHaveURL(/\/groups\/[^/]+\/sources\/(?!new$)[^/]+$/)
  return page.url()
}

/** From the dashboard: joins a group with a code and lands on the group page. */
export async function joinWithCode(page: Page, group: Group) {
  const form = page.getByRole('region', { name: 'Join a group' })
  await form.getByLabel('Join code').fill(group.code)
  await form.getByRole('button', { name: 'Join group' }).click()
  await expect(page).toHaveURL(/\/groups\/[^/]+$/, SLOW)
  await expect(page.getByRole('heading', { level: 1, name: group.name })).toBeVisible(SLOW)
}

/** Signs a demo student in and joins the seminar. */
export async function joined(page: Promise<Page>, email: string, group: Group) {
  const p = await signedIn(page, email)
  await joinWithCode(p, group)
  return p
}

/** The demo instructor opens a seminar of its own, named for this run, with the short essay in it. */
export async function newSeminar(openBrowser: () => Promise<Page>, name: string) {
  const teacher = await signedIn(openBrowser(), INSTRUCTOR.email)
  const group = await createGroup(teacher, `${name} ${runId}`)
  const essayUrl = await addEssay(teacher)
  return { teacher, group, essayUrl }
}

/** Accepts every confirm dialog on the page and keeps its message for the test to check. */
export function acceptDialogs(page: Page) {
  const messages: string[] = []
  page.on('dialog', async (dialog) => {
    messages.push(dialog.message())
    await dialog.accept()
  })
  return messages
}

/** On the group's review page: sets a rubric of two criteria (5 and 3 points) and returns its region. */
export async function saveTwoCriteriaRubric(page: Page) {
  const rubric = page.getByRole('region', { name: 'Rubric for scoring maps' })
  await rubric.getByRole('button', { name: 'Add criterion' }).click()
  await rubric.getByLabel('Criterion 1 name').fill('Uses evidence')
  await rubric.getByLabel('Criterion 1 points').fill('5')
  await rubric.getByRole('button', { name: 'Add criterion' }).click()
  await rubric.getByLabel('Criterion 2 name').fill('Clear structure')
  await rubric.getByLabel('Criterion 2 points').fill('3')
  await rubric.getByRole('button', { name: 'Save rubric' }).click()
  await expect(rubric.getByRole('status')).toHaveText('Rubric saved.', SLOW)
  return rubric
}

export type Group = Awaited<ReturnType<typeof createGroup>>
