// The argument map journeys: citing highlighted passages on a map, connecting them, laying out
// and undoing, editing a group map together live, following a citation back to the essay, and
// submitting a map for review.
import { expect, type Locator, type Page } from '@playwright/test'
import { test } from './support/browsers'
import { dragAlongFirstLine, essay, paragraph, selected, tagToolbar } from './support/reading'
import {
  ON_NODE,
  addNote,
  allSaved,
  canvas,
  createMap,
  edges,
  mapRow,
  mapsUrl,
  nodes,
  nodeWith,
  passageItem,
  passagePanel,
  tools,
} from './support/map-editor'
import { PASSAGE_PAGE } from '../lib/maps/passage-filter'
import { ALEX, ESSAY, INSTRUCTOR, ESSAY_TITLE, SLOW, acceptDialogs, joined, newSeminar, runId } from './support/seminar'

/** A node's words as the edge's name holds them: isolated, so a right-to-left label keeps its place. */
const isolated = (text: string) => `\u2068${text}\u2069`

// Room for the three columns of the map page and a canvas where two nodes sit apart.
test.use({ viewport: { width: 1440, height: 900 } })

// The reader's landmarks.

/** Drags the mouse across the first line of paragraph `n`, tags it, and returns the quote as saved. */
async function tagWithMouse(page: Page, n: number, tag: 'Claim' | 'Evidence' | 'Bias', by: { name: string }) {
  const p = await dragAlongFirstLine(page, n, 0.4)
  const toolbar = tagToolbar(page)
  await expect(toolbar).toBeVisible()
  await toolbar.getByRole('button', { name: new RegExp(`^${tag}`) }).click()
  await expect(toolbar).toBeHidden(SLOW)
  const detail = selected(page).getByRole('article', { name: `${tag} by ${by.name}` })
  await expect(detail).toBeVisible(SLOW)
  const quote = (await detail.locator('blockquote').innerText()).trim()
  expect(quote.split(/\s+/).length).toBeGreaterThan(2)
  expect((await p.innerText()).startsWith(quote)).toBe(true)
  return quote
}

// The map pages.
const edgeLabels = (page: Page) => canvas(page).locator('[data-relation-label]')

/** Where a node sits on the canvas (its flow position, as React Flow draws it). */
const positionOf = (node: Locator) => node.evaluate((el) => (el as HTMLElement).style.transform)

test("a seminar's many passages: the map's panel shows a page at a time and finds one by its words", async ({
  openBrowser,
}) => {
  test.slow()
  const { group, essayUrl } = await newSeminar(openBrowser, 'Many passages seminar')
  const alex = await joined(openBrowser(), ALEX.email, group)
  // More passages than a page: every three-word phrase of the essay's first words, tagged over HTTP.
  const sourceId = new URL(essayUrl).pathname.split('/').at(-1)!
  const words = [...ESSAY.matchAll(/\S+/g)].slice(0, PASSAGE_PAGE + 12)
  const phrases: string[] = []
  const tags = ['CLAIM', 'EVIDENCE', 'BIAS'] as const
  for (let i = 0; i + 2 < words.length; i++) {
    const start = words[i]!.index
    const end = words[i + 2]!.index + words[i + 2]![0].length
    const response = await alex.request.post(`/api/sources/${sourceId}/highlights`, {
      data: { start, end, tag: tags[i % 3] },
    })
    expect(response.status(), await response.text()).toBe(201)
    phrases.push(ESSAY.slice(start, end))
  }
  expect(phrases.length).toBeGreaterThan(PASSAGE_PAGE)

  await createMap(alex, group, `Many passages ${runId}`)
  const panel = passagePanel(alex)
  const items = panel.getByRole('list', { name: 'Passages' }).getByRole('listitem').filter({ hasText: '“' })
  await expect(panel).toContainText(`${phrases.length} passages.`)
  await expect(items).toHaveCount(PASSAGE_PAGE)
  const more = panel.getByRole('button', { name: /^Show \d+ more/ })
  await expect(more).toHaveText(
    `Show ${phrases.length - PASSAGE_PAGE} more (${phrases.length - PASSAGE_PAGE} not shown)`,
  )
  await more.press('Enter')
  await expect(items).toHaveCount(phrases.length)
  await expect(more).toHaveCount(0)

  // Words typed in any case, in any order, find the passages holding all of them.
  const find = panel.getByRole('searchbox', { name: 'Find' })
  await find.fill('PROCUREMENT common')
  const found = phrases.filter((p) => /procurement/i.test(p) && /common/i.test(p))
  expect(found.length).toBeGreaterThan(0)
  await expect(items).toHaveCount(found.length)
  await expect(panel).toContainText(`${found.length} of ${phrases.length} passages match.`)
  await find.fill('no such words here')
  await expect(items).toHaveCount(0)
  await expect(panel).toContainText('No passage matches these filters.')

  // With the tag too; then one found passage goes onto the map from the keyboard.
  // (The essay's title and the author's name are searched too: "alliances" would find every one.)
  await find.fill('habits')
  await panel.getByLabel('Tag').selectOption('EVIDENCE')
  const evidence = phrases.filter((p, i) => /habits/i.test(p) && tags[i % 3] === 'EVIDENCE')
  expect(evidence).toHaveLength(1)
  await expect(items).toHaveCount(1)
  await expect(items).toContainText(evidence[0]!)
  await items
    .first()
    .getByRole('button', { name: /^Add to map: Evidence/ })
    .press('Enter')
  await expect(nodes(alex)).toHaveCount(1)
  await allSaved(alex)
})

test('a student drags a highlighted passage onto the map and connects two nodes with attacks', async ({
  openBrowser,
}) => {
  test.slow()
  const { group, essayUrl } = await newSeminar(openBrowser, 'Mapping seminar')
  const alex = await joined(openBrowser(), ALEX.email, group)

  // Two passages tagged in the reader.
  await alex.goto(essayUrl)
  await expect(essay(alex)).toBeVisible()
  const claim = await tagWithMouse(alex, 1, 'Claim', ALEX)
  const critique = await tagWithMouse(alex, 3, 'Evidence', ALEX)

  const title = `Why alliances persist ${runId}`
  await createMap(alex, group, title)
  await expect(alex.getByText(`Personal map of ${ALEX.name}`)).toBeVisible()
  await expect(passagePanel(alex).getByRole('listitem')).toHaveCount(2)
  await expect(passageItem(alex, claim)).toContainText(`${ESSAY_TITLE} ¶1 · ${ALEX.name}`)
  await expect(passageItem(alex, critique)).toContainText(`${ESSAY_TITLE} ¶3 · ${ALEX.name}`)
  await expect(nodes(alex)).toHaveCount(0)

  // The claim is dragged onto the top-left of the canvas.
  await passageItem(alex, claim).dragTo(canvas(alex), { targetPosition: { x: 40, y: 40 } })
  const claimNode = nodeWith(alex, claim)
  await expect(claimNode).toBeVisible()
  await expect(claimNode).toHaveAccessibleName(`claim: ${claim}, citing ${ESSAY_TITLE}`)
  await expect(nodes(alex)).toHaveCount(1)

  // The critique comes in with its + button (in the middle of the canvas).
  await passageItem(alex, critique)
    .getByRole('button', { name: `Add to map: Evidence “${critique.slice(0, 60)}”` })
    .click()
  const critiqueNode = nodeWith(alex, critique)
  await expect(critiqueNode).toBeVisible()
  await expect(critiqueNode).toHaveAccessibleName(`evidence: ${critique}, citing ${ESSAY_TITLE}`)
  await expect(nodes(alex)).toHaveCount(2)
  await allSaved(alex)

  // The critique attacks the claim: select the critique, then the claim, and connect them as "attacks".
  const connectButton = tools(alex).getByRole('button', { name: 'Connect selected' })
  await expect(connectButton).toBeDisabled()
  await critiqueNode.click(ON_NODE)
  await claimNode.click({ ...ON_NODE, modifiers: ['ControlOrMeta'] })
  await expect(critiqueNode).toHaveClass(/\bselected\b/)
  await expect(claimNode).toHaveClass(/\bselected\b/)
  await expect(connectButton).toBeEnabled()
  await tools(alex).getByRole('combobox').selectOption({ label: 'attacks (A)' })
  await connectButton.click()
  await expect(edges(alex)).toHaveCount(1)
  const edge = edges(alex).first()
  await expect(edge).toHaveAccessibleName(`${isolated(critique.slice(0, 40))} attacks ${isolated(claim.slice(0, 40))}`)
  await expect(edgeLabels(alex)).toHaveText(['attacks'])
  await allSaved(alex)

  // Auto-layout moves the nodes; Undo puts them back.
  const before = [await positionOf(claimNode), await positionOf(critiqueNode)]
  await tools(alex).getByRole('button', { name: 'Auto-layout (L)' }).click()
  await expect.poll(async () => [await positionOf(claimNode), await positionOf(critiqueNode)]).not.toEqual(before)
  const laidOut = [await positionOf(claimNode), await positionOf(critiqueNode)]
  expect(laidOut[0]).not.toBe(before[0])
  await allSaved(alex)
  await tools(alex).getByRole('button', { name: 'Undo' }).click()
  await expect.poll(async () => [await positionOf(claimNode), await positionOf(critiqueNode)]).toEqual(before)
  await allSaved(alex)

  // And it is all saved: two nodes, one "attacks" edge, where they were before the layout.
  await alex.reload()
  await expect(nodes(alex)).toHaveCount(2)
  await expect(claimNode).toBeVisible()
  await expect(critiqueNode).toBeVisible()
  await expect(edges(alex)).toHaveCount(1)
  await expect(edges(alex).first()).toHaveAccessibleName(
    `${isolated(critique.slice(0, 40))} attacks ${isolated(claim.slice(0, 40))}`,
  )
  await expect(edgeLabels(alex)).toHaveText(['attacks'])
  expect([await positionOf(claimNode), await positionOf(critiqueNode)]).toEqual(before)

  // The maps list counts them.
  await alex.goto(mapsUrl(group))
  await expect(mapRow(alex, title)).toContainText('2 nodes · 1 relations')
})

test('two members co-edit a group map and see each other’s changes', async ({ openBrowser }) => {
  test.slow()
  const { teacher, group } = await newSeminar(openBrowser, 'Co-editing seminar')
  const alex = await joined(openBrowser(), ALEX.email, group)

  const title = `Seminar map ${runId}`
  const url = await createMap(teacher, group, title, 'group')
  await expect(teacher.getByText('Group map — everyone in the group edits it')).toBeVisible()
  await alex.goto(mapsUrl(group))
  await expect(mapRow(alex, title)).toBeVisible()
  await mapRow(alex, title).getByRole('link', { name: title, exact: true }).click()
  await expect(alex).toHaveURL(url)
  await expect(canvas(alex)).toBeVisible()

  // Each sees the other on the map.
  await expect(tools(alex)).toContainText(`Also here: ${INSTRUCTOR.name}`, SLOW)
  await expect(tools(teacher)).toContainText(`Also here: ${ALEX.name}`, SLOW)

  // The student adds a note; it reaches the instructor without a reload.
  const text = `Habits outlive threats ${runId}`
  await addNote(alex, text)
  await expect(nodeWith(teacher, text)).toBeVisible({ timeout: 5_000 })
  await expect(nodeWith(teacher, text)).toHaveAccessibleName(`note: ${text}`)
  await expect(nodes(teacher)).toHaveCount(1)
  await allSaved(alex)

  // The instructor selects it; the student sees who has it selected.
  await nodeWith(teacher, text).click(ON_NODE)
  await expect(nodeWith(teacher, text)).toHaveClass(/\bselected\b/)
  await expect(nodeWith(alex, text).getByLabel(`Selected by ${INSTRUCTOR.name}`)).toBeVisible({ timeout: 5_000 })

  // And the instructor's edit reaches the student too.
  await teacher.keyboard.press('Enter')
  const editor = canvas(teacher).getByRole('textbox', { name: 'Node text' })
  await expect(editor).toBeFocused()
  await teacher.keyboard.press('ControlOrMeta+End')
  await teacher.keyboard.type(' — and institutions')
  await teacher.keyboard.press('Enter')
  await expect(nodeWith(alex, `${text} — and institutions`)).toBeVisible({ timeout: 5_000 })
  await allSaved(teacher)
  await expect(nodes(alex)).toHaveCount(1)
})

test('clicking a node’s citation opens the reader at the passage', async ({ openBrowser }) => {
  test.slow()
  const { group, essayUrl } = await newSeminar(openBrowser, 'Citation seminar')
  const alex = await joined(openBrowser(), ALEX.email, group)
  await alex.goto(essayUrl)
  const quote = await tagWithMouse(alex, 2, 'Evidence', ALEX)

  const title = `Costs of leaving ${runId}`
  await createMap(alex, group, title)
  await passageItem(alex, quote)
    .getByRole('button', { name: /^Add to map: Evidence/ })
    .click()
  const node = nodeWith(alex, quote)
  await expect(node).toBeVisible()
  await allSaved(alex)

  const citation = node.getByRole('link', { name: `${ESSAY_TITLE} ¶2` })
  await expect(citation).toHaveAttribute('title', `Open “${ESSAY_TITLE}” at this passage`)
  await citation.click()
  await expect(alex).toHaveURL(new RegExp(`^${essayUrl}\\?highlight=[^&]+$`), SLOW)
  const highlightId = new URL(alex.url()).searchParams.get('highlight')!
  await expect(alex.getByRole('heading', { level: 1, name: ESSAY_TITLE })).toBeVisible()

  // The passage flashes in the text, and its detail says where it is cited.
  const mark = essay(alex).locator(`mark[data-hl~="${highlightId}"]`)
  await expect(mark).toHaveText(quote)
  await expect(mark).toHaveClass(/\bflash\b/)
  await expect(mark).toBeInViewport()
  await expect(paragraph(alex, 2).locator(`mark[data-hl~="${highlightId}"]`)).toHaveCount(1)
  const detail = selected(alex).getByRole('article', { name: `Evidence by ${ALEX.name}` })
  await expect(detail.locator('blockquote')).toHaveText(quote)
  await expect(detail).toContainText(`Cited in ${title}`)
  // And back again to the map.
  await detail.getByRole('link', { name: title }).click()
  await expect(alex.getByRole('heading', { level: 1, name: title })).toBeVisible(SLOW)
  await expect(nodeWith(alex, quote)).toBeVisible()
})

test('a submitted map is read-only until reopened', async ({ openBrowser }) => {
  test.slow()
  const { teacher, group } = await newSeminar(openBrowser, 'Submission seminar')
  const alex = await joined(openBrowser(), ALEX.email, group)

  const title = `Final argument ${runId}`
  const url = await createMap(alex, group, title)
  await addNote(alex, 'Alliances persist through habit.')
  await allSaved(alex)

  // The student submits from the maps list.
  await alex.goto(mapsUrl(group))
  const row = mapRow(alex, title)
  const confirmations = acceptDialogs(alex)
  await row.getByRole('button', { name: `Submit ${title} for review` }).click()
  await expect(row).toContainText('Submitted', SLOW)
  expect(confirmations).toEqual(['Submit this map for review? You cannot edit it until your instructor reopens it.'])
  await expect(row.getByRole('button', { name: `Submit ${title} for review` })).toHaveCount(0)
  await expect(row.getByRole('button', { name: `Rename ${title}` })).toHaveCount(0)
  await expect(row.getByRole('button', { name: `Delete ${title}` })).toHaveCount(0)

  // The map is read-only now.
  await row.getByRole('link', { name: title, exact: true }).click()
  await expect(alex).toHaveURL(url)
  await expect(alex.getByText(`Personal map of ${ALEX.name} · Submitted for review (read-only)`)).toBeVisible()
  const addNoteButton = tools(alex).getByRole('button', { name: '✎ Add note (N)' })
  await expect(addNoteButton).toBeDisabled()
  await expect(tools(alex).getByRole('button', { name: 'Auto-layout (L)' })).toBeDisabled()
  await expect(passagePanel(alex)).toContainText('This map is read-only.')
  // Nor does the keyboard add anything.
  await nodeWith(alex, 'Alliances persist through habit.').click(ON_NODE)
  await alex.keyboard.press('n')
  await alex.keyboard.press('Delete')
  await expect(nodes(alex)).toHaveCount(1)
  await expect(canvas(alex).getByRole('textbox', { name: 'Node text' })).toHaveCount(0)

  // The instructor reopens it.
  await teacher.goto(mapsUrl(group))
  const teacherRow = mapRow(teacher, title)
  await expect(teacherRow).toContainText('Submitted')
  await expect(teacherRow).toContainText(`${ALEX.name} · 1 nodes`)
  await teacherRow.getByRole('button', { name: `Reopen ${title}` }).click()
  await expect(teacherRow.getByRole('button', { name: `Reopen ${title}` })).toHaveCount(0, SLOW)
  await expect(teacherRow).not.toContainText('Submitted')

  // The student can edit again.
  await alex.reload()
  await expect(alex.getByText(`Personal map of ${ALEX.name}`, { exact: true })).toBeVisible()
  await expect(alex.getByText('Submitted for review (read-only)')).toHaveCount(0)
  await expect(addNoteButton).toBeEnabled()
  await addNote(alex, 'Second thoughts after feedback.')
  await allSaved(alex)
  await alex.reload()
  await expect(nodes(alex)).toHaveCount(2)
  await alex.goto(mapsUrl(group))
  await expect(mapRow(alex, title)).not.toContainText('Submitted')
  await expect(mapRow(alex, title).getByRole('button', { name: `Submit ${title} for review` })).toBeVisible()
})
