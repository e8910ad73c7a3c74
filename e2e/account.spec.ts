// A person downloads their data and deletes their account: the file holds their highlights, the
// account is gone (signed out, the password no longer works), and the seminar keeps its essay.
import { readFile } from 'node:fs/promises'
import { expect } from '@playwright/test'
import { test } from './support/browsers'
import { INSTRUCTOR, SLOW, addEssay, createGroup, joinWithCode, signedIn } from './support/seminar'

const runId = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`
const PASSWORD = 'correct-horse-battery'

test('a student downloads their data, then deletes their account', async ({ openBrowser }) => {
  test.slow()
  const teacher = await signedIn(openBrowser(), INSTRUCTOR.email)
  const group = await createGroup(teacher, `Farewell seminar ${runId}`)
  const essayUrl = await addEssay(teacher)

  // A new student signs up, joins and tags a passage with the keyboard.
  const email = `dana.${runId}@e2e.test`
  const dana = await openBrowser()
  await dana.goto('/sign-up')
  await dana.getByLabel('Name', { exact: true }).fill('Dana Departing')
  await dana.getByLabel('Email').fill(email)
  await dana.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await dana.getByRole('button', { name: 'Create account' }).click()
  await expect(dana).toHaveURL('/dashboard', SLOW)
  await joinWithCode(dana, group)
  await dana.goto(essayUrl)
  const essay = dana.getByRole('document', { name: /^Essay text/ })
  await essay.focus()
  for (let i = 0; i < 3; i++) await dana.keyboard.press('Control+Shift+ArrowRight')
  await expect(dana.getByRole('toolbar', { name: 'Tag the selected passage' })).toBeVisible()
  await dana.keyboard.press('1')
  await expect(dana.getByRole('list', { name: 'Highlights in reading order' }).getByRole('listitem')).toHaveCount(1, SLOW)

  // From the account page: the data first.
  await dana.getByRole('link', { name: 'Dana Departing' }).click()
  await dana.getByRole('link', { name: 'Download your data, or delete your account' }).click()
  await expect(dana.getByRole('heading', { level: 1, name: 'Your data and your account' })).toBeVisible()
  const [download] = await Promise.all([dana.waitForEvent('download'), dana.getByRole('link', { name: 'Download my data (JSON)' }).click()])
  expect(download.suggestedFilename()).toMatch(/^colloquy-my-data-\d{4}-\d{2}-\d{2}\.json$/)
  const data = JSON.parse(await readFile((await download.path())!, 'utf8')) as { person: { email: string }; highlights: { quote: string; tag: string }[] }
  expect(data.person.email).toBe(email)
  expect(data.highlights).toEqual([expect.objectContaining({ quote: 'Alliances are usually', tag: 'claim' })])

  // Then the account: a wrong password changes nothing; the right one signs out for good.
  const form = dana.getByRole('form', { name: 'Delete my account' })
  await form.getByLabel('Your password').fill('not my password at all')
  await form.getByRole('checkbox').check()
  await form.getByRole('button', { name: 'Delete my account' }).click()
  await expect(form.getByRole('alert')).toHaveText('Your current password is not right.', SLOW)
  await form.getByLabel('Your password').fill(PASSWORD)
  await form.getByRole('button', { name: 'Delete my account' }).click()
  await expect(dana).toHaveURL('/', SLOW)
  await dana.goto('/sign-in')
  await dana.getByLabel('Email').fill(email)
  await dana.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await dana.getByRole('button', { name: 'Sign in' }).click()
  await expect(dana.getByText('Wrong email or password.')).toBeVisible(SLOW)

  // The seminar keeps its essay; the student's highlight and membership are gone.
  await teacher.goto(essayUrl)
  await expect(teacher.getByText('No highlights here yet.')).toBeVisible()
  await teacher.goto(group.url)
  await expect(teacher.getByRole('list', { name: 'Members' }).getByRole('listitem')).toHaveCount(1)
})
