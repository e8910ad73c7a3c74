// The end of a membership and of a group, through the pages: a student leaves after confirming
// in a dialog (keyboard only), the last instructor is told why they cannot, and an instructor
// deletes the group by typing its name, after which nobody finds it; an instructor archives a
// group (read-only for everyone) and unarchives it.
import { expect, type Page } from '@playwright/test'
import { test } from './support/browsers'
import { CHRIS, INSTRUCTOR, SLOW, addEssay, createGroup, joined, signedIn } from './support/seminar'

const runId = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`

test('a student leaves a group, and its instructor deletes it for good', async ({ openBrowser }, testInfo) => {
  test.slow()
  const name = `Short-lived seminar ${runId}`
  const teacher = await signedIn(openBrowser(), INSTRUCTOR.email)
  const group = await createGroup(teacher, name)
  const essayUrl = await addEssay(teacher)
  const chris = await joined(openBrowser(), CHRIS.email, group)

  // The student leaves, having confirmed in a dialog, by keyboard alone. Escape changes nothing.
  const leave = chris.getByRole('button', { name: 'Leave group' })
  const dialog = chris.getByRole('dialog', { name: `Leave “${name}”?` })
  await leave.focus()
  await chris.keyboard.press('Enter')
  await expect(dialog).toBeVisible()
  await expect(dialog).toHaveAccessibleDescription(/^You will no longer see its sources and maps\./)
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await dialog.screenshot({ path: testInfo.outputPath('leave-dialog.png') })
  await chris.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(leave).toBeFocused()
  await chris.keyboard.press('Enter')
  await chris.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Leave the group' })).toBeFocused()
  await chris.keyboard.press('Enter')
  // They land on their groups, where this one is gone.
  await expect(chris).toHaveURL('/dashboard', SLOW)
  await expect(chris.getByRole('link', { name: new RegExp(name) })).toHaveCount(0)

  // The last instructor cannot leave, and is told why.
  await teacher.goto(group.url)
  await teacher.getByRole('button', { name: 'Leave group' }).click()
  await teacher
    .getByRole('dialog', { name: `Leave “${name}”?` })
    .getByRole('button', { name: 'Leave the group' })
    .click()
  await expect(teacher.getByRole('region', { name: 'Leave this group' }).getByRole('alert')).toHaveText(
    'A group needs at least one instructor; add another before the last one leaves.',
    SLOW,
  )

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

test('an instructor archives a group: read-only for everyone, labelled, listed apart, until unarchived', async ({
  openBrowser,
}) => {
  test.slow()
  const name = `Archived seminar ${runId}`
  const teacher = await signedIn(openBrowser(), INSTRUCTOR.email)
  const group = await createGroup(teacher, name)
  const essayUrl = await addEssay(teacher)
  const chris = await joined(openBrowser(), CHRIS.email, group)
  const notice = (page: Page) => page.getByRole('note').filter({ hasText: 'This group was archived on' })
  const essay = (page: Page) => page.getByRole('document', { name: /^Essay text/ })
  const tagToolbar = (page: Page) => page.getByRole('toolbar', { name: 'Tag the selected passage' })
  const selectFirstWords = async (page: Page) => {
    await essay(page).focus()
    await page.keyboard.press('Control+Home')
    for (let i = 0; i < 2; i++) await page.keyboard.press('Control+Shift+ArrowRight')
  }

  // Archiving asks first; cancelling changes nothing.
  await teacher.goto(group.url)
  const archiveCard = teacher.getByRole('region', { name: 'Archive this group' })
  await archiveCard.getByRole('button', { name: 'Archive group…' }).click()
  const confirm = archiveCard.getByRole('group', { name: 'Confirm: archive this group' })
  await expect(confirm).toContainText(`Archive “${name}”?`)
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await teacher.reload()
  await expect(notice(teacher)).toHaveCount(0)
  await archiveCard.getByRole('button', { name: 'Archive group…' }).click()
  await archiveCard.getByRole('button', { name: 'Yes, archive it' }).click()

  // Labelled, and what would change the group is gone from its page.
  await expect(notice(teacher)).toBeVisible(SLOW)
  await expect(teacher.getByRole('link', { name: 'Add source' })).toHaveCount(0)
  await expect(teacher.getByRole('region', { name: 'Settings' })).toHaveCount(0)
  await expect(
    teacher.getByRole('region', { name: 'Unarchive this group' }).getByRole('button', { name: 'Unarchive group…' }),
  ).toBeVisible()
  await teacher.screenshot({ path: 'test-results/archive/group.png', fullPage: true })
  // Listed apart on the dashboard.
  await teacher.goto('/dashboard')
  await expect(
    teacher.getByRole('list', { name: 'Archived groups' }).getByRole('link', { name: new RegExp(name) }),
  ).toBeVisible()
  await expect(
    teacher.getByRole('list', { name: 'Current groups' }).getByRole('link', { name: new RegExp(name) }),
  ).toHaveCount(0)
  await teacher.screenshot({ path: 'test-results/archive/dashboard.png', fullPage: true })

  // The student reads, but cannot highlight: no toolbar, and the tag keys say why.
  await chris.goto(essayUrl)
  await expect(notice(chris)).toBeVisible()
  await expect(chris.getByText('No highlights here: none were made before the group was archived.')).toBeVisible()
  await expect(chris.getByText(/^Select a passage with the mouse/)).toHaveCount(0)
  await selectFirstWords(chris)
  await expect(tagToolbar(chris)).toHaveCount(0)
  await chris.keyboard.press('1')
  await expect(chris.getByRole('complementary', { name: 'Highlights' }).getByRole('status')).toHaveText(
    'This group is archived: no new highlights can be made.',
  )
  await expect(essay(chris).locator('mark')).toHaveCount(0)
  await chris.screenshot({ path: 'test-results/archive/reader.png' })
  await chris.goto(`${group.url}/maps`)
  await expect(notice(chris)).toBeVisible()
  await expect(chris.getByRole('region', { name: 'New map' })).toHaveCount(0)

  // Unarchived (asked first too), the seminar goes on.
  await teacher.goto(group.url)
  const unarchiveCard = teacher.getByRole('region', { name: 'Unarchive this group' })
  await unarchiveCard.getByRole('button', { name: 'Unarchive group…' }).click()
  await unarchiveCard.getByRole('button', { name: 'Yes, unarchive it' }).click()
  await expect(notice(teacher)).toHaveCount(0, SLOW)
  await expect(teacher.getByRole('link', { name: 'Add source' })).toBeVisible()
  await chris.goto(essayUrl)
  await expect(notice(chris)).toHaveCount(0)
  await selectFirstWords(chris)
  await expect(tagToolbar(chris)).toBeVisible()
  await chris.keyboard.press('1')
  await expect(essay(chris).locator('mark')).toHaveCount(1, SLOW)
})
