// The reader journeys: tagging passages with the mouse and the keyboard, notes and replies,
// filters, live updates between classmates, who may read what, the class view and exports.
import { readFile } from 'node:fs/promises'
import { expect, type Download, type Locator, type Page } from '@playwright/test'
import { test } from './support/browsers'
import { dragAlongFirstLine, essay, paragraph, selected, tagToolbar, tagWithKeyboard } from './support/reading'
import {
  DEMO_GROUP,
  ALEX,
  BEA,
  CHRIS,
  INSTRUCTOR,
  SLOW,
  acceptDialogs,
  addEssay,
  joinWithCode,
  ownGroup,
  person,
  signedIn,
  signedUp,
} from './support/seminar'

// Each journey reads its own essay, so the highlights of one never show up in another.
const ESSAYS = {
  mouse: 'US – Japan Alliance',
  keyboard: 'US-Japan Alliance amid Changing Security Environment',
  notes: 'The Development and Significance of the U.S.-Japan Enforced Security Alliance',
  outsider: 'The U.S.-Japan Alliance',
  classView: 'Converging Interests and Shared Values: The U.S.-Japan Bilateral Alliance Enters the 21st Century',
}

/** From the dashboard: opens a demo essay in the reader. */
async function openDemoEssay(page: Page, title: string) {
  await page.getByRole('link', { name: new RegExp(DEMO_GROUP) }).click()
  await expect(page.getByRole('heading', { level: 1, name: DEMO_GROUP })).toBeVisible(SLOW)
  await page.getByRole('region', { name: 'Sources' }).getByRole('link', { name: title, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible(SLOW)
  await expect(essay(page)).toBeVisible()
  return page.url()
}

// The reader's landmarks.
const highlightList = (page: Page) => page.getByRole('list', { name: 'Highlights in reading order' })
/** The tag icon each item's head draws (CSS content from its data-icon). */
const iconsOf = (items: Locator) =>
  items.locator('.hl-row-head').evaluateAll((heads) => heads.map((head) => (head as HTMLElement).dataset.icon))
const listItem = (page: Page, quote: string) =>
  highlightList(page)
    .getByRole('listitem')
    .filter({ hasText: `“${quote}”` })
const announcer = (page: Page) => page.getByRole('complementary', { name: 'Highlights' }).getByRole('status')
const readingNow = (page: Page) => page.getByRole('region', { name: 'Reading now' })
const marksTitled = (page: Page, title: string) => essay(page).locator(`mark[title="${title}"]`)

async function downloaded(download: Download) {
  expect(await download.failure()).toBeNull()
  return readFile((await download.path())!, 'utf8')
}

test('a student tags a claim with the mouse and a classmate sees it live', async ({ openBrowser }) => {
  test.slow()
  const alex = await signedIn(openBrowser(), ALEX.email)
  const url = await openDemoEssay(alex, ESSAYS.mouse)
  const bea = await signedIn(openBrowser(), BEA.email)
  await bea.goto(url)
  await expect(essay(bea)).toBeVisible()

  // Both readers are connected to the live stream and see each other.
  for (const [page, other] of [
    [alex, BEA],
    [bea, ALEX],
  ] as const) {
    await expect(readingNow(page)).toContainText(other.name, SLOW)
  }
  await expect(readingNow(alex)).toContainText(`${ALEX.name} (you)`)
  await expect(readingNow(bea)).toContainText(`${BEA.name} (you)`)
  const before = await highlightList(bea).getByRole('listitem').count()
  // What Bea's reader asks the server from now on (server actions carry their arguments as JSON).
  const asked: string[] = []
  bea.on('request', (request) => {
    if (request.method() === 'POST' && request.headers()['next-action']) asked.push(request.postData() ?? '')
  })

  // Drag across the first line of paragraph 1.
  const p1 = await dragAlongFirstLine(alex, 1, 0.5)

  const toolbar = tagToolbar(alex)
  await expect(toolbar).toBeVisible()
  await expect(toolbar.getByRole('button')).toHaveText([/Claim/, /Evidence/, /Bias/])
  await toolbar.getByRole('button', { name: /^Claim/ }).click()
  await expect(toolbar).toBeHidden(SLOW)

  // The new highlight opens for its author.
  const detail = selected(alex).getByRole('article', { name: `Claim by ${ALEX.name}` })
  await expect(detail).toBeVisible(SLOW)
  const quote = (await detail.locator('blockquote').innerText()).trim()
  expect(quote.split(/\s+/).length).toBeGreaterThan(2)
  expect((await p1.innerText()).startsWith(quote)).toBe(true)
  await expect(announcer(alex)).toHaveText('Claim highlight added.')

  // The classmate sees it without reloading: in the list and drawn in the text.
  await expect(highlightList(bea).getByRole('listitem')).toHaveCount(before + 1, { timeout: 5_000 })
  const item = listItem(bea, quote)
  await expect(item).toHaveCount(1)
  await expect(item).toContainText(`Claim · ${ALEX.name}`)
  const mark = paragraph(bea, 1).locator(`mark[title="Claim by ${ALEX.name}"]`)
  await expect(mark).toHaveText(quote)
  await expect(readingNow(bea)).toContainText(ALEX.name)
  await expect(readingNow(bea)).toContainText(BEA.name)
  // Bea's reader read that one highlight again, not every highlight of the essay.
  const rereads = asked.filter((body) => body.includes('"sourceId"'))
  expect(rereads.length).toBeGreaterThan(0)
  for (const body of rereads)
    expect(JSON.parse(body)).toEqual([{ sourceId: expect.any(String), highlightIds: [expect.any(String)] }])
})

test('a student selects with the keyboard and tags evidence with 2', async ({ openBrowser }) => {
  const chris = await signedIn(openBrowser(), CHRIS.email)
  await openDemoEssay(chris, ESSAYS.keyboard)
  await expect(paragraph(chris, 2)).toContainText('Japan is in a vulnerable position due to its strategic location')

  // Down to paragraph 2, over "Japan is" and a space, then four words: "in a vulnerable position".
  await essay(chris).focus()
  await chris.keyboard.press('ArrowDown')
  await chris.keyboard.press('Control+ArrowRight')
  await chris.keyboard.press('Control+ArrowRight')
  await chris.keyboard.press('ArrowRight')
  // A tag key with nothing selected explains what to do.
  await chris.keyboard.press('2')
  await expect(announcer(chris)).toHaveText('Select a passage first: Shift with the arrow keys.')
  for (let i = 0; i < 3; i++) await chris.keyboard.press('Control+Shift+ArrowRight')
  await chris.keyboard.press('Shift+ArrowRight')
  await chris.keyboard.press('Shift+ArrowRight')
  await chris.keyboard.press('Control+Shift+ArrowRight')
  expect(await chris.evaluate(() => window.getSelection()?.toString())).toBe('in a vulnerable position')
  await expect(tagToolbar(chris).getByText(/^\d+ chars$/)).toHaveText('24 chars')

  await chris.keyboard.press('2')
  await expect(tagToolbar(chris)).toBeHidden(SLOW)
  await expect(announcer(chris)).toHaveText('Evidence highlight added.')
  const detail = selected(chris).getByRole('article', { name: `Evidence by ${CHRIS.name}` })
  await expect(detail.locator('blockquote')).toHaveText('in a vulnerable position')
  await expect(listItem(chris, 'in a vulnerable position')).toContainText(`Evidence · ${CHRIS.name}`)
  await expect(paragraph(chris, 2).locator(`mark[title="Evidence by ${CHRIS.name}"]`)).toHaveText(
    'in a vulnerable position',
  )
  // Focus stays in the essay, so the next passage can be tagged straight away.
  await expect(essay(chris)).toBeFocused()

  // And it is saved.
  await chris.reload()
  await expect(listItem(chris, 'in a vulnerable position')).toContainText(`Evidence · ${CHRIS.name}`)
})

test('a note and a reply thread survive a reload', async ({ openBrowser }) => {
  test.slow()
  const quote = 'The US strategy in'
  const alex = await signedIn(openBrowser(), ALEX.email)
  const url = await openDemoEssay(alex, ESSAYS.notes)
  await expect(paragraph(alex, 1)).toContainText(`${quote} the Asia Pacific region`)

  await tagWithKeyboard(alex, { paragraph: 1, words: 4, key: '3' })
  const detail = selected(alex).getByRole('article', { name: `Bias by ${ALEX.name}` })
  await expect(detail.locator('blockquote')).toHaveText(quote)
  const noteSection = detail.getByRole('region', { name: 'Note', exact: true })
  await expect(noteSection).toContainText('No note yet.')

  await noteSection.getByRole('button', { name: 'Add a note' }).click()
  const editor = noteSection.getByRole('textbox', { name: 'Note', exact: true })
  await expect(editor).toBeFocused()
  await alex.keyboard.type('Framed as ')
  const bold = noteSection
    .getByRole('toolbar', { name: 'Note formatting' })
    .getByRole('button', { name: 'Bold (Ctrl+B)' })
  await bold.click()
  await expect(bold).toHaveAttribute('aria-pressed', 'true')
  await alex.keyboard.type('dominance')
  await bold.click()
  await expect(bold).toHaveAttribute('aria-pressed', 'false')
  await alex.keyboard.type(', not partnership.')
  await noteSection.getByRole('button', { name: 'Save note' }).click()
  await expect(editor).toBeHidden(SLOW)
  await expect(noteSection).toContainText('Framed as dominance, not partnership.')
  await expect(noteSection.locator('strong')).toHaveText('dominance')

  await alex.reload()
  await listItem(alex, quote).getByRole('button').click()
  await expect(noteSection).toContainText('Framed as dominance, not partnership.')
  await expect(noteSection.locator('strong')).toHaveText('dominance')
  await expect(noteSection.getByRole('button', { name: 'Edit note' })).toBeVisible()

  // A classmate reads the note and replies.
  const bea = await signedIn(openBrowser(), BEA.email)
  await bea.goto(url)
  await listItem(bea, quote).getByRole('button').click()
  const beaDetail = selected(bea).getByRole('article', { name: `Bias by ${ALEX.name}` })
  await expect(beaDetail.getByRole('region', { name: 'Note', exact: true })).toContainText(
    'Framed as dominance, not partnership.',
  )
  // Only the author may change the note.
  await expect(beaDetail.getByRole('button', { name: /note/i })).toHaveCount(0)
  await beaDetail.getByRole('textbox', { name: 'Write a reply' }).click()
  await bea.keyboard.type('Is “dominance” the author’s word or yours?')
  await beaDetail.getByRole('button', { name: 'Reply', exact: true }).click()
  const beaReplies = beaDetail.getByRole('region', { name: 'Replies' })
  await expect(beaReplies.getByRole('listitem')).toHaveCount(1, SLOW)
  await expect(beaReplies).toContainText('Replies (1)')

  // The author sees the reply after a reload, but may not change a classmate's words.
  await alex.reload()
  await listItem(alex, quote).getByRole('button').click()
  const replies = detail.getByRole('region', { name: 'Replies' })
  await expect(replies).toContainText('Replies (1)')
  const beaReply = replies.getByRole('listitem').filter({ hasText: BEA.name })
  await expect(beaReply).toContainText('Is “dominance” the author’s word or yours?')
  await expect(beaReply.getByRole('button')).toHaveCount(0)
  await expect(listItem(alex, quote)).toContainText('💬 1')

  // The author answers, edits the answer, then deletes it.
  await replies.getByRole('textbox', { name: 'Write a reply' }).click()
  await alex.keyboard.type('The author’s, in the abstract.')
  await replies.getByRole('button', { name: 'Reply', exact: true }).click()
  const alexReply = replies.getByRole('listitem').filter({ hasText: ALEX.name })
  await expect(alexReply).toContainText('The author’s, in the abstract.', SLOW)
  await expect(replies).toContainText('Replies (2)')
  // The new reply reaches the classmate live.
  await expect(beaReplies.getByRole('listitem')).toHaveCount(2, SLOW)

  await alexReply.getByRole('button', { name: 'Edit' }).click()
  const replyEditor = alexReply.getByRole('textbox', { name: 'Edit reply' })
  await expect(replyEditor).toBeFocused()
  await alex.keyboard.press('ControlOrMeta+a')
  await alex.keyboard.type('Mine: the abstract says “regional dominance”.')
  await alexReply.getByRole('button', { name: 'Save reply' }).click()
  await expect(replyEditor).toBeHidden(SLOW)
  await expect(alexReply).toContainText('Mine: the abstract says “regional dominance”.')
  await expect(alexReply).toContainText('(edited)')
  await expect(alexReply).not.toContainText('The author’s, in the abstract.')

  const confirmations = acceptDialogs(alex)
  await alexReply.getByRole('button', { name: 'Delete' }).click()
  await expect(alexReply).toHaveCount(0, SLOW)
  expect(confirmations).toEqual(['Delete this reply?'])
  await expect(replies).toContainText('Replies (1)')

  await alex.reload()
  await listItem(alex, quote).getByRole('button').click()
  await expect(replies.getByRole('listitem')).toHaveCount(1)
  await expect(replies.getByRole('listitem')).toContainText(BEA.name)
  await expect(noteSection.locator('strong')).toHaveText('dominance')
})

test('filters and counts', async ({ openBrowser }) => {
  test.slow()
  const ada = person('Ada Annotator')
  const ben = person('Ben Bystander')

  const { teacher, group } = await ownGroup(openBrowser(), person('Frida Filter'), 'Filter seminar')
  const url = await addEssay(teacher)

  const adaPage = await signedUp(openBrowser(), ada)
  await joinWithCode(adaPage, group)
  await adaPage.goto(url)
  await tagWithKeyboard(adaPage, { paragraph: 1, words: 3, key: '1' })
  await expect(listItem(adaPage, 'Alliances are usually')).toBeVisible()
  await tagWithKeyboard(adaPage, { paragraph: 2, words: 3, key: '2' })
  await expect(listItem(adaPage, 'Shared bases, joint')).toBeVisible()

  const benPage = await signedUp(openBrowser(), ben)
  await joinWithCode(benPage, group)
  await benPage.goto(url)
  await tagWithKeyboard(benPage, { paragraph: 3, words: 2, key: '1' })
  await expect(listItem(benPage, 'Critics answer')).toBeVisible()
  await tagWithKeyboard(benPage, { paragraph: 3, skip: 3, words: 3, key: '3' })
  await expect(listItem(benPage, 'such inertia hides')).toBeVisible()

  // Ada reads everyone's highlights in reading order.
  await adaPage.reload()
  const items = highlightList(adaPage).getByRole('listitem')
  const status = adaPage.getByText(/^Showing \d+ of \d+ highlights$/)
  await expect(items).toHaveText([
    `Claim · ${ada.name}“Alliances are usually”`,
    `Evidence · ${ada.name}“Shared bases, joint”`,
    `Claim · ${ben.name}“Critics answer”`,
    `Bias · ${ben.name}“such inertia hides”`,
  ])
  // Each tag's icon too, a cue besides colour (drawn by CSS from the item's head).
  expect(await iconsOf(items)).toEqual(['◆', '●', '◆', '▲'])
  await expect(status).toHaveText('Showing 4 of 4 highlights')
  await expect(adaPage.getByRole('checkbox', { name: 'Claim 2 claim highlights', exact: true })).toBeVisible()
  await expect(adaPage.getByRole('checkbox', { name: 'Evidence 1 evidence highlights', exact: true })).toBeVisible()
  await expect(adaPage.getByRole('checkbox', { name: 'Bias 1 bias highlights', exact: true })).toBeVisible()
  await expect(essay(adaPage).locator('mark')).toHaveCount(4)

  // Unticking Claim hides claims from the list and from the text; the counts stay.
  const claim = adaPage.getByRole('group', { name: 'Show tags' }).getByRole('checkbox', { name: /^Claim/ })
  await expect(claim).toBeChecked()
  await claim.uncheck()
  await expect(items).toHaveCount(2)
  await expect(items.filter({ hasText: 'Claim' })).toHaveCount(0)
  await expect(status).toHaveText('Showing 2 of 4 highlights')
  await expect(essay(adaPage).locator('mark')).toHaveCount(2)
  await expect(essay(adaPage).locator('mark[title^="Claim"]')).toHaveCount(0)
  await expect(paragraph(adaPage, 1).locator('mark')).toHaveCount(0)
  await expect(adaPage.getByRole('checkbox', { name: 'Claim 2 claim highlights', exact: true })).toBeVisible()
  await claim.check()
  await expect(items).toHaveCount(4)

  // "Mine": only Ada's own.
  await adaPage.getByRole('radio', { name: 'Mine' }).check()
  await expect(items).toHaveCount(2)
  await expect(items.filter({ hasText: ada.name })).toHaveCount(2)
  await expect(essay(adaPage).locator('mark')).toHaveCount(2)
  await expect(paragraph(adaPage, 3).locator('mark')).toHaveCount(0)
  await adaPage.getByRole('radio', { name: 'All' }).check()
  await expect(items).toHaveCount(4)

  // The author select: only Ben's.
  const author = adaPage.getByRole('combobox', { name: 'Author' })
  await expect(author.getByRole('option')).toHaveText(['Everyone', ada.name, ben.name])
  await author.selectOption({ label: ben.name })
  await expect(items).toHaveText([`Claim · ${ben.name}“Critics answer”`, `Bias · ${ben.name}“such inertia hides”`])
  expect(await iconsOf(items)).toEqual(['◆', '▲'])
  await expect(status).toHaveText('Showing 2 of 4 highlights')
  await expect(essay(adaPage).locator('mark')).toHaveCount(2)
  await expect(essay(adaPage).locator(`mark[title$="by ${ada.name}"]`)).toHaveCount(0)
  await author.selectOption({ label: 'Everyone' })
  await expect(items).toHaveCount(4)

  // Clicking a list item opens it and flashes its passage in the text.
  await adaPage.setViewportSize({ width: 1280, height: 420 })
  await essay(adaPage).locator('#p1').scrollIntoViewIfNeeded()
  await listItem(adaPage, 'such inertia hides').getByRole('button').click()
  await expect(listItem(adaPage, 'such inertia hides').getByRole('button')).toHaveAttribute('aria-current', 'true')
  const mark = marksTitled(adaPage, `Bias by ${ben.name}`)
  await expect(mark).toHaveClass(/\bflash\b/)
  await expect(mark).toHaveClass(/\bhl-active\b/)
  await expect(mark).toBeInViewport()
  await expect(selected(adaPage).getByRole('article', { name: `Bias by ${ben.name}` })).toBeVisible()
})

test('an outsider cannot read the source or its highlights', async ({ openBrowser, playwright, baseURL }) => {
  test.slow()
  const chris = await signedIn(openBrowser(), CHRIS.email)
  const url = await openDemoEssay(chris, ESSAYS.outsider)
  const sourceId = new URL(url).pathname.split('/').pop()!
  // A highlight the outsider must not learn about.
  await tagWithKeyboard(chris, { paragraph: 1, words: 3, key: '1' })
  await expect(listItem(chris, 'Following the collapse')).toBeVisible()
  const api = `/api/sources/${sourceId}/highlights`
  const asMember = await chris.request.get(api)
  expect(asMember.status()).toBe(200)
  expect(JSON.stringify(await asMember.json())).toContain('Following the collapse')

  const outsider = await signedUp(openBrowser(), person('Olly Outsider'))
  const response = await outsider.goto(url)
  expect(response?.status()).toBe(404)
  await expect(outsider.getByRole('heading', { name: 'Not found' })).toBeVisible()
  await expect(outsider.getByText(ESSAYS.outsider)).toHaveCount(0)
  await expect(outsider.getByText('Following the collapse')).toHaveCount(0)
  await expect(essay(outsider)).toHaveCount(0)

  const refused = await outsider.request.get(api)
  expect(refused.status()).toBe(404)
  expect(refused.headers()['content-type']).toContain('application/json')
  const body = (await refused.json()) as { error: string }
  expect(body.error).toBe('This source does not exist.')
  expect(JSON.stringify(body)).not.toContain('Following the collapse')
  // Word for word what a source that does not exist says.
  const missing = await outsider.request.get(
    `/api/sources/${sourceId.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'))}/highlights`,
  )
  expect(missing.status()).toBe(404)
  expect(await missing.json()).toEqual(body)

  const anonymous = await playwright.request.newContext({ baseURL })
  try {
    const signedOut = await anonymous.get(api)
    expect(signedOut.status()).toBe(401)
    expect(signedOut.headers()['content-type']).toContain('application/json')
    expect(JSON.stringify(await signedOut.json())).not.toContain('Following the collapse')
  } finally {
    await anonymous.dispose()
  }
})

test('instructor class view and export', async ({ openBrowser }) => {
  test.slow()
  const quote = 'Following the collapse'
  const classView = (page: Page) =>
    page.getByRole('checkbox', { name: 'Class view: how many students tagged each paragraph' })
  const heat = (page: Page, n: number): Locator =>
    page.getByRole('img', { name: new RegExp(`^Students who tagged paragraph ${n}: `) })

  // A student tags a claim in paragraph 2, and sees no class view.
  const chris = await signedIn(openBrowser(), CHRIS.email)
  const url = await openDemoEssay(chris, ESSAYS.classView)
  await expect(paragraph(chris, 2)).toContainText(`${quote} of the Soviet Union`)
  await tagWithKeyboard(chris, { paragraph: 2, words: 3, key: '1' })
  await expect(listItem(chris, quote)).toContainText(`Claim · ${CHRIS.name}`)
  await expect(classView(chris)).toHaveCount(0)
  await expect(heat(chris, 2)).toHaveCount(0)

  const teacher = await signedIn(openBrowser(), INSTRUCTOR.email)
  await teacher.goto(url)
  await expect(listItem(teacher, quote)).toBeVisible()
  await expect(classView(teacher)).not.toBeChecked()
  await expect(heat(teacher, 2)).toHaveCount(0)
  await classView(teacher).check()
  await expect(heat(teacher, 2)).toHaveAccessibleName('Students who tagged paragraph 2: 1 claim, 0 evidence, 0 bias')
  await expect(heat(teacher, 1)).toHaveAccessibleName('Students who tagged paragraph 1: 0 claim, 0 evidence, 0 bias')
  await expect(essay(teacher).getByRole('img', { name: /^Students who tagged paragraph/ })).toHaveCount(
    await essay(teacher).locator('section[aria-label^="Paragraph "]').count(),
  )
  await classView(teacher).uncheck()
  await expect(heat(teacher, 2)).toHaveCount(0)

  // The exports hold the highlight.
  const jsonLink = teacher.getByRole('link', { name: 'Web Annotation (JSON-LD)' })
  const csvLink = teacher.getByRole('link', { name: 'CSV', exact: true })
  const probe = await teacher.request.get((await jsonLink.getAttribute('href'))!)
  expect(
    probe.status(),
    `GET ${await jsonLink.getAttribute('href')} answered ${probe.status()}: ${await probe.text()}`,
  ).toBe(200)

  const [jsonDownload] = await Promise.all([teacher.waitForEvent('download'), jsonLink.click()])
  expect(jsonDownload.suggestedFilename()).toMatch(/\.jsonld$/)
  const jsonText = await downloaded(jsonDownload)
  expect(jsonText).toContain(quote)
  expect(() => JSON.parse(jsonText)).not.toThrow()

  const [csvDownload] = await Promise.all([teacher.waitForEvent('download'), csvLink.click()])
  expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/)
  const csv = await downloaded(csvDownload)
  expect(csv).toContain(quote)
  expect(csv).toContain(CHRIS.name)

  // A student may export what they can see, too.
  const [studentCsv] = await Promise.all([
    chris.waitForEvent('download'),
    chris.getByRole('link', { name: 'CSV', exact: true }).click(),
  ])
  expect(await downloaded(studentCsv)).toContain(quote)
})
