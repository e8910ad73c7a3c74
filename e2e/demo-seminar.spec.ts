// A newcomer opens the demo seminar and finds it mid-term: classmates' highlights and arguing
// threads in the reader, a passage asking to be confirmed after an edit, the group's debate map
// with its argument checks, a reviewed map of their own, and the instructor's review that tells
// who did what. Read only: the journeys of other specs change the demo, this one never does.
import { expect, type Page } from '@playwright/test'
import { test } from './support/browsers'
import { essay } from './support/reading'
import { canvas } from './support/map-editor'
import { ALEX, BEA, CHRIS, DEMO_GROUP, INSTRUCTOR, SLOW, signedIn } from './support/seminar'

const SHOTS = 'test-results/demo-seminar'
const SOLD = 'US – Japan Alliance'
const EDITED = 'The U.S.-Japan Alliance'
const GROUP_MAP = 'Does the alliance still keep East Asia safe?'

const highlightList = (page: Page) => page.getByRole('list', { name: 'Highlights in reading order' })
const selected = (page: Page) => page.getByRole('region', { name: 'Selected highlight' })

async function openGroup(page: Page) {
  await page.getByRole('link', { name: new RegExp(DEMO_GROUP) }).click()
  await expect(page.getByRole('heading', { level: 1, name: DEMO_GROUP })).toBeVisible(SLOW)
}

async function openEssay(page: Page, title: string) {
  await page.getByRole('region', { name: 'Sources' }).getByRole('link', { name: title, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible(SLOW)
  await expect(essay(page)).toBeVisible()
}

test('a newcomer signs in as a student and finds the seminar mid-term', async ({ openBrowser }) => {
  test.slow()
  const alex = await signedIn(openBrowser(), ALEX.email)
  await openGroup(alex)
  // Every essay has been read: no source says "0 highlights".
  const sources = alex.getByRole('region', { name: 'Sources' }).getByRole('listitem')
  await expect(sources).toHaveCount(5)
  for (const text of await sources.allInnerTexts()) expect(text).toMatch(/· (?:[5-9]|\d{2,}) highlights/)

  // The reader: classmates' highlights drawn in the essay service's paper, its framing read as bias.
  await openEssay(alex, SOLD)
  await expect(essay(alex).locator(`mark[title="Bias by ${BEA.name}"]`).first()).toBeVisible()
  await expect(essay(alex).locator(`mark[title="Evidence by ${CHRIS.name}"]`).first()).toBeVisible()
  // Its research questions read as a list, its sections under their own headings.
  await expect(essay(alex).getByRole('list').first().getByRole('listitem')).toHaveCount(6)
  await expect(essay(alex).getByRole('listitem').first()).toHaveText(
    'What events led to the formation of the US – Japan alliance?',
  )
  await expect(essay(alex).getByRole('heading', { name: 'Political paralysis in Japan' })).toBeVisible()
  await essay(alex).getByRole('list').first().scrollIntoViewIfNeeded()
  await alex.screenshot({ path: `${SHOTS}/reader-lists-and-headings.png` })
  // The place to start is said on screen, not only to screen readers.
  await expect(alex.getByText(/hold Shift with the arrow keys; then press 1 Claim · 2 Evidence · 3 Bias/)).toBeVisible()

  // A thread where three students argue over one sentence.
  await highlightList(alex)
    .getByRole('listitem')
    .filter({ hasText: '“Politics in Japan has taken a turn for the worst.”' })
    .getByRole('button')
    .click()
  const thread = selected(alex).getByRole('article', { name: `Bias by ${BEA.name}` })
  await expect(thread.getByRole('region', { name: 'Note', exact: true })).toContainText('A loaded opening')
  const replies = thread.getByRole('region', { name: 'Replies' })
  await expect(replies).toContainText('Replies (3)')
  await expect(replies.getByRole('listitem').filter({ hasText: CHRIS.name })).toContainText(
    'Futenma is the blocked policy',
  )
  await alex.screenshot({ path: `${SHOTS}/reader-thread.png` })

  // The edited essay: one classmate's passage moved and asks to be confirmed.
  await alex.goBack()
  await openEssay(alex, EDITED)
  const moved = highlightList(alex).getByRole('listitem').filter({ hasText: 'Moved — please confirm' })
  await expect(moved).toHaveCount(1)
  await expect(moved).toContainText(BEA.name)
  await moved.getByRole('button').click()
  await expect(selected(alex).getByText('Moved — please confirm')).toBeVisible()
  await alex.screenshot({ path: `${SHOTS}/reader-moved.png` })

  // The group's debate map, across the essays, with its checks.
  await alex.goto(`${new URL(alex.url()).pathname.split('/sources/')[0]}/maps`)
  await expect(alex.getByRole('heading', { level: 1, name: 'Argument maps' })).toBeVisible(SLOW)
  const myMap = alex.getByRole('listitem').filter({ hasText: 'Why the alliance outlived the Cold War' })
  await expect(myMap).toContainText('Submitted')
  await expect(myMap).toContainText('New feedback')
  await alex.getByRole('link', { name: GROUP_MAP, exact: true }).click()
  await expect(alex.getByRole('heading', { level: 1, name: GROUP_MAP })).toBeVisible(SLOW)
  await expect.poll(() => canvas(alex).locator('.react-flow__node').count(), SLOW).toBeGreaterThanOrEqual(15)
  const checks = alex.getByRole('complementary', { name: 'Argument checks, feedback and history' })
  await expect(checks.getByRole('button', { name: /Cited passage moved — check it/ })).toBeVisible()
  await alex.screenshot({ path: `${SHOTS}/group-map.png`, fullPage: true })

  // Their own map, with the instructor's feedback pinned to a node and scored with the rubric.
  await alex.goBack()
  await myMap.getByRole('link', { name: 'Why the alliance outlived the Cold War' }).click()
  const feedback = alex.getByRole('region', { name: /^Feedback/ })
  await expect(feedback.getByRole('listitem').filter({ hasText: 'on “We cannot define an alliance' })).toContainText(
    'Good eye for the framing',
  )
  await expect(feedback).toContainText('Score: 11 / 15')
  await expect(feedback).toContainText('Engages the other side: 2/5')
  await alex.screenshot({ path: `${SHOTS}/my-map-feedback.png`, fullPage: true })
})

test('the instructor’s review page tells the seminar’s story', async ({ openBrowser }) => {
  const teacher = await signedIn(openBrowser(), INSTRUCTOR.email)
  await openGroup(teacher)
  await teacher.getByRole('navigation', { name: 'Group' }).getByRole('link', { name: 'Review' }).click()
  const students = teacher.getByRole('region', { name: 'Students' })
  for (const student of [ALEX, BEA, CHRIS]) {
    const row = students.getByRole('row').filter({ hasText: student.name })
    // Claims, evidence and bias each counted; one map, submitted.
    await expect(row.getByRole('cell')).toHaveText([/^[1-9]\d*$/, /^[1-9]\d*$/, /^[1-9]\d*$/, '1', '1', /\d{4}/], SLOW)
  }
  await expect(teacher.getByText('No map cites a passage yet.')).toHaveCount(0)
  await teacher.screenshot({ path: `${SHOTS}/review.png`, fullPage: true })
})
