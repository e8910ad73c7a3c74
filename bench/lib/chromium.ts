// The headless Chromium the page benchmarks measure in (Debian's, or CHROMIUM_PATH), at a desktop
// size, and a tab context signed in with the session cookie a benchmark got from the app.
import { chromium, type Browser, type BrowserContext } from '@playwright/test'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
/** Wide enough for the app's lg layouts: the map editor's three columns, the reader's side panel. */
export const VIEWPORT = { width: 1440, height: 900 }

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

/** A context at VIEWPORT carrying `cookie` (`name=value`, as signIn returns it) for the app at `appUrl`. */
export async function signedInContext(browser: Browser, appUrl: string, cookie: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  const [name, ...value] = cookie.split('=')
  await context.addCookies([{ name: name!, value: value.join('='), url: appUrl }])
  return context
}
