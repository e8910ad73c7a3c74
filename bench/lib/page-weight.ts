// What a page costs to send: its HTML as a plain HTTP client gets it (timed, with the share that is
// Next's inline flight data), and every script it loads in a cold Chromium tab, gzipped here.
import { request } from 'node:http'
import { gzipSync } from 'node:zlib'
import type { Browser, Response } from '@playwright/test'

export interface HtmlTiming {
  status: number
  /** Request sent → first byte of the body. */
  ttfb: number
  /** Request sent → last byte. */
  total: number
  body: string
}

/** The page's HTML as a plain HTTP client sees it: no browser, no assets, no compression asked for. */
export function timeHtml(url: string, cookie: string): Promise<HtmlTiming> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    let ttfb = 0
    const chunks: Buffer[] = []
    const req = request(url, { headers: { cookie }, agent: false, timeout: 60_000 }, (response) => {
      response.on('data', (chunk: Buffer) => {
        if (chunks.length === 0) ttfb = performance.now() - started
        chunks.push(chunk)
      })
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          ttfb,
          total: performance.now() - started,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      )
      response.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`GET ${url} took over 60 s`)))
    req.on('error', reject)
    req.end()
  })
}

/** 48 characters of `text` that read the same in markup and in JSON (letters and spaces only). */
export function probeOf(text: string): string {
  const probe = /[A-Za-z][A-Za-z ]{46}[A-Za-z]/.exec(text)?.[0]
  if (!probe) throw new Error('The text has no plain run of 48 letters and spaces to look for.')
  return probe
}

/**
 * An HTML page's weight, the part that is Next's inline flight data (client components' props,
 * serialized after the markup; its scripts may carry a nonce), and how many times `probe` occurs in that flight data.
 */
export function htmlWeight(html: string, probe: string) {
  const flight = [...html.matchAll(/<script[^>]*>(self\.__next_f\.push[\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('')
  return {
    bytes: Buffer.byteLength(html),
    gzip: gzipSync(html, { level: 9 }).length,
    flightBytes: Buffer.byteLength(flight),
    probeCopies: flight.split(probe).length - 1,
  }
}

export interface Script {
  url: string
  bytes: number
  gzip: number
  /** As sent (Playwright's encoded body size); equals `bytes` when the server did not compress it. */
  transfer: number
  encoding: string
  /** Libraries recognised in it by telltale strings of their production builds. */
  contains: string[]
}

const TELLTALES: [string, RegExp][] = [
  ['ProseMirror/Tiptap', /ProseMirror/],
  ['zod', /\$ZodType/],
  ['React DOM', /react\.dev\/errors/],
  ['Next router', /NEXT_REDIRECT/],
]

async function scriptOf(response: Response): Promise<Script> {
  const body = await response.body()
  const sizes = await response.request().sizes()
  const source = body.toString('utf8')
  return {
    url: response.url(),
    bytes: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    transfer: sizes.responseBodySize,
    encoding: (await response.headerValue('content-encoding')) ?? 'none',
    contains: TELLTALES.filter(([, telltale]) => telltale.test(source)).map(([name]) => name),
  }
}

export interface ScriptsOptions {
  cookie: string | null
  viewport: { width: number; height: number }
  /** An element that carries React's props once the page has hydrated. */
  hydrated: string
  /** Waited after hydration, so that chunks fetched late (lazy components, prefetches) count too. */
  settleMs: number
  timeoutMs: number
}

/** Every script `url` loads in a fresh context (empty cache) until hydrated and settled. */
export async function scriptsOf(browser: Browser, url: string, options: ScriptsOptions): Promise<Script[]> {
  const context = await browser.newContext({ viewport: options.viewport })
  try {
    if (options.cookie) {
      const [name, ...value] = options.cookie.split('=')
      await context.addCookies([{ name: name!, value: value.join('='), url }])
    }
    const page = await context.newPage()
    const seen = new Map<string, Promise<Script>>()
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script' && !seen.has(response.url()))
        seen.set(response.url(), scriptOf(response))
    })
    const response = await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs })
    if (response?.status() !== 200 || page.url() !== url)
      throw new Error(`Opening ${url} for its scripts ended at ${page.url()} (${response?.status()})`)
    await page.waitForFunction(
      (selector) =>
        [...document.querySelectorAll(selector)].some((element) =>
          Object.keys(element).some((key) => key.startsWith('__reactProps$')),
        ),
      options.hydrated,
      { timeout: options.timeoutMs },
    )
    await page.waitForTimeout(options.settleMs)
    return await Promise.all(seen.values())
  } finally {
    await context.close()
  }
}
