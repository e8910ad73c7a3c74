// The journeys' `test`: Playwright's, plus `openBrowser()`, a page in a browser context of its
// own (own cookies: another person), closed after the test.
import { test as base, type BrowserContext, type Page } from '@playwright/test'

export const test = base.extend<{ openBrowser: () => Promise<Page> }>({
  openBrowser: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = []
    await provide(async () => {
      const context = await browser.newContext()
      contexts.push(context)
      return context.newPage()
    })
    await Promise.all(contexts.map((context) => context.close()))
  },
})
