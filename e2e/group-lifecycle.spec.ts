// The end of a membership and of a group, through the pages: a student leaves after confirming,
// the last instructor is told why they cannot, and an instructor deletes the group by typing
// its name, after which nobody finds it.
import { expect } from '@playwright/test'
import { test } from './support/browsers'
import { CHRIS, INSTRUCTOR, SLOW, acceptDialogs, addEssay, createGroup, joined, signedIn } from './support/seminar'

const runId = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`

test('a student leaves a group, and its instructor deletes it for good', async ({ openBrowser }) => {
  test.slow()
  const name = `Short-lived seminar ${runId}`
  const teacher = await signedIn(openBrowser(), INSTRUCTOR.email)
  const group = await createGroup(teacher, name)
  const essayUrl = await addEssay(teacher)
  const chris = await joined(openBrowser(), CHRIS.email, group)

  // The student leaves, having confirmed.
  const asked = acceptDialogs(chris)
  await chris.getByRole('button', { name: 'Leave group' }).click()
  await expect(chris).toHaveURL('/dashboard', SLOW)
  expect(asked).toEqual([`Leave “${name}”? You will no longer see its sources and maps.`])
  await expect(chris.getByRole('link', { name: new RegExp(name) })).toHaveCount(0)

  // The last instructor cannot leave, and is told why.
  await teacher.goto(group.url)
  acceptDialogs(teacher)
  await teacher.getByRole('button', { name: 'Leave group' }).click()
  await expect(teacher.getByRole('region', { name: 'Leave this group' }).getByRole('alert')).toHaveText('A group needs at least one instructor; add another before the last one leaves.', SLOW)

  // Deleting asks for the group's name, and a wrong one changes nothing.
  const form = teacher.getByRole('form', { name: 'Delete this group' })
  await expect(form.getByRole('link', { name: 'download the seminar archive' })).toBeVisible()
  await form.getByLabel(`Type “${name}” to confirm`).fill('Short-lived')
  await form.getByRole('button', { name: 'Delete group for good' }).click()
  await expect(form.getByRole('alert')).toHaveText(`Type the group’s name, “${name}”, to delete it.`, SLOW)
  await teacher.reload()
  await expect(teacher.getByRole('heading', { level: 1, name })).toBeVisible()

  await form.getByLabel(`Type “${name}” to confirm`).fill(name)
  await form.getByRole('button', { name: 'Delete group for good' }).click()
  await expect(teacher).toHaveURL('/dashboard', SLOW)
  await expect(teacher.getByRole('link', { name: new RegExp(name) })).toHaveCount(0)
  // Gone for everyone: its pages and its essay answer "not found".
  for (const url of [group.url, essayUrl]) {
    const response = await teacher.goto(url)
    expect(response?.status(), url).toBe(404)
  }
})
