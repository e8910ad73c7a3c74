// A seminar's week: the instructor sets an assignment, a student sees it due, reads and tags,
// hands in a map; the instructor sees it done on time, scores it and takes the gradebook CSV.
// A second assignment, already past due, is handed in late and marked so. The browsers run on
// Tokyo time, so the group (and every date it shows) is on Tokyo's clocks.
import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { expect, type Download, type Page } from '@playwright/test'
import { test } from './support/browsers'
import { createMap } from './support/map-editor'
import { essay, tagWithKeyboard } from './support/reading'
import {
  ALEX,
  BEA,
  ESSAY_TITLE,
  SLOW,
  acceptDialogs,
  addEssay,
  createGroup,
  joined,
  signedIn,
  INSTRUCTOR,
  saveTwoCriteriaRubric,
} from './support/seminar'

test.use({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Tokyo' })

const runId = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`
const WEEK_1 = `Week 1: why alliances outlast ${runId.slice(-4)}`
const CATCH_UP = `Week 0: catch-up map ${runId.slice(-4)}`

/** Tokyo's wall-clock time `hours` from now, as a datetime-local input takes it. */
const tokyo = (hours: number) =>
  new Date(Date.now() + hours * 3_600_000)
    .toLocaleString('sv-SE', { timeZone: 'Asia/Tokyo' })
    .slice(0, 16)
    .replace(' ', 'T')

const todo = (page: Page, title: string) =>
  page.getByRole('list', { name: 'Assignments to do' }).getByRole('listitem', { name: title })
const adminItem = (page: Page, title: string) =>
  page.getByRole('list', { name: 'Assignments' }).getByRole('listitem', { name: title })

async function downloaded(download: Download) {
  expect(await download.failure()).toBeNull()
  return readFile((await download.path())!, 'utf8')
}

/** On the group page, the instructor fills in "New assignment" and creates it. */
async function newAssignment(
  page: Page,
  a: { title: string; claims: number; evidence: number; opensAt?: string; dueAt?: string },
) {
  const form = page.getByRole('form', { name: 'New assignment' })
  const summary = page.getByText('New assignment', { exact: true })
  // The assignments stream in after the page's first bytes: decide whether to open the form only
  // once they are there, or a click meant to open it closes the one that arrives already open.
  await expect(summary).toBeVisible(SLOW)
  if (!(await form.isVisible())) await summary.click()
  await form.getByLabel('Title').fill(a.title)
  await form.getByRole('checkbox', { name: ESSAY_TITLE }).check()
  await form.getByRole('spinbutton', { name: 'Claims' }).fill(String(a.claims))
  await form.getByRole('spinbutton', { name: 'Evidence' }).fill(String(a.evidence))
  await form.getByRole('checkbox', { name: 'Submit a personal map' }).check()
  if (a.opensAt) await form.getByLabel('Opens').fill(a.opensAt)
  if (a.dueAt) await form.getByLabel('Due').fill(a.dueAt)
  await expect(form.getByText('Times are on the group’s clocks: Asia/Tokyo.')).toBeVisible()
  await form.getByRole('button', { name: 'Create assignment' }).click()
  await expect(adminItem(page, a.title)).toBeVisible(SLOW)
}

async function submitFor(page: Page, assignment: string, map: string) {
  const form = todo(page, assignment).getByRole('form', { name: `Submit a map for ${assignment}` })
  await form.getByLabel('Map').selectOption({ label: map })
  await form.getByRole('button', { name: 'Submit map' }).click()
  await expect(form).toBeHidden(SLOW)
}

async function gradebook(page: Page, assignment: string): Promise<Record<string, string>[]> {
  const item = page
    .getByRole('list', { name: 'Assignments to review' })
    .getByRole('listitem')
    .filter({ hasText: assignment })
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    item.getByRole('link', { name: 'Download gradebook (CSV)' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^gradebook-.+\.csv$/)
  const csv = await downloaded(download)
  expect(csv.startsWith('\uFEFF')).toBe(true)
  return parse(csv, { bom: true, columns: true })
}

test('an instructor sets an assignment; a student reads, tags and hands in a map on time; the instructor scores it and exports the gradebook', async ({
  openBrowser,
}, testInfo) => {
  test.setTimeout(240_000)
  const teacher = await signedIn(openBrowser(), INSTRUCTOR.email)
  const group = await createGroup(teacher, `Assignments seminar ${runId}`)
  // The group took the creator's time zone.
  await expect(teacher.getByLabel('Time zone')).toHaveValue('Asia/Tokyo')
  await addEssay(teacher)

  // A rubric to score the maps with.
  await teacher.goto(`${group.url}/review`)
  await saveTwoCriteriaRubric(teacher)

  // This week's assignment (opens now, due in a week at 17:00 Tokyo time), and one already past due.
  await teacher.goto(group.url)
  await newAssignment(teacher, { title: WEEK_1, claims: 1, evidence: 1 })
  await expect(adminItem(teacher, WEEK_1)).toContainText(/due \w{3}, \d{1,2} \w{3} \d{4}, 17:00 GMT\+9/)
  await newAssignment(teacher, { title: CATCH_UP, claims: 0, evidence: 0, opensAt: tokyo(-72), dueAt: tokyo(-24) })

  // The students see both in their to-do lists: one due, one missing.
  const alex = await joined(openBrowser(), ALEX.email, group)
  await joined(openBrowser(), BEA.email, group)
  await expect(todo(alex, WEEK_1).getByText('To do', { exact: true })).toBeVisible()
  await expect(todo(alex, WEEK_1)).toContainText(/Due \w{3}, \d{1,2} \w{3} \d{4}, 17:00 GMT\+9/)
  await expect(
    todo(alex, WEEK_1)
      .getByRole('list', { name: `Progress on ${WEEK_1}` })
      .getByRole('listitem'),
  ).toHaveText(['0 of 1 claim', '0 of 1 piece of evidence', 'Map not submitted yet'])
  await expect(todo(alex, CATCH_UP).getByText('Missing', { exact: true })).toBeVisible()
  await alex.goto('/dashboard')
  const dashboardTodo = alex.getByRole('region', { name: 'To do' })
  await expect(todo(alex, WEEK_1)).toBeVisible()
  await expect(todo(alex, WEEK_1).getByRole('link', { name: group.name })).toBeVisible()
  await dashboardTodo.screenshot({ path: testInfo.outputPath('dashboard-to-do.png') })

  // Alex reads the essay from the to-do list; the reader shows the assignment's progress as he tags.
  await alex.goto(group.url)
  await todo(alex, WEEK_1).getByRole('link', { name: ESSAY_TITLE }).click()
  await expect(essay(alex)).toBeVisible(SLOW)
  const progress = alex.getByRole('region', { name: 'Assignment progress' })
  await expect(progress).toContainText(WEEK_1)
  await expect(progress).toContainText('0 of 1 claim')
  await tagWithKeyboard(alex, { paragraph: 1, words: 4, key: '1' })
  await expect(progress).toContainText('1 of 1 claim', SLOW)
  await tagWithKeyboard(alex, { paragraph: 2, words: 5, key: '2' })
  await expect(progress).toContainText('1 of 1 piece of evidence', SLOW)

  // Two maps: one for this week, one for the catch-up.
  await createMap(alex, group, 'My week 1 map')
  await createMap(alex, group, 'My catch-up map')
  await alex.goto(group.url)
  const confirms = acceptDialogs(alex)
  await submitFor(alex, WEEK_1, 'My week 1 map')
  await expect(todo(alex, WEEK_1).getByText('Done', { exact: true })).toBeVisible(SLOW)
  await submitFor(alex, CATCH_UP, 'My catch-up map')
  await expect(todo(alex, CATCH_UP).getByText('Done late', { exact: true })).toBeVisible(SLOW)
  expect(confirms).toEqual([
    'Submit this map? You cannot edit it until your instructor reopens it.',
    'The due date has passed: your map will be marked late. Submit it?',
  ])
  await alex.getByRole('region', { name: 'Assignments' }).screenshot({ path: testInfo.outputPath('group-to-do.png') })

  // The instructor's review: a column per assignment, and filters.
  await teacher.goto(`${group.url}/review`)
  const students = teacher.getByRole('region', { name: 'Students' })
  const row = (name: string) => students.getByRole('row').filter({ hasText: name })
  await expect(students.getByRole('columnheader')).toHaveText([
    /^Student/,
    /Claims/,
    /Evidence/,
    /Bias/,
    'Maps',
    'Submitted',
    'Last activity',
    CATCH_UP,
    WEEK_1,
  ])
  // The name is the row's header; the assignment columns follow the six counts.
  await expect(row(ALEX.name).getByRole('cell').nth(6)).toHaveText(/Done late$/)
  await expect(row(ALEX.name).getByRole('cell').nth(7)).toHaveText(/^\W*Done$/)
  await expect(row(BEA.name).getByRole('cell').nth(6)).toHaveText(/Missing$/)
  await expect(row(BEA.name).getByRole('cell').nth(7)).toHaveText(/To do$/)
  await teacher.screenshot({ path: testInfo.outputPath('review-columns.png'), fullPage: true })
  const filters = teacher.getByRole('group', { name: 'Filter students' })
  await filters.getByLabel('Assignment').selectOption({ label: CATCH_UP })
  await filters.getByLabel('Status').selectOption({ label: 'Missing' })
  await expect(filters).toContainText('1 of 2 students')
  await expect(students.getByRole('row')).toHaveCount(2)
  await expect(row(BEA.name)).toBeVisible()
  await filters.getByLabel('Status').selectOption({ label: 'Done late' })
  await expect(row(ALEX.name)).toBeVisible()
  await expect(row(BEA.name)).toBeHidden()

  // The instructor scores the week's map.
  await row(ALEX.name).getByRole('link', { name: 'maps' }).click()
  await teacher.getByRole('link', { name: 'My week 1 map', exact: true }).click()
  const panel = teacher.getByRole('region', { name: /^Feedback \(\d+\)/ })
  await panel.getByLabel('Comment').fill('A clear claim; now weigh the evidence against it.')
  await panel.getByRole('spinbutton', { name: /Uses evidence \(of 5\)/ }).fill('4')
  await panel.getByRole('spinbutton', { name: /Clear structure \(of 3\)/ }).fill('2')
  await panel.getByRole('button', { name: 'Send feedback' }).click()
  await expect(panel.getByRole('listitem').filter({ hasText: 'Score: 6 / 8' })).toBeVisible(SLOW)

  // The gradebooks, parsed as a gradebook import would.
  await teacher.goto(`${group.url}/review`)
  const week1 = await gradebook(teacher, WEEK_1)
  expect(Object.keys(week1[0]!)).toEqual([
    'Student',
    'ID',
    'SIS User ID',
    'SIS Login ID',
    'Section',
    'Email address',
    'Claims',
    'Evidence',
    'Bias',
    'Map submitted',
    'Submitted at (Asia/Tokyo)',
    'On time',
    'Status',
    'Uses evidence (out of 5)',
    'Clear structure (out of 3)',
    WEEK_1,
  ])
  expect(week1.map((r) => r.Student)).toEqual([ALEX.name, BEA.name])
  expect(week1[0]).toMatchObject({
    'SIS Login ID': ALEX.email,
    'Email address': ALEX.email,
    Section: group.name,
    Claims: '1',
    Evidence: '1',
    Bias: '0',
    'Map submitted': 'yes',
    'On time': 'yes',
    Status: 'Done',
    'Uses evidence (out of 5)': '4',
    'Clear structure (out of 3)': '2',
    [WEEK_1]: '6',
  })
  // Submitted minutes ago, on Tokyo's clocks.
  expect(week1[0]!['Submitted at (Asia/Tokyo)']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
  expect(
    Math.abs(Date.parse(`${week1[0]!['Submitted at (Asia/Tokyo)']!.replace(' ', 'T')}:00+09:00`) - Date.now()),
  ).toBeLessThan(15 * 60_000)
  expect(week1[1]).toMatchObject({ Claims: '0', 'Map submitted': 'no', 'On time': '', Status: 'To do', [WEEK_1]: '' })
  const catchUp = await gradebook(teacher, CATCH_UP)
  expect(catchUp[0]).toMatchObject({ Student: ALEX.name, 'Map submitted': 'yes', 'On time': 'no', Status: 'Done late' })
  expect(catchUp[1]).toMatchObject({ Student: BEA.name, 'Map submitted': 'no', 'On time': 'no', Status: 'Missing' })
})
