// The instructor review journeys: a rubric, pinned and scored feedback the student is told about,
// comparing two students' maps, and keeping the review pages to instructors.
import { expect, type Page } from '@playwright/test'
import { test } from './support/browsers'
import { addNote, allSaved, cite, connect, createMap, mapRow, mapsUrl, nodes, tools } from './support/map-editor'
import { tagWithKeyboard } from './support/reading'
import {
  DEMO_GROUP,
  ALEX,
  BEA,
  INSTRUCTOR,
  ESSAY_TITLE,
  SLOW,
  createGroup,
  joined,
  newSeminar,
  runId,
  signedIn,
  type Group,
  saveTwoCriteriaRubric,
} from './support/seminar'

// Room for the three columns of the map page.
test.use({ viewport: { width: 1440, height: 900 } })

// The reader.
const highlightList = (page: Page) => page.getByRole('list', { name: 'Highlights in reading order' })

// The map pages.
const feedback = (page: Page) => page.getByRole('region', { name: /^Feedback \(\d+\)/ })

/** From the group page: opens the review dashboard. */
async function openReview(page: Page, group: Group) {
  await page.goto(group.url)
  await page.getByRole('navigation', { name: 'Group' }).getByRole('link', { name: 'Review' }).click()
  await expect(page).toHaveURL(`${group.url}/review`, SLOW)
  await expect(page.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible()
}

test('an instructor leaves a pinned comment and a score; the student sees it', async ({ openBrowser }) => {
  test.slow()
  const teacher = await signedIn(openBrowser(), INSTRUCTOR.email)
  const group = await createGroup(teacher, `Feedback seminar ${runId}`)
  const alex = await joined(openBrowser(), ALEX.email, group)

  // The student drafts a map.
  const title = `Alliance durability ${runId}`
  const mapUrl = await createMap(alex, group, title)
  const point = 'Shared institutions make exit costly.'
  await addNote(alex, point)
  await addNote(alex, 'Crises test that.')
  await allSaved(alex)

  // The instructor sets a rubric of two criteria.
  await openReview(teacher, group)
  const rubric = await saveTwoCriteriaRubric(teacher)
  await teacher.reload()
  await expect(rubric.getByLabel('Criterion 1 name')).toHaveValue('Uses evidence')
  await expect(rubric.getByLabel('Criterion 2 points')).toHaveValue('3')

  // From the Students table to the student's map.
  const students = teacher.getByRole('region', { name: 'Students' })
  const alexRow = students.getByRole('row').filter({ hasText: ALEX.name })
  await expect(alexRow.getByRole('cell')).toHaveText(['0', '0', '0', '1', '0', /\d{4}/])
  await alexRow.getByRole('link', { name: 'maps' }).click()
  await expect(teacher).toHaveURL(/\/maps\?owner=[^&]+$/, SLOW)
  const personal = teacher.getByRole('region', { name: 'Personal maps' })
  await expect(personal.getByRole('listitem')).toHaveCount(1)
  await personal.getByRole('link', { name: title, exact: true }).click()
  await expect(teacher).toHaveURL(mapUrl, SLOW)
  await expect(teacher.getByText(`Personal map of ${ALEX.name} · Read-only for you`)).toBeVisible()
  await expect(nodes(teacher)).toHaveCount(2)

  // A comment pinned to a node, scored on the rubric.
  const panel = feedback(teacher)
  await expect(panel).toContainText('No feedback yet.')
  const comment = 'Good: you name the mechanism. Now cite a passage that shows it.'
  await panel.getByLabel('Comment').fill(comment)
  const pinTo = panel.getByLabel('Pin to')
  await expect(pinTo.getByRole('option')).toHaveText(['The whole map', `Node: ${point}`, 'Node: Crises test that.'])
  await pinTo.selectOption({ label: `Node: ${point}` })
  await panel.getByRole('spinbutton', { name: /Uses evidence \(of 5\)/ }).fill('4')
  await panel.getByRole('spinbutton', { name: /Clear structure \(of 3\)/ }).fill('2')
  await panel.getByRole('button', { name: 'Send feedback' }).click()
  const sent = panel.getByRole('listitem').filter({ hasText: comment })
  await expect(sent).toBeVisible(SLOW)
  await expect(sent).toContainText(`${INSTRUCTOR.name} · `)
  await expect(sent).toContainText(`on “${point}”`)
  await expect(sent).toContainText('Score: 6 / 8')
  await expect(sent).toContainText('Uses evidence: 4/5 · Clear structure: 2/3')
  await expect(panel.getByRole('heading')).toHaveText('Feedback (1)')
  await expect(panel.getByLabel('Comment')).toHaveValue('')

  // The student is told on the maps list.
  await alex.goto(mapsUrl(group))
  const row = mapRow(alex, title)
  await expect(row).toContainText('New feedback')
  await row.getByRole('link', { name: title, exact: true }).click()
  await expect(alex).toHaveURL(mapUrl, SLOW)
  const studentPanel = feedback(alex)
  await expect(studentPanel.getByRole('heading')).toHaveText(/^Feedback \(1\)\s*1 new$/)
  const received = studentPanel.getByRole('listitem')
  await expect(received).toHaveCount(1)
  await expect(received).toContainText(comment)
  await expect(received).toContainText(`on “${point}”`)
  await expect(received).toContainText('Score: 6 / 8')
  await expect(received).toContainText('Uses evidence: 4/5 · Clear structure: 2/3')
  // The student reads feedback but does not write or delete it.
  await expect(studentPanel.getByRole('button', { name: 'Send feedback' })).toHaveCount(0)
  await expect(studentPanel.getByLabel('Comment')).toHaveCount(0)
  await expect(received.getByRole('button', { name: 'Delete' })).toHaveCount(0)

  // Once seen, the markers go away.
  await expect(async () => {
    await alex.goto(mapsUrl(group))
    await expect(mapRow(alex, title)).toBeVisible()
    await expect(mapRow(alex, title)).not.toContainText('New feedback', { timeout: 1_000 })
  }).toPass(SLOW)
  await alex.goto(mapUrl)
  await expect(studentPanel.getByRole('heading')).toHaveText('Feedback (1)')
  await expect(studentPanel.getByRole('listitem')).toContainText(comment)
})

test('the compare view shows the shared passages', async ({ openBrowser }) => {
  test.slow()
  const { teacher, group, essayUrl } = await newSeminar(openBrowser, 'Comparison seminar')
  const alex = await joined(openBrowser(), ALEX.email, group)
  const bea = await joined(openBrowser(), BEA.email, group)

  // Alex tags three passages, Bea one more; classmates see each other's highlights.
  const shared = 'Alliances are usually'
  const onlyAlex = 'Shared bases, joint'
  const later = 'such inertia hides'
  const onlyBea = 'Critics answer'
  await alex.goto(essayUrl)
  await tagWithKeyboard(alex, { paragraph: 1, words: 3, key: '1' })
  await tagWithKeyboard(alex, { paragraph: 2, words: 3, key: '2' })
  await tagWithKeyboard(alex, { paragraph: 3, skip: 3, words: 3, key: '3' })
  await expect(highlightList(alex).getByRole('listitem')).toHaveCount(3, SLOW)
  await bea.goto(essayUrl)
  await tagWithKeyboard(bea, { paragraph: 3, words: 2, key: '1' })
  await expect(highlightList(bea).getByRole('listitem')).toHaveCount(4, SLOW)

  // Each cites the shared passage and one of their own.
  const alexTitle = `Alex on alliances ${runId}`
  const beaTitle = `Bea on alliances ${runId}`
  const alexMap = await createMap(alex, group, alexTitle)
  await cite(alex, shared)
  await cite(alex, onlyAlex)
  await allSaved(alex)
  const beaMap = await createMap(bea, group, beaTitle)
  await cite(bea, shared)
  await cite(bea, onlyBea)
  await allSaved(bea)

  await openReview(teacher, group)
  const form = teacher.getByRole('region', { name: 'Compare two maps' })
  await form.getByLabel('First map').selectOption({ label: `${alexTitle} — ${ALEX.name}` })
  await form.getByLabel('Second map').selectOption({ label: `${beaTitle} — ${BEA.name}` })
  await form.getByRole('button', { name: 'Compare' }).click()
  const alexId = new URL(alexMap).pathname.split('/').pop()!
  const beaId = new URL(beaMap).pathname.split('/').pop()!
  await expect(teacher).toHaveURL(`${group.url}/review/compare?a=${alexId}&b=${beaId}`, SLOW)
  await expect(teacher.getByRole('heading', { level: 1 })).toHaveText(`“${alexTitle}” and “${beaTitle}”`)

  const both = teacher.getByRole('region', { name: 'Passages both cite (1)' })
  await expect(both.getByRole('listitem')).toHaveCount(1)
  await expect(both.getByRole('listitem')).toContainText(`“${shared}”`)
  await expect(both.getByRole('listitem')).toContainText(`${ESSAY_TITLE} ¶1`)
  const onlyA = teacher.getByRole('region', { name: `Only in “${alexTitle}” (1)` })
  await expect(onlyA.getByRole('listitem')).toHaveCount(1)
  await expect(onlyA.getByRole('listitem')).toContainText(`“${onlyAlex}”`)
  await expect(onlyA.getByRole('listitem')).toContainText(`${ESSAY_TITLE} ¶2`)
  const onlyB = teacher.getByRole('region', { name: `Only in “${beaTitle}” (1)` })
  await expect(onlyB.getByRole('listitem')).toHaveCount(1)
  await expect(onlyB.getByRole('listitem')).toContainText(`“${onlyBea}”`)
  const relations = teacher.getByRole('region', { name: 'Relations between the same passages' })
  await expect(relations.getByRole('listitem')).toHaveText(['The maps do not connect the same passages.'])

  // Both now cite the later passage too, and disagree on what it does to the shared one.
  await alex.goto(alexMap)
  await cite(alex, later)
  // Side by side, so each can be clicked.
  await tools(alex).getByRole('button', { name: 'Auto-layout (L)' }).click()
  await connect(alex, later, shared, 'supports (S)')
  await allSaved(alex)
  await bea.goto(beaMap)
  await cite(bea, later)
  await tools(bea).getByRole('button', { name: 'Auto-layout (L)' }).click()
  await connect(bea, later, shared, 'attacks (A)')
  await allSaved(bea)

  await teacher.reload()
  await expect(teacher.getByRole('region', { name: 'Passages both cite (2)' }).getByRole('listitem')).toHaveCount(2)
  await expect(relations.getByRole('listitem')).toHaveText([
    `✗ “${later}” supports “${shared}” in the first map, but attacks it in the second`,
  ])
  await expect(relations.getByRole('listitem')).toHaveCount(1)
})

test('students do not get the review pages', async ({ openBrowser }) => {
  const alex = await signedIn(openBrowser(), ALEX.email)
  await alex.getByRole('link', { name: new RegExp(DEMO_GROUP) }).click()
  await expect(alex.getByRole('heading', { level: 1, name: DEMO_GROUP })).toBeVisible(SLOW)
  const nav = alex.getByRole('navigation', { name: 'Group' })
  await expect(nav.getByRole('link', { name: 'Argument maps' })).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Review' })).toHaveCount(0)
  await expect(alex.getByRole('link', { name: 'Review' })).toHaveCount(0)

  const reviewPath = `${new URL(alex.url()).pathname}/review`
  // A refusal of some kind: never the dashboard. (Today it is the generic error page with HTTP 500,
  // where a 404 or a "not allowed" page like the student's /sources/new would be right.)
  const response = await alex.goto(reviewPath)
  expect(response?.status()).toBeGreaterThanOrEqual(400)
  await expect(
    alex.getByRole('heading', { name: 'Not found' }).or(alex.getByRole('main').getByRole('alert')).first(),
  ).toBeVisible()
  await expect(alex.getByRole('heading', { name: 'Review' })).toHaveCount(0)
  await expect(alex.getByRole('region', { name: 'Students' })).toHaveCount(0)
  await expect(alex.getByRole('table')).toHaveCount(0)
  await expect(alex.getByText(BEA.name)).toHaveCount(0)
  await expect(alex.getByRole('region', { name: 'Rubric for scoring maps' })).toHaveCount(0)
  await expect(alex.getByRole('button', { name: 'Save rubric' })).toHaveCount(0)

  // The instructor, by contrast, gets the dashboard.
  const teacher = await signedIn(openBrowser(), INSTRUCTOR.email)
  await teacher.goto(reviewPath)
  await expect(
    teacher.getByRole('region', { name: 'Students' }).getByRole('row').filter({ hasText: ALEX.name }),
  ).toBeVisible()
})
