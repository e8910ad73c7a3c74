// A person downloads their data and deletes their account: the file holds their highlights, the
// account is gone (signed out, the password no longer works), the seminar keeps its essay, and
// the readers open on it drop the person's highlights live: a classmate's the shared one, the
// instructor's the private one too.
import { readFile } from 'node:fs/promises'
import { expect } from '@playwright/test'
import { test } from './support/browsers'
import { CHRIS, INSTRUCTOR, SLOW, addEssay, createGroup, joined, joinWithCode, signedIn } from './support/seminar'

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
  const listed = (page: typeof dana) =>
    page.getByRole('list', { name: 'Highlights in reading order' }).getByRole('listitem')
  await expect(listed(dana)).toHaveCount(1, SLOW)
  // And a private one, in the next paragraph.
  await essay.focus()
  await dana.keyboard.press('ArrowDown')
  for (let i = 0; i < 2; i++) await dana.keyboard.press('Control+Shift+ArrowRight')
  const toolbar = dana.getByRole('toolbar', { name: 'Tag the selected passage' })
  await toolbar.getByRole('checkbox', { name: 'Private' }).focus()
  await dana.keyboard.press('Space')
  await toolbar.getByRole('button', { name: /^Evidence/ }).click()
  await expect(listed(dana)).toHaveCount(2, SLOW)

  // A classmate and the instructor have the essay open: one sees the shared highlight, the other both.
  const chris = await joined(openBrowser(), CHRIS.email, group)
  await chris.goto(essayUrl)
  await expect(listed(chris)).toHaveCount(1, SLOW)
  await teacher.goto(essayUrl)
  await expect(listed(teacher)).toHaveCount(2, SLOW)

  // From the account page: the data first.
  await dana.getByRole('link', { name: 'Dana Departing' }).click()
  await dana.getByRole('link', { name: 'Download your data, or delete your account' }).click()
  await expect(dana.getByRole('heading', { level: 1, name: 'Your data and your account' })).toBeVisible()
  const [download] = await Promise.all([
    dana.waitForEvent('download'),
    dana.getByRole('link', { name: 'Download my data (JSON)' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^colloquy-my-data-\d{4}-\d{2}-\d{2}\.json$/)
  const data = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
    person: { email: string }
    highlights: { quote: string; tag: string }[]
  }
  expect(data.person.email).toBe(email)
  expect(data.highlights).toEqual([
    expect.objectContaining({ quote: 'Alliances are usually', tag: 'claim', visibility: 'group' }),
    expect.objectContaining({ quote: 'Shared bases', tag: 'evidence', visibility: 'private' }),
  ])

  // Then the account: a wrong password changes nothing; the right one signs out for good.
  const form = dana.getByRole('form', { name: 'Delete my account' })
  await form.getByLabel('Your password').fill('not my password at all')
  await form.getByRole('checkbox').check()
  await form.getByRole('button', { name: 'Delete my account' }).click()
  await expect(form.getByRole('alert')).toHaveText('Your current password is not right.', SLOW)
  await form.getByLabel('Your password').fill(PASSWORD)
  await form.getByRole('button', { name: 'Delete my account' }).click()
  await expect(dana).toHaveURL('/', SLOW)
  // Both open readers drop them live, without a reload.
  await expect(listed(chris)).toHaveCount(0, SLOW)
  await expect(listed(teacher)).toHaveCount(0, SLOW)
  await dana.goto('/sign-in')
  await dana.getByLabel('Email').fill(email)
  await dana.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await dana.getByRole('button', { name: 'Sign in' }).click()
  await expect(dana.getByText('Wrong email or password.')).toBeVisible(SLOW)

  // The seminar keeps its essay; the student's highlight and membership are gone.
  await teacher.goto(essayUrl)
  await expect(teacher.getByText('No highlights here yet.')).toBeVisible()
  await teacher.goto(group.url)
  // The instructor and the classmate remain.
  await expect(teacher.getByRole('list', { name: 'Members' }).getByRole('listitem')).toHaveCount(2)
})
