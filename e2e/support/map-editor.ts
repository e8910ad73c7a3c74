// The map editor as the journeys use it: the canvas and its toolbar, creating a map, adding a note,
// citing a passage, connecting two nodes, and waiting until every change has reached the server.
import { expect, type Page } from '@playwright/test'
import { SLOW, type Group } from './seminar'

export const mapsUrl = (group: Group) => `${group.url}/maps`
export const canvas = (page: Page) => page.getByRole('application', { name: /^Argument map canvas/ })
export const nodes = (page: Page) => canvas(page).locator('.react-flow__node')
export const nodeWith = (page: Page, text: string) => nodes(page).filter({ hasText: text })
export const edges = (page: Page) => canvas(page).locator('.react-flow__edge')
export const tools = (page: Page) => page.getByRole('toolbar', { name: 'Map tools' })
export const passagePanel = (page: Page) => page.getByRole('region', { name: 'Passages to cite' })
export const passageItem = (page: Page, quote: string) =>
  passagePanel(page)
    .getByRole('listitem')
    .filter({ hasText: `“${quote}”` })
/** A map's row on the group's maps page. */
export const mapRow = (page: Page, title: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) })

// A click on a node's heading line selects it (away from its handles and its citation link).
export const ON_NODE = { position: { x: 30, y: 14 } }

/** Waits until every change of this page has reached the server. */
export async function allSaved(page: Page) {
  await expect(tools(page).getByText(/^All changes saved · revision \d+$/)).toBeVisible(SLOW)
}

/** From anywhere: opens the group's maps, creates a map (personal unless told), and returns its URL. */
export async function createMap(page: Page, group: Group, title: string, kind: 'personal' | 'group' = 'personal') {
  await page.goto(mapsUrl(group))
  await expect(page.getByRole('heading', { level: 1, name: 'Argument maps' })).toBeVisible()
  const form = page.getByRole('region', { name: 'New map' })
  await form.getByLabel('Map title').fill(title)
  if (kind === 'group') await form.getByRole('radio', { name: 'Group map (everyone edits)' }).check()
  await form.getByRole('button', { name: 'Create map' }).click()
  await expect(page).toHaveURL(/\/maps\/[^/?]+$/, SLOW)
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible(SLOW)
  await expect(canvas(page)).toBeVisible()
  return page.url()
}

/** Adds a note with the toolbar and types its text. */
export async function addNote(page: Page, text: string) {
  await tools(page).getByRole('button', { name: '✎ Add note (N)' }).click()
  const editor = canvas(page).getByRole('textbox', { name: 'Node text' })
  await expect(editor).toBeFocused()
  await page.keyboard.type(text)
  await page.keyboard.press('Enter')
  await expect(editor).toBeHidden()
  await expect(nodeWith(page, text)).toBeVisible()
}

/** Cites a passage on the map with its + button. */
export async function cite(page: Page, quote: string) {
  await passageItem(page, quote)
    .getByRole('button', { name: /^Add to map:/ })
    .click()
  await expect(nodeWith(page, quote)).toBeVisible()
}

/** Connects two nodes: the first is where the arrow starts. */
export async function connect(page: Page, from: string, to: string, kind: 'supports (S)' | 'attacks (A)') {
  const before = await edges(page).count()
  await nodeWith(page, from).click(ON_NODE)
  await nodeWith(page, to).click({ ...ON_NODE, modifiers: ['ControlOrMeta'] })
  await tools(page).getByRole('combobox').selectOption({ label: kind })
  await tools(page).getByRole('button', { name: 'Connect selected' }).click()
  await expect(edges(page)).toHaveCount(before + 1)
}
