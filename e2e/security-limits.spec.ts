// Abuse of the running app, through its real request path: redirect targets that leave the app,
// sessions that outlive a sign-out, weak passwords, sign-ups that tell whether an email has an
// account, guessing from forged addresses, bodies that never end, thousands of live streams,
// floods of exports, imports and uploads, and pages that would run a script nobody nonce'd.
import { request as http } from 'node:http'
import { expect, type APIRequestContext, type Page } from '@playwright/test'
import { test } from './support/browsers'
import { clearLimitCounters, queryE2e } from './support/limit-counters'
import {
  addSource,
  createGroup,
  joinWithCode,
  newAccount,
  PASSWORD,
  runId,
  serverActionId,
  signIn,
  signedUp,
  signedUpAndOut,
  type Account,
  SLOW,
} from './support/web-security-fixtures'

test.use({ viewport: { width: 1280, height: 800 } })

const ESSAY =
  'Alliances endure because the habits they build outlast the threats that founded them.\n\nCritics answer that inertia hides real disagreements.'

async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
}

/** A new account in a browser of its own, with a group of its own named `title` for this run. */
async function ownGroup(browser: Promise<Page>, account: Account, title: string) {
  const page = await signedUp(browser, account)
  const group = await createGroup(page, `${title} seminar ${runId}`)
  return { page, group }
}

/** `ownGroup`, with the essay pasted into it as a source. */
async function ownSeminar(browser: Promise<Page>, account: Account, title: string) {
  const { page, group } = await ownGroup(browser, account, title)
  const source = await addSource(page, `${title} essay ${runId}`, ESSAY)
  return { page, group, source }
}

/** A request context that sends exactly this cookie header: a copy of someone's session. */
async function withCookie(
  playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
  baseURL: string,
  cookie: string,
) {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie } })
}

test.describe('redirect targets', () => {
  test('a callbackUrl that a browser would read as another site, or that holds line breaks or non-Latin-1 text, never leaves the app nor fails', async ({
    openBrowser,
    baseURL,
  }) => {
    const page = await signedUp(openBrowser(), newAccount('redirect', 'Rhea Redirect'))
    const get = (query: string) => page.request.get(`/sign-in?callbackUrl=${query}`, { maxRedirects: 0 })
    // "/%09/evil" arrives as "/<tab>/evil", which browsers read as //evil.example.
    for (const query of [
      '/%09/evil.example',
      '/%0a/evil.example',
      '%2F%09%2Fevil.example',
      '//evil.example',
      '/%5Cevil.example',
      'https://evil.example/',
    ]) {
      const response = await get(query)
      expect(response.status(), query).toBe(307)
      expect(response.headers()['location'], query).toBe('/dashboard')
    }
    const crlf = await get('/groups%0d%0aSet-Cookie:%20planted=1')
    expect(crlf.status()).toBe(307)
    expect(crlf.headers()['location']).toBe('/groupsSet-Cookie:%20planted=1')
    expect(crlf.headers()['set-cookie'] ?? '').not.toContain('planted')
    const japanese = await get('/groups/%E6%97%A5%E6%9C%AC')
    expect(japanese.status()).toBe(307)
    expect(japanese.headers()['location']).toBe('/groups/%E6%97%A5%E6%9C%AC')

    // Signed out, the form takes the person back to this app only.
    const account = newAccount('redirect-visitor', 'Vera Visitor')
    const visitor = await signedUpAndOut(openBrowser(), account)
    await visitor.goto('/sign-in?callbackUrl=/%09/evil.example')
    await visitor.getByLabel('Email').fill(account.email)
    await visitor.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await visitor.getByRole('button', { name: 'Sign in' }).click()
    await expect(visitor).toHaveURL(`${baseURL}/dashboard`, SLOW)
  })
})

test.describe('sessions', () => {
  test('signing out ends the session on the server: a copy of its cookie no longer works', async ({
    openBrowser,
    playwright,
    baseURL,
  }) => {
    const { page, group, source } = await ownSeminar(openBrowser(), newAccount('signout', 'Sol Signout'), 'Sign-out')
    const copy = await withCookie(playwright, baseURL!, await cookieHeader(page))
    try {
      expect((await copy.get(`/api/sources/${source.id}/highlights`)).status()).toBe(200)
      await page.getByRole('button', { name: 'Sign out' }).click()
      await expect(page).toHaveURL(`${baseURL}/`, SLOW)
      expect((await copy.get(`/api/sources/${source.id}/highlights`)).status()).toBe(401)
      const refused = await copy.post(`/api/sources/${source.id}/highlights`, {
        data: { start: 0, end: 9, tag: 'CLAIM' },
      })
      expect(refused.status()).toBe(401)
      const pageVisit = await copy.get(new URL(group.url).pathname, { maxRedirects: 0 })
      expect(pageVisit.status()).toBe(307)
      expect(pageVisit.headers()['location']).toMatch(/^\/sign-in\?callbackUrl=/)
      expect(await (await copy.get('/api/auth/session')).json()).toEqual({})
    } finally {
      await copy.dispose()
    }
  })

  test('a password change needs the current password, signs out every other device and keeps this one', async ({
    openBrowser,
  }) => {
    const account = newAccount('password-change', 'Pia Password')
    const laptop = await signedUp(openBrowser(), account)
    const phone = await openBrowser()
    await signIn(phone, account.email)
    await expect(phone).toHaveURL('/dashboard', SLOW)

    await laptop.getByRole('link', { name: `Signed in as ${account.name}` }).click()
    await expect(laptop.getByRole('heading', { level: 1, name: 'Change your password' })).toBeVisible(SLOW)
    const form = laptop.getByRole('main')
    await form.getByLabel('Current password').fill('not my password')
    await form.getByLabel('New password').fill('a fresh seminar passphrase')
    await form.getByRole('button', { name: 'Change password' }).click()
    await expect(form.getByRole('alert')).toHaveText('Your current password is not right.', SLOW)
    await form.getByLabel('Current password').fill(PASSWORD)
    await form.getByLabel('New password').fill('password123')
    await form.getByRole('button', { name: 'Change password' }).click()
    await expect(form.getByLabel('New password')).toHaveAccessibleDescription(/most common passwords/, SLOW)
    await form.getByLabel('Current password').fill(PASSWORD)
    await form.getByLabel('New password').fill('a fresh seminar passphrase')
    await form.getByRole('button', { name: 'Change password' }).click()
    await expect(form.getByRole('status')).toHaveText(
      'Your password is changed. Your other devices are signed out.',
      SLOW,
    )

    await laptop.goto('/dashboard')
    await expect(laptop).toHaveURL('/dashboard')
    await phone.goto('/dashboard')
    await expect(phone).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/, SLOW)
    await signIn(phone, account.email)
    await expect(phone.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.', SLOW)
    await signIn(phone, account.email, 'a fresh seminar passphrase')
    await expect(phone).toHaveURL('/dashboard', SLOW)
  })

  test('sign-up refuses the passwords people pick most, and answers a taken email as it answers a free one', async ({
    openBrowser,
  }) => {
    const taken = newAccount('taken', 'Tara Taken')
    const page = await signedUpAndOut(openBrowser(), taken)

    const formAlert = page.getByRole('main').getByRole('alert')
    const fill = async (name: string, email: string, password: string) => {
      await page.goto('/sign-up')
      await page.getByLabel('Name', { exact: true }).fill(name)
      await page.getByLabel('Email').fill(email)
      await page.getByLabel('Password', { exact: true }).fill(password)
      await page.getByRole('button', { name: 'Create account' }).click()
    }
    await fill('Weak Wendy', newAccount('weak', 'Weak Wendy').email, '1234567890')
    await expect(formAlert).toHaveText(/^This is one of the most common passwords/, SLOW)
    await fill('Weak Wendy', newAccount('weak', 'Weak Wendy').email, '12345678')
    await expect(formAlert).toHaveText('Use at least 10 characters for your password.', SLOW)

    // A taken email with another password: no "already exists", nothing created; the sign-in
    // that follows fails like any wrong password.
    const before = await queryE2e<{ name: string }>('SELECT name FROM "User" WHERE email = $1', [taken.email])
    await fill('Impostor', taken.email, 'another seminar passphrase')
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard&notice=account$/, SLOW)
    await expect(page.getByRole('status')).toHaveText(
      'If you already have an account with this email, sign in with its password.',
    )
    expect(await queryE2e('SELECT name FROM "User" WHERE email = $1', [taken.email])).toEqual(before)
    // The owner who signs up again with their own password is simply signed in.
    await fill('Tara Again', taken.email, PASSWORD)
    await expect(page).toHaveURL('/dashboard', SLOW)
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(`Signed in as ${taken.name}`)
  })
})

test.describe('guessing passwords', () => {
  // Every request of the run comes from one address: this journey starts and leaves it unthrottled.
  test.beforeEach(async () => {
    await clearLimitCounters(['signIn:'])
  })
  test.afterEach(async () => {
    await clearLimitCounters(['signIn:'])
  })

  test('per address, a forged X-Forwarded-For changes nothing: after 30 failures across accounts that address is refused for a while', async ({
    playwright,
    baseURL,
  }) => {
    const api = await playwright.request.newContext({ baseURL })
    try {
      const attempt = async (email: string, password: string, forged: string) => {
        const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string }
        const response = await api.post('/api/auth/callback/credentials', {
          headers: { 'X-Forwarded-For': forged, 'X-Real-IP': forged },
          form: { csrfToken, email, password, json: 'true' },
          maxRedirects: 0,
        })
        // next-auth answers a form sent with json=true with { url }, naming the error in it.
        const where = response.headers()['location'] ?? ((await response.json()) as { url?: string }).url ?? '/'
        return new URL(where, baseURL).searchParams.get('error') ?? ''
      }
      for (let i = 0; i < 30; i++) {
        expect(await attempt(`spray-${i}-${runId}@guess.test`, `guess ${i}`, `198.51.100.${i}`)).toBe(
          'Wrong email or password.',
        )
      }
      expect(await attempt(`spray-last-${runId}@guess.test`, 'guess', '203.0.113.99')).toMatch(
        /^Too many failed sign-ins from your network\. Please wait 1[45] minutes and try again\.$/,
      )
      // Answered now without next-auth or the database, in next-auth's own words and shape.
      expect(await attempt(`spray-after-${runId}@guess.test`, 'guess', '203.0.113.98')).toMatch(
        /^Too many failed sign-ins from your network\./,
      )
    } finally {
      await api.dispose()
    }
  })
})

/**
 * Streams a body of `total` bytes in 64 KiB chunks — chunked with no length, or with `declared`
 * its Content-Length announced — and says how much had gone when the answer came.
 */
function streamBody(
  url: string,
  headers: Record<string, string>,
  total: number,
  declared = false,
): Promise<{ status: number; body: string; sentBeforeAnswer: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    let sent = 0
    let answered = false
    let sentBeforeAnswer = 0
    // The raw answer as it arrives: a server that answers and then closes the connection can make
    // our next write fail (EPIPE) before the HTTP parser has reported the answer it already sent.
    let raw = ''
    const settle = (status: number, body: string) =>
      resolve({ status, body, sentBeforeAnswer, ms: performance.now() - started })
    const length = declared ? { 'content-length': String(total) } : { 'transfer-encoding': 'chunked' }
    const req = http(url, { method: 'POST', headers: { ...headers, ...length }, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => {
        req.destroy()
        settle(res.statusCode ?? 0, body)
      })
    })
    req.on('socket', (socket) =>
      socket.on('data', (data: Buffer) => {
        if (!answered) sentBeforeAnswer = sent
        answered = true
        raw += data.toString('utf8')
      }),
    )
    req.on('error', (error) => {
      const answer = /^HTTP\/1\.1 (\d{3})([^]*?)\r\n\r\n([^]*)$/.exec(raw)
      if (!answer)
        return reject(
          new Error(
            `${error.message} after ${sent} bytes sent, ${raw.length} bytes of answer, ${declared ? 'declared' : 'chunked'} ${total}, ${headers.cookie ? 'signed in' : 'anonymous'}`,
          ),
        )
      const chunked = /\r\ntransfer-encoding: *chunked/i.test(answer[2]!)
      settle(Number(answer[1]), chunked ? answer[3]!.replace(/(^|\r\n)[0-9a-f]+\r\n/gi, '') : answer[3]!)
    })
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length
        if (!req.write(chunk)) return req.once('drain', pump)
      }
      if (!answered) req.end()
    }
    pump()
  })
}

test.describe('request bodies', () => {
  test('a body that does not end is refused before it is read: without a length, too long, or without a session', async ({
    openBrowser,
    baseURL,
  }) => {
    const { page, source } = await ownSeminar(openBrowser(), newAccount('bodies-stream', 'Bo Bodies'), 'Bodies')
    const url = `${baseURL}/api/sources/${source.id}/highlights`
    const json = { 'content-type': 'application/json' }
    const cookie = await cookieHeader(page)
    const HUGE = 200 * 1024 * 1024

    // No length (only scripts send that): refused at the front door, signed in or not.
    for (const headers of [json, { ...json, cookie }]) {
      const chunked = await streamBody(url, headers, HUGE)
      expect(chunked.status).toBe(411)
      expect(JSON.parse(chunked.body)).toMatchObject({
        error: 'Send the request with its Content-Length: a body of unknown length is not accepted.',
      })
      expect(chunked.sentBeforeAnswer).toBeLessThan(16 * 1024 * 1024)
    }
    // Longer than any route takes: refused unread at the front door.
    const enormous = await streamBody(url, { ...json, cookie }, HUGE, true)
    expect(enormous.status).toBe(413)
    expect(enormous.sentBeforeAnswer).toBeLessThan(16 * 1024 * 1024)

    // Announced within that but over this route's limit: the route refuses it, unread without a session.
    const anonymous = await streamBody(url, json, 32 * 1024 * 1024, true)
    expect(anonymous.status).toBe(401)
    expect(anonymous.sentBeforeAnswer).toBeLessThan(16 * 1024 * 1024)
    const signedIn = await streamBody(url, { ...json, cookie }, 32 * 1024 * 1024, true)
    expect(signedIn.status).toBe(400)
    expect(JSON.parse(signedIn.body)).toMatchObject({ error: 'The request is too large (at most 64 KB).' })
    expect(signedIn.sentBeforeAnswer).toBeLessThan(16 * 1024 * 1024)
  })

  test('personal JSON, answers and refusals alike, is never kept by a cache', async ({ openBrowser }) => {
    const { page, source } = await ownSeminar(openBrowser(), newAccount('no-store', 'Nora Nostore'), 'No-store')
    for (const response of [
      await page.request.get(`/api/sources/${source.id}/highlights`),
      await page.request.get('/api/sources/cmnosuchsource0000000000/highlights'),
      await page.request.post(`/api/sources/${source.id}/highlights`, {
        data: { start: 0, end: 9, tag: 'CLAIM', visibility: 'PRIVATE' },
      }),
      await page.request.post(`/api/sources/${source.id}/highlights`, { data: { start: 'x' } }),
    ]) {
      expect(response.headers()['content-type'], response.url()).toMatch(/^application\/json/)
      expect(response.headers()['cache-control'], `${response.url()} ${response.status()}`).toBe('private, no-store')
    }
  })
})

test.describe('live streams', () => {
  test('one person gets a dozen streams at once, the next is refused with a time to come back, and others are unaffected', async ({
    openBrowser,
    baseURL,
  }) => {
    const { page: teacher, group } = await ownGroup(openBrowser(), newAccount('streams', 'Stella Streams'), 'Streams')
    const cookie = await cookieHeader(teacher)
    const open: AbortController[] = []
    const openStream = async () => {
      const hangUp = new AbortController()
      open.push(hangUp)
      const response = await fetch(`${baseURL}/api/groups/${group.id}/events`, {
        headers: { cookie, accept: 'text/event-stream' },
        signal: hangUp.signal,
      })
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        body: response.status === 200 ? null : await response.json(),
      }
    }
    try {
      const first = await Promise.all(Array.from({ length: 12 }, openStream))
      expect(first.map((r) => r.status)).toEqual(Array(12).fill(200))
      const refused = await openStream()
      expect(refused).toMatchObject({
        status: 429,
        retryAfter: '30',
        body: { error: 'You have Colloquy open in more than 12 tabs; close some to get live updates here.' },
      })
      // Someone else's stream opens as usual.
      const student = await signedUp(openBrowser(), newAccount('streams-student', 'Sid Student'))
      await joinWithCode(student, group)
      const other = await fetch(`${baseURL}/api/groups/${group.id}/events`, {
        headers: { cookie: await cookieHeader(student) },
      })
      expect(other.status).toBe(200)
      await other.body?.cancel()
    } finally {
      for (const hangUp of open) hangUp.abort()
    }
  })

  test('a removed member’s open stream ends within seconds', async ({ openBrowser, baseURL }) => {
    const { page: teacher, group } = await ownGroup(
      openBrowser(),
      newAccount('remove-stream', 'Rosa Remover'),
      'Removal',
    )
    const account = newAccount('removed-student', 'Rafe Removed')
    const student = await signedUp(openBrowser(), account)
    await joinWithCode(student, group)
    const userId = (await queryE2e<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [account.email]))[0]!.id
    const response = await fetch(`${baseURL}/api/groups/${group.id}/events`, {
      headers: { cookie: await cookieHeader(student) },
    })
    expect(response.status).toBe(200)
    const reader = response.body!.getReader()
    const ended = (async () => {
      for (;;) if ((await reader.read()).done) return performance.now()
    })()
    await teacher.waitForTimeout(500)
    const removedAt = performance.now()
    const remove = await teacher.request.post('/', {
      headers: {
        'Next-Action': serverActionId('removeMemberAction', 'lib/groups/actions.ts'),
        Origin: new URL(baseURL!).origin,
        Accept: 'text/x-component',
        'Content-Type': 'text/plain;charset=UTF-8',
      },
      data: JSON.stringify([{ groupId: group.id, userId }]),
    })
    expect(await remove.text()).toContain('"ok":true')
    expect((await ended) - removedAt).toBeLessThan(5_000)
  })
})

test.describe('floods of work', () => {
  test.afterEach(async () => {
    await clearLimitCounters(['export:', 'import:', 'upload:'])
  })

  test('one account’s exports, imports and uploads are limited per hour, each refusal saying when to come back', async ({
    openBrowser,
  }) => {
    test.slow()
    const { page, group, source } = await ownSeminar(openBrowser(), newAccount('flood', 'Flo Flood'), 'Flood')
    const until429 = async (
      limit: number,
      send: () => Promise<{
        status: () => number
        headers: () => Record<string, string>
        json: () => Promise<unknown>
      }>,
    ) => {
      for (let i = 0; i < limit; i++) expect((await send()).status(), `request ${i + 1}`).toBeLessThan(300)
      const refused = await send()
      expect(refused.status()).toBe(429)
      expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(60)
      return ((await refused.json()) as { error: string }).error
    }
    expect(await until429(120, () => page.request.get(`/api/sources/${source.id}/export?format=csv`))).toMatch(
      /^Too many exports were made in the last hour\. Please try again in \d+ minutes\.$/,
    )
    const backup = {
      format: 'colloquy-map',
      version: 1,
      title: 'Flood map',
      kind: 'PERSONAL',
      nodes: [{ id: 'a', kind: 'NOTE', label: 'x', x: 0, y: 0 }],
      relations: [],
    }
    expect(
      await until429(30, () => page.request.post(`/api/groups/${group.id}/maps/import`, { data: backup })),
    ).toMatch(/^Too many maps were imported/)
    const upload = () =>
      page.request.post(`/api/groups/${group.id}/sources/extract`, {
        multipart: { file: { name: 'essay.txt', mimeType: 'text/plain', buffer: Buffer.from(ESSAY) } },
      })
    expect(await until429(60, upload)).toMatch(/^Too many files were uploaded/)
  })
})

test.describe('content security policy', () => {
  test('every page carries a nonce of its own, and a script injected without it does not run', async ({
    openBrowser,
  }) => {
    const page = await signedUp(openBrowser(), newAccount('nonce', 'Nina Nonce'))
    const nonces = new Set<string>()
    for (const path of ['/dashboard', '/dashboard', '/sign-in', '/account/password']) {
      const response = await page.request.get(path)
      const csp = response.headers()['content-security-policy']!
      const scripts = csp.split('; ').find((d) => d.startsWith('script-src '))!
      expect(scripts, path).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='$/)
      nonces.add(/'nonce-([^']+)'/.exec(scripts)![1]!)
      // Next's own inline scripts carry it.
      const html = await response.text()
      expect(html, path).toContain(`nonce="${/'nonce-([^']+)'/.exec(scripts)![1]}"`)
    }
    expect(nonces.size).toBe(4)

    await page.goto('/dashboard')
    await expect(page.getByRole('region', { name: 'Create a group' })).toBeVisible()
    const violation = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), {
            once: true,
          })
          const script = document.createElement('script')
          script.textContent = 'window.__inline = 1'
          document.body.append(script)
        }),
    )
    expect(violation).toMatch(/^script-src/)
    expect(await page.evaluate(() => (window as unknown as { __inline?: unknown }).__inline)).toBeUndefined()
    // The app's own scripts ran: the page is interactive.
    const form = page.getByRole('region', { name: 'Create a group' })
    await form.getByLabel('Group name').fill(`Nonce seminar ${runId}`)
    await form.getByRole('button', { name: 'Create group' }).click()
    await expect(page).toHaveURL(/\/groups\/[^/]+$/, SLOW)
  })
})
