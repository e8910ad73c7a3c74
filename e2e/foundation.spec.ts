// The foundation journeys: accounts, groups, join codes, members, a first source, and who may see what.
import { expect, type Page } from '@playwright/test'
import { test } from './support/browsers'
import {
  NEW_PASSWORD as PASSWORD,
  SLOW,
  acceptDialogs,
  createGroup,
  joinWithCode,
  ownGroup,
  person,
  runId,
  signUp,
  signedUp,
} from './support/seminar'

const ESSAY_TITLE = 'Why Alliances Outlast Their Founding Threats'
const ESSAY = [
  ESSAY_TITLE,
  'Alliances are usually founded against a single threat, yet many of them survive long after that threat has faded. The reason is that an alliance, once built, becomes a set of habits, institutions and expectations that neither partner wants to abandon lightly.',
  'Order now',
  'Shared bases, joint exercises and common procurement make cooperation cheaper every year. Each partner also fears the cost of being seen as unreliable, which keeps both at the table when their interests drift apart.',
  'Critics answer that such inertia hides real disagreements. When those disagreements surface in a crisis, the alliance may prove weaker than its long record suggests.',
].join('\n\n')

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** From the group page: opens "Add source" and pastes the essay; the import preview appears. */
async function pasteEssay(page: Page) {
  await page.getByRole('link', { name: 'Add source' }).click()
  await expect(page.getByRole('heading', { name: 'Add a source' })).toBeVisible()
  await page.getByLabel('Text', { exact: true }).fill(ESSAY)
  // The importer suggests the first line as the title.
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(ESSAY_TITLE)
}

/** Submits the pasted essay and returns the reader's URL. */
async function submitEssay(page: Page) {
  await page.getByRole('button', { name: 'Add source' }).click()
  await expect(page.getByRole('heading', { level: 1, name: ESSAY_TITLE })).toBeVisible(SLOW)
  await expect(page).toHaveURL(/\/groups\/[^/]+\/sources\/(?!new$)[^/]+$/)
  return page.url()
}

const member = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Members' }).getByRole('listitem').filter({ hasText: name })

test('an instructor signs up, creates a group, and a student joins it by code', async ({ openBrowser }) => {
  test.slow()
  const instructor = person('Ingrid Instructor')
  const student = person('Sam Student')
  const groupName = `Alliance politics ${runId}`

  const teacher = await signedUp(openBrowser(), instructor)
  const group = await createGroup(teacher, groupName)

  await pasteEssay(teacher)
  const preview = teacher.getByRole('region', { name: 'Import preview' })
  await expect(preview).toContainText('3 paragraphs and 1 heading kept · 1 block set aside')
  const junk = preview.getByRole('list', { name: 'Blocks set aside' }).getByRole('listitem')
  await expect(junk).toHaveCount(1)
  await expect(junk).toContainText('Order now')
  await expect(junk).toContainText('a button or menu label')
  await expect(preview.getByRole('checkbox', { name: /Order now/ })).not.toBeChecked()
  const essayUrl = await submitEssay(teacher)

  const learner = await signedUp(openBrowser(), student)
  await joinWithCode(learner, group)
  await expect(learner).toHaveURL(group.url)
  await expect(learner.getByText('Student in')).toBeVisible()
  // Students do not see the instructor's invite tools.
  await expect(learner.getByTestId('join-code')).toHaveCount(0)

  await teacher.goto(group.url)
  for (const page of [teacher, learner]) {
    await expect(page.getByRole('list', { name: 'Members' }).getByRole('listitem')).toHaveCount(2)
    await expect(member(page, instructor.name)).toContainText('Instructor')
    await expect(member(page, student.name)).toContainText('Student')
  }

  await learner.getByRole('link', { name: ESSAY_TITLE }).click()
  await expect(learner).toHaveURL(essayUrl)
  await expect(learner.getByRole('heading', { level: 1, name: ESSAY_TITLE })).toBeVisible()
  await expect(learner.getByText('3 paragraphs')).toBeVisible()
  await expect(learner.getByLabel('Paragraph 1', { exact: true })).toContainText('Alliances are usually founded')
  await expect(learner.getByLabel('Paragraph 2', { exact: true })).toContainText('Shared bases, joint exercises')
  await expect(learner.getByLabel('Paragraph 3', { exact: true })).toContainText('Critics answer')
  await expect(learner.getByLabel('Paragraph 4', { exact: true })).toHaveCount(0)
  await expect(learner.getByRole('document', { name: /^Essay text/ })).not.toContainText('Order now')
})

test('an outsider is refused', async ({ openBrowser }) => {
  test.slow()
  const { teacher, group } = await ownGroup(openBrowser(), person('Olga Owner'), 'Closed seminar')
  await pasteEssay(teacher)
  const essayUrl = await submitEssay(teacher)

  const outsider = await signedUp(openBrowser(), person('Otto Outsider'))
  for (const url of [group.url, essayUrl]) {
    const response = await outsider.goto(url)
    expect(response?.status()).toBe(404)
    await expect(outsider.getByRole('heading', { name: 'Not found' })).toBeVisible()
    await expect(outsider.getByText(ESSAY_TITLE)).toHaveCount(0)
    await expect(outsider.getByText('Alliances are usually founded')).toHaveCount(0)
    await expect(outsider.getByText(group.name)).toHaveCount(0)
    await expect(outsider.getByTestId('join-code')).toHaveCount(0)
  }

  const signedOut = await openBrowser()
  for (const path of ['/dashboard', new URL(group.url).pathname, new URL(essayUrl).pathname]) {
    await signedOut.goto(path)
    await expect(signedOut).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(path)}`)
    await expect(signedOut.getByRole('heading', { name: 'Sign in to Colloquy' })).toBeVisible()
    await expect(signedOut.getByText('Please sign in to continue.')).toBeVisible()
    await expect(signedOut.getByText(ESSAY_TITLE)).toHaveCount(0)
  }
})

test('sign-in errors are clear', async ({ page }) => {
  const reader = person('Rita Reader')
  await signUp(page, reader)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL('/', SLOW)
  await expect(page.getByRole('heading', { name: 'Read together. Argue better.' })).toBeVisible()

  const formAlert = page.getByRole('main').getByRole('alert')
  await page.goto('/sign-in')
  await signIn(page, reader.email, 'not-the-password')
  await expect(formAlert).toHaveText('Wrong email or password.', SLOW)
  await expect(page).toHaveURL('/sign-in')

  await page.goto('/sign-in')
  await signIn(page, `nobody.${runId}@e2e.test`, PASSWORD)
  await expect(formAlert).toHaveText('Wrong email or password.', SLOW)
  await expect(page).toHaveURL('/sign-in')

  await page.goto('/sign-up')
  await page.getByLabel('Name', { exact: true }).fill('Shorty')
  await page.getByLabel('Email').fill(person('Shorty').email)
  await page.getByLabel('Password', { exact: true }).fill('short')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(formAlert).toHaveText('Use at least 10 characters for your password.', SLOW)
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/Use at least 10 characters/)
  await expect(page).toHaveURL('/sign-up')

  await page.goto('/sign-up')
  await page.getByLabel('Name', { exact: true }).fill('Rita Again')
  await page.getByLabel('Email').fill(reader.email)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  // Sign-up does not say the email is taken; the owner's own password then simply signs them in.
  await expect(page).toHaveURL('/dashboard', SLOW)
  await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(`Signed in as ${reader.name}`)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL('/', SLOW)

  await page.goto('/sign-in')
  await signIn(page, reader.email, PASSWORD)
  await expect(page).toHaveURL('/dashboard', SLOW)
  await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(`Signed in as ${reader.name}`)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL('/', SLOW)
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible()
})

test('the invite link works', async ({ openBrowser }) => {
  test.slow()
  const { teacher, group } = await ownGroup(openBrowser(), person('Ivan Inviter'), 'Invited seminar')
  const inviteLink = await teacher.getByLabel('Invite link').inputValue()
  expect(inviteLink).toBe(`${new URL(group.url).origin}/join/${group.code.replace('-', '')}`)

  const guest = person('Gina Guest')
  await signedUp(openBrowser(), guest)

  const invitee = await openBrowser()
  const joinPath = new URL(inviteLink).pathname
  await invitee.goto(inviteLink)
  await expect(invitee).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(joinPath)}`)
  await signIn(invitee, guest.email, PASSWORD)
  await expect(invitee).toHaveURL(joinPath, SLOW)
  await expect(invitee.getByRole('heading', { name: 'Join a seminar group' })).toBeVisible()
  await invitee.getByRole('button', { name: 'Join group' }).click()
  await expect(invitee).toHaveURL(group.url, SLOW)
  await expect(invitee.getByRole('heading', { level: 1, name: group.name })).toBeVisible()
  await expect(member(invitee, guest.name)).toContainText('Student')

  const demo = await openBrowser()
  await demo.goto('/sign-in')
  await signIn(demo, 'instructor@colloquy.test', 'seminar-demo')
  await expect(demo).toHaveURL('/dashboard', SLOW)
  const seminar = demo.getByRole('link', { name: /US–Japan Alliance Seminar/ })
  await expect(seminar).toContainText('Instructor')
  await expect(seminar).toContainText('5 sources')
  await seminar.click()
  await expect(demo.getByRole('heading', { level: 1, name: 'US–Japan Alliance Seminar' })).toBeVisible(SLOW)
  await expect(demo.getByRole('region', { name: 'Sources' }).getByRole('listitem')).toHaveCount(5)
})

test('an instructor rotates the code and removes a member', async ({ openBrowser }) => {
  test.slow()
  const early = person('Eli Early')
  const late = person('Lena Late')
  const { teacher, group } = await ownGroup(openBrowser(), person('Rosa Rotator'), 'Rotating seminar')

  const earlyPage = await signedUp(openBrowser(), early)
  await joinWithCode(earlyPage, group)

  const confirmations = acceptDialogs(teacher)
  await teacher.getByRole('button', { name: 'New code' }).click()
  await expect(teacher.getByTestId('join-code')).not.toHaveText(group.code, SLOW)
  expect(confirmations).toEqual(['Make a new join code? The current code and link will stop working.'])
  const newCode = (await teacher.getByTestId('join-code').innerText()).trim()
  expect(newCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
  await expect(teacher.getByLabel('Invite link')).toHaveValue(new RegExp(`/join/${newCode.replace('-', '')}$`))

  const latePage = await signedUp(openBrowser(), late)
  const joinCode = latePage.getByRole('region', { name: 'Join a group' }).getByLabel('Join code')
  await joinCode.fill(group.code)
  await latePage.getByRole('button', { name: 'Join group' }).click()
  await expect(joinCode).toHaveAccessibleDescription(
    'No group has this join code. Check it with your instructor.',
    SLOW,
  )
  await expect(joinCode).toHaveAttribute('aria-invalid', 'true')
  await expect(latePage).toHaveURL('/dashboard')
  await joinWithCode(latePage, { ...group, code: newCode })

  await teacher.reload()
  await expect(teacher.getByRole('list', { name: 'Members' }).getByRole('listitem')).toHaveCount(3)
  await teacher.getByRole('button', { name: `Remove ${early.name} from the group` }).click()
  await expect(member(teacher, early.name)).toHaveCount(0, SLOW)
  expect(confirmations).toContain(
    `Remove ${early.name} from this group? The join code changes too, so they cannot join again with it.`,
  )
  await expect(teacher.getByRole('list', { name: 'Members' }).getByRole('listitem')).toHaveCount(2)
  await expect(member(teacher, late.name)).toContainText('Student')
  await expect(teacher.getByRole('heading', { name: 'Members (2)' })).toBeVisible()

  // The removed student loses access at once, and the code they knew no longer lets them back in.
  await earlyPage.goto(group.url)
  await expect(earlyPage.getByRole('heading', { name: 'Not found' })).toBeVisible()
  await teacher.reload()
  await expect(teacher.getByTestId('join-code')).not.toHaveText(newCode, SLOW)
  await earlyPage.goto('/dashboard')
  const rejoin = earlyPage.getByRole('region', { name: 'Join a group' }).getByLabel('Join code')
  await rejoin.fill(newCode)
  await earlyPage.getByRole('button', { name: 'Join group' }).click()
  await expect(rejoin).toHaveAccessibleDescription('No group has this join code. Check it with your instructor.', SLOW)
})
