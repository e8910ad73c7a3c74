// Web security of the running app, in a real browser against the production build: session
// cookies, cross-site requests (server actions, our route handlers, next-auth's sign-in), response
// headers, sign-in throttling, hostile request bodies, and script payloads typed into every field
// staying inert text in the pages and in the exported files.
import { expect, type Page } from '@playwright/test'
import { test } from './support/browsers'
import {
  addSource,
  createGroup,
  expectInert,
  expectPrivateAttachment,
  joinWithCode,
  newAccount,
  PASSWORD,
  PAYLOAD,
  PDF_ACTIONS,
  pdfText,
  runId,
  serverActionId,
  signIn,
  signUp,
  signedUp,
  signedUpAndOut,
  SLOW,
  squeezed,
  watchDialogs,
  type Account,
} from './support/web-security-fixtures'

test.use({ viewport: { width: 1440, height: 900 } })

const EVIL = 'https://evil.example'
const CROSS_SITE = 'This request came from another website and was refused. Open Colloquy itself and try again.'
const ESSAY = [
  'Alliances endure because the habits they build outlast the threats that founded them, and both partners keep paying for those habits.',
  `A careless page would run ${PAYLOAD.script} here, and would load ${PAYLOAD.img} as an image.`,
  `An attribute breaks out with ${PAYLOAD.svg} and a link goes to ${PAYLOAD.jsUrl} when nobody checks.`,
].join('\n\n')

/**
 * A student who is a member of a fresh seminar with one source, both made through the UI. Two
 * sign-ups and a source through the forms take long on a busy machine: the test gets more time.
 */
async function seminarWithStudent(openBrowser: () => Promise<Page>, label: string) {
  test.slow()
  const teacher = await signedUp(openBrowser(), newAccount(`${label}-teacher`, `Teacher ${label}`))
  const group = await createGroup(teacher, `${label} seminar ${runId}`)
  const source = await addSource(teacher, `Alliance habits ${runId}`, ESSAY)
  const account = newAccount(`${label}-student`, `Student ${label}`)
  const student = await signedUp(openBrowser(), account)
  await joinWithCode(student, group)
  return { teacher, student, group, source, account }
}

const highlightsOf = async (page: Page, sourceId: string) => {
  const response = await page.request.get(`/api/sources/${sourceId}/highlights`)
  expect(response.status()).toBe(200)
  return ((await response.json()) as { highlights: { id: string; exact: string }[] }).highlights
}

const start = ESSAY.indexOf('habits')
const HIGHLIGHT = { start, end: start + 'habits'.length, tag: 'CLAIM' }

test.describe('sessions', () => {
  test('the session and CSRF cookies of a real sign-in are HttpOnly and SameSite=Lax, out of reach of page scripts', async ({
    openBrowser,
  }) => {
    const account = newAccount('cookies', 'Cookie Tester')
    const page = await signedUpAndOut(openBrowser(), account)

    await signIn(page, account.email)
    await expect(page).toHaveURL('/dashboard', SLOW)
    const cookies = await page.context().cookies()
    const session = cookies.find((c) => c.name === 'next-auth.session-token')
    const csrf = cookies.find((c) => c.name === 'next-auth.csrf-token')
    expect(session, 'session cookie').toBeDefined()
    expect(csrf, 'CSRF cookie').toBeDefined()
    for (const cookie of [session!, csrf!]) {
      expect(cookie.httpOnly, cookie.name).toBe(true)
      expect(cookie.sameSite, cookie.name).toBe('Lax')
      expect(cookie.path, cookie.name).toBe('/')
      // Plain http://localhost: Secure would keep the cookie from ever coming back. The https rule
      // (Secure, __Secure- / __Host-) is checked in tests/unit/security-config.test.ts.
      expect(cookie.secure, cookie.name).toBe(false)
    }
    // The page's own scripts cannot read either.
    expect(await page.evaluate(() => document.cookie)).not.toMatch(/next-auth\.(session|csrf)-token/)
  })

  test('next-auth refuses a credentials sign-in that lacks its CSRF token, and accepts it with the token', async ({
    openBrowser,
    playwright,
    baseURL,
  }) => {
    const account = newAccount('csrf-signin', 'Token Tester')
    await signedUp(openBrowser(), account)

    const api = await playwright.request.newContext({ baseURL })
    try {
      const form = { email: account.email, password: PASSWORD, callbackUrl: `${baseURL}/dashboard` }
      const forged = await api.post('/api/auth/callback/credentials', { form, maxRedirects: 0 })
      expect(forged.status()).toBe(302)
      expect(forged.headers()['location']).toMatch(/\/api\/auth\/signin\?csrf=true$/)
      expect(
        forged
          .headersArray()
          .filter((h) => h.name.toLowerCase() === 'set-cookie')
          .map((h) => h.value)
          .join('\n'),
      ).not.toContain('next-auth.session-token')
      expect(await (await api.get('/api/auth/session')).json()).toEqual({})

      // The same form with the token from the CSRF cookie signs in.
      const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string }
      const real = await api.post('/api/auth/callback/credentials', { form: { ...form, csrfToken }, maxRedirects: 0 })
      expect(real.status()).toBe(302)
      expect(real.headers()['location']).toBe(`${baseURL}/dashboard`)
      expect(
        real
          .headersArray()
          .some((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('next-auth.session-token=')),
      ).toBe(true)
      expect(((await (await api.get('/api/auth/session')).json()) as { user?: { email?: string } }).user?.email).toBe(
        account.email,
      )
    } finally {
      await api.dispose()
    }
  })

  test('a few wrong passwords cost a short wait, never a lockout: the right password works once the wait is over', async ({
    openBrowser,
  }) => {
    test.slow()
    const account = newAccount('throttle', 'Throttle Tester')
    const page = await signedUpAndOut(openBrowser(), account)

    const alert = page.locator('form').getByRole('alert')
    for (let attempt = 1; attempt <= 3; attempt++) {
      await signIn(page, account.email, `wrong-password-${attempt}`)
      await expect(alert).toHaveText('Wrong email or password.', SLOW)
    }
    // The next guess from here waits; the right password too, but only for seconds.
    await signIn(page, account.email, PASSWORD)
    await expect(alert).toHaveText(/^Too many failed sign-in attempts\. Please wait \d+ s and try again\.$/, SLOW)
    await expect(page).toHaveURL(/\/sign-in/)
    expect((await page.context().cookies()).some((c) => c.name === 'next-auth.session-token')).toBe(false)
    await page.waitForTimeout(10_500)
    await signIn(page, account.email, PASSWORD)
    await expect(page).toHaveURL('/dashboard', SLOW)
  })
})

test.describe('cross-site requests', () => {
  test('a server action sent with the session cookie from a foreign origin is refused and changes nothing', async ({
    openBrowser,
  }) => {
    const page = await signedUp(openBrowser(), newAccount('action', 'Action Tester'))
    const actionId = serverActionId('createGroupAction', 'lib/groups/actions.ts')
    const call = (name: string, origin: string) =>
      page.request.post('/dashboard', {
        headers: {
          'Next-Action': actionId,
          Origin: origin,
          Accept: 'text/x-component',
          'Content-Type': 'text/plain;charset=UTF-8',
        },
        data: JSON.stringify([{ name }]),
        maxRedirects: 0,
      })

    const forgedName = `Forged group ${runId}`
    const forged = await call(forgedName, EVIL)
    expect(forged.status()).toBeGreaterThanOrEqual(400)
    expect(await forged.text()).not.toContain('"ok":true')

    // Sanity: the same call from the app's own origin works.
    const ownName = `Own-origin group ${runId}`
    const own = await call(ownName, new URL(page.url()).origin)
    expect(own.status()).toBe(200)
    expect(await own.text()).toContain('"ok":true')

    await page.goto('/dashboard')
    await expect(page.getByRole('link', { name: ownName })).toBeVisible()
    await expect(page.getByText(forgedName)).toHaveCount(0)
  })

  test('our state-changing route handlers refuse cross-site requests with 403 and store nothing', async ({
    openBrowser,
  }) => {
    const { student, teacher, group, source } = await seminarWithStudent(openBrowser, 'csrf')
    const own = new URL(student.url()).origin
    const highlightsUrl = `/api/sources/${source.id}/highlights`
    const importUrl = `/api/groups/${group.id}/maps/import`
    const backup = {
      format: 'colloquy-map',
      version: 1,
      title: `Cross-site map ${runId}`,
      kind: 'PERSONAL',
      nodes: [{ id: 'n1', kind: 'NOTE', label: 'Planted', x: 0, y: 0 }],
      relations: [],
    }

    const crossSite: Record<string, string>[] = [
      { Origin: EVIL },
      { 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'null' },
      { Origin: EVIL, 'Sec-Fetch-Site': 'cross-site' },
    ]
    for (const headers of crossSite) {
      const label = JSON.stringify(headers)
      const highlight = await student.request.post(highlightsUrl, { headers, data: HIGHLIGHT })
      expect(highlight.status(), label).toBe(403)
      expect(await highlight.json(), label).toMatchObject({ error: CROSS_SITE })

      const imported = await student.request.post(importUrl, { headers, data: backup })
      expect(imported.status(), label).toBe(403)
      expect(await imported.json(), label).toMatchObject({ error: CROSS_SITE })

      const extracted = await teacher.request.post(`/api/groups/${group.id}/sources/extract`, {
        headers,
        multipart: { file: { name: 'essay.txt', mimeType: 'text/plain', buffer: Buffer.from('A planted essay.') } },
      })
      expect(extracted.status(), label).toBe(403)
      expect(await extracted.json(), label).toMatchObject({ error: CROSS_SITE })
    }
    expect(await highlightsOf(student, source.id)).toEqual([])
    await student.goto(`${group.url}/maps`)
    await expect(student.getByRole('heading', { level: 1, name: 'Argument maps' })).toBeVisible()
    await expect(student.getByText(backup.title)).toHaveCount(0)

    // A real cross-site page: the browser itself posts a form from another origin.
    await student.route(`${EVIL}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<form method="post" enctype="text/plain" action="${own}${highlightsUrl}"><input name='{"start":${HIGHLIGHT.start},"end":${HIGHLIGHT.end},"tag":"CLAIM","x":"' value='"}'></form><script>document.forms[0].submit()</script>`,
      }),
    )
    const landed = student.waitForResponse(
      (response) => response.url().endsWith(highlightsUrl) && response.request().method() === 'POST',
    )
    await student.goto(`${EVIL}/attack`)
    expect((await landed).status()).toBeGreaterThanOrEqual(400)
    expect(await highlightsOf(student, source.id)).toEqual([])

    // Sanity: the same requests from the app's own origin (or from a script that sends no Origin) work.
    const made = await student.request.post(highlightsUrl, {
      headers: { Origin: own, 'Sec-Fetch-Site': 'same-origin' },
      data: HIGHLIGHT,
    })
    expect(made.status()).toBe(201)
    const scripted = await student.request.post(highlightsUrl, { data: { ...HIGHLIGHT, tag: 'EVIDENCE' } })
    expect(scripted.status()).toBe(201)
    expect(await highlightsOf(student, source.id)).toHaveLength(2)
    const ownImport = await student.request.post(importUrl, { headers: { Origin: own }, data: backup })
    expect(ownImport.status()).toBe(201)
    const ownExtract = await teacher.request.post(`/api/groups/${group.id}/sources/extract`, {
      headers: { Origin: own },
      multipart: { file: { name: 'essay.txt', mimeType: 'text/plain', buffer: Buffer.from('An essay of our own.') } },
    })
    expect(ownExtract.status()).toBe(200)
    expect(await ownExtract.json()).toMatchObject({ blocks: [{ kind: 'paragraph', text: 'An essay of our own.' }] })
  })
})

test.describe('response headers', () => {
  test('every page and API response carries the CSP without unsafe-eval, nosniff, no framing and a referrer policy; downloads are private attachments', async ({
    openBrowser,
  }) => {
    const { teacher, student, group, source } = await seminarWithStudent(openBrowser, 'headers')
    // A submitted map of the student's, so the bulk export has something to zip.
    const submittedTitle = `Submitted map ${runId}`
    const submitted = await student.request.post(`/api/groups/${group.id}/maps/import`, {
      data: {
        format: 'colloquy-map',
        version: 1,
        title: submittedTitle,
        kind: 'PERSONAL',
        nodes: [{ id: 'a', kind: 'CLAIM', label: 'A claim', x: 0, y: 0 }],
        relations: [],
      },
    })
    expect(submitted.status()).toBe(201)
    await student.goto(`${group.url}/maps`)
    watchDialogs(student, (message) => (message.startsWith('Submit this map') ? '' : null))
    await student.getByRole('button', { name: `Submit ${submittedTitle} for review` }).click()
    await expect(student.getByRole('button', { name: `Submit ${submittedTitle} for review` })).toHaveCount(0, SLOW)
    const created = await teacher.request.post(`/api/groups/${group.id}/maps/import`, {
      data: {
        format: 'colloquy-map',
        version: 1,
        title: `Header map ${runId}`,
        kind: 'PERSONAL',
        nodes: [{ id: 'a', kind: 'NOTE', label: 'A note', x: 0, y: 0 }],
        relations: [],
      },
    })
    expect(created.status()).toBe(201)
    const mapId = ((await created.json()) as { id: string }).id

    const checkHeaders = (what: string, headers: Record<string, string>) => {
      const csp = headers['content-security-policy']
      expect(csp, `${what}: Content-Security-Policy`).toBeTruthy()
      expect(csp, what).not.toContain('unsafe-eval')
      expect(csp, what).toContain("frame-ancestors 'none'")
      expect(csp, what).toContain("object-src 'none'")
      expect(headers['x-frame-options'], what).toBe('DENY')
      expect(headers['x-content-type-options'], what).toBe('nosniff')
      expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin')
    }

    const pages = [
      '/dashboard',
      group.url,
      source.url,
      `${source.url}/edit`,
      `${group.url}/sources/new`,
      `${group.url}/maps`,
      `${group.url}/maps/${mapId}`,
      `${group.url}/review`,
      '/groups/no-such-group',
    ]
    for (const path of pages) {
      const response = await teacher.goto(path)
      checkHeaders(path, response!.headers())
    }
    // Signed-out pages too, and the static scripts the pages load.
    const anonymous = await openBrowser()
    const scripts: string[] = []
    anonymous.on('response', (response) => {
      if (response.url().includes('/_next/static/') && response.url().endsWith('.js')) scripts.push(response.url())
    })
    for (const path of ['/', '/sign-in', '/sign-up']) checkHeaders(path, (await anonymous.goto(path))!.headers())
    expect(scripts.length).toBeGreaterThan(0)
    checkHeaders(scripts[0]!, (await anonymous.request.get(scripts[0]!)).headers())

    const api = [
      '/api/health',
      '/api/auth/session',
      '/api/auth/csrf',
      `/api/sources/${source.id}/highlights`,
      `/api/sources/no-such-source/highlights`,
      `/api/maps/${mapId}/formats?format=nonsense`,
    ]
    for (const path of api) checkHeaders(path, (await teacher.request.get(path)).headers())
    const refused = await teacher.request.post(`/api/sources/${source.id}/highlights`, {
      headers: { Origin: EVIL },
      data: HIGHLIGHT,
    })
    expect(refused.status()).toBe(403)
    checkHeaders('refused POST', refused.headers())

    const downloads = [
      `/api/maps/${mapId}/export?format=pdf`,
      `/api/maps/${mapId}/export?format=svg`,
      `/api/maps/${mapId}/export?format=png`,
      `/api/maps/${mapId}/formats?format=aif`,
      `/api/maps/${mapId}/formats?format=argdown`,
      `/api/maps/${mapId}/formats?format=backup`,
      `/api/sources/${source.id}/export?format=jsonld`,
      `/api/sources/${source.id}/export?format=csv`,
      `/api/groups/${group.id}/maps/export`,
    ]
    for (const path of downloads) {
      const response = await teacher.request.get(path)
      expectPrivateAttachment(response, path)
      checkHeaders(path, response.headers())
      expect(response.headers()['content-type'], path).not.toMatch(/text\/html/)
    }

    // And the browser enforces the policy: no script from another origin runs in a page, and no
    // other site can frame the app (clickjacking).
    await teacher.route(`${EVIL}/**`, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: 'window.__xss = 1' }),
    )
    await teacher.goto(group.url)
    const violated = await teacher.evaluate(
      (src) =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), {
            once: true,
          })
          const script = document.createElement('script')
          script.src = src
          document.body.append(script)
        }),
      `${EVIL}/payload.js`,
    )
    expect(violated).toMatch(/^script-src/)
    expect(await teacher.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined()

    const framer = await openBrowser()
    await framer.route(`${EVIL}/**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<iframe src="${new URL(group.url).origin}/sign-in"></iframe>` }),
    )
    await framer.goto(`${EVIL}/framed`)
    await expect.poll(() => framer.frames()[1]?.url(), SLOW).toMatch(/^chrome-error:/)
    await expect(framer.frames()[1]!.getByLabel('Password')).toHaveCount(0)
  })
})

test.describe('bad request bodies', () => {
  test('oversized, malformed and mistyped bodies get a 4xx with a clear message and store nothing', async ({
    openBrowser,
  }) => {
    const { student, teacher, group, source } = await seminarWithStudent(openBrowser, 'bodies')
    const highlightsUrl = `/api/sources/${source.id}/highlights`
    const importUrl = `/api/groups/${group.id}/maps/import`
    const extractUrl = `/api/groups/${group.id}/sources/extract`
    /** A student's request body sent as it is, labelled JSON unless told otherwise. */
    const post = (url: string, data: string | Buffer, contentType = 'application/json') =>
      student.request.post(url, { headers: { 'Content-Type': contentType }, data })

    const expectRefusal = async (
      what: string,
      response: Awaited<ReturnType<Page['request']['post']>>,
      status: number,
      error: string | RegExp,
    ) => {
      expect(response.status(), what).toBe(status)
      expect(response.headers()['content-type'], what).toMatch(/^application\/json/)
      const body = (await response.json()) as { error: string }
      if (typeof error === 'string') expect(body.error, what).toBe(error)
      else expect(body.error, what).toMatch(error)
    }

    const huge = JSON.stringify({ ...HIGHLIGHT, padding: 'x'.repeat(70 * 1024) })
    await expectRefusal(
      'highlight > 64 KB',
      await post(highlightsUrl, huge),
      400,
      'The request is too large (at most 64 KB).',
    )
    await expectRefusal(
      'highlight, broken JSON',
      await post(highlightsUrl, Buffer.from('{"start": 0, "end": ')),
      400,
      'The request body is not valid JSON.',
    )
    await expectRefusal('highlight, JSON array', await post(highlightsUrl, '[1,2,3]'), 400, /./)
    await expectRefusal(
      'highlight as text/plain',
      await post(highlightsUrl, JSON.stringify(HIGHLIGHT), 'text/plain'),
      415,
      'Send the request body as JSON, with the header Content-Type: application/json.',
    )
    await expectRefusal(
      'highlight as a form',
      await student.request.post(highlightsUrl, {
        form: { start: String(HIGHLIGHT.start), end: String(HIGHLIGHT.end), tag: 'CLAIM' },
      }),
      415,
      'Send the request body as JSON, with the header Content-Type: application/json.',
    )
    await expectRefusal(
      'highlight, wrong field types',
      await student.request.post(highlightsUrl, { data: { start: 'zero', end: {}, tag: 'CLAIM' } }),
      400,
      'The selection is not valid.',
    )
    expect(await highlightsOf(student, source.id)).toEqual([])

    const title = `Never imported ${runId}`
    const backup = {
      format: 'colloquy-map',
      version: 1,
      title,
      kind: 'PERSONAL',
      nodes: [{ id: 'n1', kind: 'NOTE', label: 'x', x: 0, y: 0 }],
      relations: [],
    }
    await expectRefusal(
      'backup > 2 MB',
      await post(importUrl, JSON.stringify({ ...backup, padding: 'x'.repeat(2 * 1024 * 1024) })),
      400,
      'The request is too large (at most 2048 KB).',
    )
    await expectRefusal(
      'backup, broken JSON',
      await post(importUrl, Buffer.from(JSON.stringify(backup).slice(0, -5))),
      400,
      'The request body is not valid JSON.',
    )
    await expectRefusal(
      'backup as text/plain',
      await post(importUrl, JSON.stringify(backup), 'text/plain'),
      415,
      /^Send the request body as JSON/,
    )
    await expectRefusal(
      'not a backup',
      await student.request.post(importUrl, { data: { hello: 'world' } }),
      400,
      'This file is not a Colloquy map backup.',
    )
    await student.goto(`${group.url}/maps`)
    await expect(student.getByRole('heading', { level: 1, name: 'Argument maps' })).toBeVisible()
    await expect(student.getByText(title)).toHaveCount(0)

    const tooLarge = 'This file is too large: upload a file of at most 10 MB.'
    await expectRefusal(
      'upload > 10 MB',
      await teacher.request.post(extractUrl, {
        multipart: { file: { name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(11 * 1024 * 1024, 'a') } },
      }),
      400,
      tooLarge,
    )
    await expectRefusal(
      'upload sent as JSON',
      await teacher.request.post(extractUrl, { data: { file: 'essay.txt' } }),
      400,
      'Send the file as multipart/form-data in a field named “file”.',
    )
    await expectRefusal(
      'upload, broken multipart',
      await teacher.request.post(extractUrl, {
        headers: { 'Content-Type': 'multipart/form-data; boundary=zzz' },
        data: '--zzz\r\nContent-Disposition: form-data; name="file"\r\n\r\nunterminated',
      }),
      400,
      /^(The upload could not be read|Choose a file to upload)/,
    )
    await expectRefusal(
      'upload without a file',
      await teacher.request.post(extractUrl, { multipart: { note: 'no file here' } }),
      400,
      'Choose a file to upload.',
    )
    // The group still holds its one source.
    await teacher.goto(group.url)
    await expect(teacher.getByRole('link', { name: `Alliance habits ${runId}` })).toHaveCount(1)
  })
})

test.describe('script payloads stay text', () => {
  test('payloads in names, notes, replies, map labels, feedback and an imported source never run, in pages or exports', async ({
    openBrowser,
  }) => {
    test.slow()
    test.setTimeout(300_000)

    // An instructor whose name, group and source carry payloads, all typed into the real forms.
    const teacher = await openBrowser()
    const teacherDialogs = watchDialogs(teacher)
    const instructor: Account = newAccount('xss-teacher', `Dr. Quill ${PAYLOAD.svg}`)
    await signUp(teacher, instructor)
    await expectInert(teacher)
    const group = await createGroup(teacher, `Seminar ${PAYLOAD.script} ${runId}`)
    await expectInert(teacher)

    const sourceTitle = `Essay ${PAYLOAD.svg} ${runId}`
    await teacher.getByRole('link', { name: 'Add source' }).click()
    await teacher.getByLabel('Text', { exact: true }).fill(ESSAY)
    await teacher.getByLabel('Title', { exact: true }).fill(sourceTitle)
    // A script address as the source's web address is refused with a clear message.
    await teacher.getByLabel('Web address (optional)').fill(PAYLOAD.jsUrl)
    await teacher.getByRole('button', { name: 'Add source' }).click()
    await expect(teacher.getByText('Enter a full web address starting with http:// or https://.').first()).toBeVisible(
      SLOW,
    )
    await teacher.getByLabel('Web address (optional)').fill('')
    await teacher.getByRole('button', { name: 'Add source' }).click()
    await expect(teacher).toHaveURL(/\/groups\/[^/]+\/sources\/(?!new$)[^/]+$/, SLOW)
    const source = { id: new URL(teacher.url()).pathname.split('/')[4]!, url: teacher.url() }
    await expect(teacher.getByRole('heading', { level: 1 })).toHaveText(sourceTitle)

    // A student signs up with a payload for a name and joins.
    const student = await openBrowser()
    const mallory: Account = newAccount('xss-student', `Mallory ${PAYLOAD.img}`)
    const studentDialogs = watchDialogs(student, (message) =>
      message.startsWith('Link address') ? PAYLOAD.jsUrl : null,
    )
    await signUp(student, mallory)
    await joinWithCode(student, group)
    await expectInert(student)

    // Her highlight carries a payload note (through the HTTP API), with a safe link and no unsafe one.
    const scriptStart = ESSAY.indexOf(PAYLOAD.script)
    const noteText = `Note ${PAYLOAD.script} ${PAYLOAD.img}`
    const note = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: noteText }] },
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: `Link ${PAYLOAD.svg}`,
              marks: [{ type: 'link', attrs: { href: 'https://example.org/safe' } }],
            },
          ],
        },
      ],
    }
    const created = await student.request.post(`/api/sources/${source.id}/highlights`, {
      data: { start: scriptStart, end: scriptStart + PAYLOAD.script.length, tag: 'EVIDENCE', note },
    })
    expect(created.status()).toBe(201)
    const highlight = (await created.json()) as { id: string }
    expect((await highlightsOf(student, source.id)).find((h) => h.id === highlight.id)?.exact).toBe(PAYLOAD.script)
    const unsafeLink = await student.request.post(`/api/sources/${source.id}/highlights`, {
      data: {
        ...HIGHLIGHT,
        note: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [{ type: 'text', text: 'click me', marks: [{ type: 'link', attrs: { href: PAYLOAD.jsUrl } }] }],
            },
          ],
        },
      },
    })
    expect(unsafeLink.status()).toBe(400)
    expect(((await unsafeLink.json()) as { error: string }).error).toBe(
      'Links must start with http://, https:// or mailto:.',
    )
    expect(await highlightsOf(student, source.id)).toHaveLength(1)

    // In the reader she replies with a payload and tries to make it a javascript: link.
    await student.goto(`${source.url}?highlight=${highlight.id}`)
    const detail = student
      .getByRole('region', { name: 'Selected highlight' })
      .getByRole('article', { name: `Evidence by ${mallory.name}` })
    await expect(detail.locator('blockquote')).toHaveText(PAYLOAD.script, SLOW)
    const replyText = `Reply ${PAYLOAD.svg} ${PAYLOAD.script}`
    await detail.getByRole('textbox', { name: 'Write a reply' }).click()
    await student.keyboard.type(replyText)
    await student.keyboard.press('ControlOrMeta+A')
    await detail
      .getByRole('toolbar', { name: 'Write a reply formatting' })
      .getByRole('button', { name: 'Link' })
      .click()
    await expect(detail.getByRole('textbox', { name: 'Write a reply' }).locator('a')).toHaveCount(0)
    await detail.getByRole('button', { name: 'Reply', exact: true }).click()
    const replies = detail.getByRole('region', { name: 'Replies' })
    await expect(replies.getByRole('listitem')).toHaveCount(1, SLOW)
    await expect(replies.getByRole('listitem')).toContainText(replyText)
    await expect(replies.locator('a')).toHaveCount(0)
    expect(studentDialogs).toEqual([])

    // Her map, imported from a backup, has a payload title and labels and cites the highlight.
    const mapTitle = `Map ${PAYLOAD.img} ${runId}`
    const noteLabel = `Label ${PAYLOAD.svg}`
    const imported = await student.request.post(`/api/groups/${group.id}/maps/import`, {
      data: {
        format: 'colloquy-map',
        version: 1,
        title: mapTitle,
        kind: 'PERSONAL',
        nodes: [
          {
            id: 'q',
            kind: 'EVIDENCE',
            label: PAYLOAD.script,
            x: 0,
            y: 200,
            citation: { highlightId: highlight.id, sourceTitle, exact: PAYLOAD.script },
          },
          { id: 'n', kind: 'CLAIM', label: noteLabel, x: 0, y: 0 },
          { id: 'u', kind: 'NOTE', label: PAYLOAD.jsUrl, x: 320, y: 0 },
        ],
        relations: [{ id: 'r', fromId: 'q', toId: 'n', kind: 'SUPPORTS', label: PAYLOAD.img }],
      },
    })
    expect(imported.status()).toBe(201)
    const mapId = ((await imported.json()) as { id: string }).id
    const otherTitle = `Second ${PAYLOAD.svg} ${runId}`
    const other = await student.request.post(`/api/groups/${group.id}/maps/import`, {
      data: {
        format: 'colloquy-map',
        version: 1,
        title: otherTitle,
        kind: 'PERSONAL',
        nodes: [{ id: 'a', kind: 'CLAIM', label: PAYLOAD.img, x: 0, y: 0 }],
        relations: [],
      },
    })
    expect(other.status()).toBe(201)
    const otherId = ((await other.json()) as { id: string }).id
    const mapUrl = `${group.url}/maps/${mapId}`

    // The instructor leaves payload feedback on it.
    const feedbackText = `Feedback ${PAYLOAD.script} see ${PAYLOAD.jsUrl}`
    await teacher.goto(mapUrl)
    await expect(teacher.getByRole('heading', { level: 1 })).toHaveText(mapTitle, SLOW)
    const panel = teacher.getByRole('region', { name: /^Feedback \(\d+\)/ })
    await expect(panel).toContainText('No feedback yet.')
    await panel.getByLabel('Comment').fill(feedbackText)
    await panel.getByRole('button', { name: 'Send feedback' }).click()
    await expect(panel.getByRole('listitem')).toContainText(feedbackText, SLOW)

    // Every page shows the payloads as the words they are, and none ran.
    const nodes = (page: Page) =>
      page.getByRole('application', { name: /^Argument map canvas/ }).locator('.react-flow__node')
    const visits: { page: Page; path: string; shows: string[] }[] = [
      { page: teacher, path: '/dashboard', shows: [group.name] },
      { page: teacher, path: group.url, shows: [group.name, sourceTitle, mallory.name, instructor.name] },
      {
        page: teacher,
        path: `${source.url}?highlight=${highlight.id}`,
        shows: [
          sourceTitle,
          PAYLOAD.script,
          PAYLOAD.img,
          PAYLOAD.svg,
          PAYLOAD.jsUrl,
          mallory.name,
          noteText,
          replyText,
        ],
      },
      { page: teacher, path: `${group.url}/maps`, shows: [mapTitle] },
      { page: teacher, path: mapUrl, shows: [mapTitle, noteLabel, PAYLOAD.jsUrl, feedbackText] },
      { page: teacher, path: `${group.url}/review`, shows: [group.name, mallory.name, sourceTitle] },
      { page: teacher, path: `${group.url}/review/compare?a=${mapId}&b=${otherId}`, shows: [mapTitle, otherTitle] },
      { page: student, path: '/dashboard', shows: [group.name] },
      {
        page: student,
        path: `${source.url}?highlight=${highlight.id}`,
        shows: [sourceTitle, noteText, replyText, mallory.name],
      },
      { page: student, path: mapUrl, shows: [mapTitle, noteLabel, feedbackText] },
    ]
    for (const { page, path, shows } of visits) {
      await page.goto(path)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible(SLOW)
      for (const text of shows)
        await expect(page.getByText(text, { exact: false }).first(), `${path} shows ${text}`).toBeVisible(SLOW)
      if (path === mapUrl) await expect(nodes(page)).toHaveCount(3, SLOW)
      await expectInert(page)
    }
    // The safe link in the note stays a link, opened away from the app.
    await teacher.goto(`${source.url}?highlight=${highlight.id}`)
    const safe = teacher.getByRole('link', { name: `Link ${PAYLOAD.svg}` })
    await expect(safe).toHaveAttribute('href', 'https://example.org/safe')
    await expect(safe).toHaveAttribute('rel', /noopener/)
    expect(teacherDialogs).toEqual([])
    expect(studentDialogs).toEqual([])

    // The PDF shows the payloads as text and has no script or launch action.
    const pdf = await teacher.request.get(`/api/maps/${mapId}/export?format=pdf`)
    expectPrivateAttachment(pdf)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    const pdfBytes = await pdf.body()
    const text = squeezed(pdfText(pdfBytes))
    for (const expected of [mapTitle, noteLabel, PAYLOAD.script, PAYLOAD.jsUrl, feedbackText, sourceTitle]) {
      expect(text, `PDF text holds ${expected}`).toContain(squeezed(expected))
    }
    const raw = pdfBytes.toString('latin1')
    expect(raw.startsWith('%PDF-')).toBe(true)
    expect(raw).not.toMatch(PDF_ACTIONS)
    expect(raw).not.toMatch(/\/URI\s*\(\s*javascript:/i)

    // The SVG: payloads escaped as text, no script element or event handler, and inert when opened.
    const svgResponse = await teacher.request.get(`/api/maps/${mapId}/export?format=svg`)
    expectPrivateAttachment(svgResponse)
    const svg = await svgResponse.text()
    for (const payload of [PAYLOAD.script, PAYLOAD.img, PAYLOAD.svg]) expect(svg).not.toContain(payload)
    expect(svg).not.toMatch(/<script/i)
    expect(svg).not.toMatch(/<(?:img|foreignObject|iframe|a|image|use)\b/i)
    // Within tags only: the words "onerror=" may appear as escaped text, never as an attribute.
    expect(svg).not.toMatch(/<[^>]*\son[a-z]+\s*=/i)
    expect(svg).not.toMatch(/<[^>]*(?:href|src)\s*=\s*["']?\s*javascript:/i)
    const viewer = await openBrowser()
    const viewerDialogs = watchDialogs(viewer)
    const probe = new URL('/__svg-probe', teacher.url()).toString()
    await viewer.route(probe, (route) => route.fulfill({ contentType: 'image/svg+xml', body: svg }))
    await viewer.goto(probe)
    await expect(viewer.locator('svg > title')).toHaveText(mapTitle)
    await expect(viewer.locator('svg text').filter({ hasText: PAYLOAD.jsUrl })).toHaveCount(1)
    await expect(viewer.locator('svg svg, svg script, svg img')).toHaveCount(0)
    expect(await viewer.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined()
    expect(viewerDialogs).toEqual([])

    // The source's highlights: JSON-LD and CSV downloads carry the payloads as data, never as a page.
    const jsonld = await student.request.get(`/api/sources/${source.id}/export?format=jsonld`)
    expectPrivateAttachment(jsonld)
    expect(jsonld.headers()['content-type']).toMatch(/^application\/ld\+json/)
    const collection = await jsonld.json()
    const annotations = JSON.stringify(collection)
    expect(annotations).toContain(JSON.stringify(PAYLOAD.script).slice(1, -1))
    // The note travels as HTML (so its links keep their URLs): read the way a consumer would, the
    // payload is the paragraph's text and the only elements are the note's own paragraphs and link.
    const noteBody = (collection.first.items[0].body as Array<{ purpose: string; value: string; format: string }>).find(
      (body) => body.purpose === 'commenting',
    )
    expect(noteBody?.format).toBe('text/html')
    const parsedNote = await viewer.evaluate((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html')
      return {
        paragraphs: [...doc.body.querySelectorAll('p')].map((p) => p.textContent),
        tags: [...doc.body.querySelectorAll('*')].map((element) => element.tagName.toLowerCase()),
      }
    }, noteBody?.value ?? '')
    expect(parsedNote.paragraphs[0]).toBe(noteText)
    expect(parsedNote.tags).toEqual(['p', 'p', 'a'])
    const csv = await student.request.get(`/api/sources/${source.id}/export?format=csv`)
    expectPrivateAttachment(csv)
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/)
    expect(await csv.text()).toContain(PAYLOAD.script)
  })
})
