// Bad input, for every mutation a person can reach: each field of each mutation gets wrong types,
// oversized values, unknown ids and ids from another group, markup, SQL-looking strings and odd
// Unicode. Every one must be refused with a 4xx and a sentence a person can read, and leave every
// table exactly as it was; free text that merely looks hostile must be stored verbatim instead.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { toFailure, type Failure } from '@/lib/errors'
import { createGroup } from '@/lib/groups/mutations'
import { MAX_JSON_BYTES, readJson } from '@/lib/http'
import { Operation } from '@/lib/maps/schema'
import { canonicalTextOf } from '@/lib/sources/import/draft'
import { importFile, type UploadedFile } from '@/lib/sources/import/file'
import { MAX_UPLOAD_BYTES } from '@/lib/sources/upload'
import { BATTERY, COVERED_APART, mutationName, READ_ONLY, type Mutation } from './bad-input-battery'
import {
  badValues,
  extraKeys,
  getAt,
  VALID_TEXT,
  withValue,
  WRONG_INPUTS,
  type Ctx,
  type Field,
} from './bad-input-payloads'
import { buildWorld, fingerprint, rowsMentioning, unknownId, type World } from './bad-input-world'

const ROOT = join(import.meta.dirname, '..', '..')

let w: World

beforeAll(async () => {
  w = await buildWorld()
}, 120_000)

type Outcome = { ok: true; data: unknown } | Failure

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, data: await run() }
  } catch (error) {
    return toFailure(error)
  }
}

// What a person must never be shown: internals, or a message that does not say what is wrong.
const INTERNALS = [
  /\n\s+at /,
  /prisma/i,
  /\bP\d{4}\b/,
  /invalid input syntax/i,
  /violates|constraint/i,
  /\b(SELECT|INSERT|UPDATE) /,
  /(?<!received )undefined|\[object /,
  /pattern \//,
  /(Type|Reference|Syntax)Error/,
]
// zod's own wording ("Invalid input: expected string, received number") is fine only when the
// failure names the field it is about, so a form can show it there, or when the whole input is
// not even an object (no field to name; only a broken or hostile client sends that).
const GENERIC = /^(Invalid|Too (big|small)|Unrecognized)\b/

function messageProblem(failure: Failure, field?: string): string | undefined {
  const message = failure.error
  if (!message.trim()) return 'the message is empty'
  if (message.length > 400) return `the message is ${message.length} characters long`
  if (INTERNALS.some((pattern) => pattern.test(message))) return 'the message shows internals'
  if (/^Invalid input\.?$/.test(message)) return 'the message says only "Invalid input"'
  if (GENERIC.test(message) && field !== undefined) {
    const named = Object.keys(failure.fieldErrors).some(
      (key) => key !== 'form' && (key === field || key.startsWith(`${field}.`) || field.startsWith(`${key}.`)),
    )
    if (!named) return 'a generic message that names no field'
  }
  return undefined
}

function describeOutcome(result: Outcome): string {
  return result.ok ? 'it succeeded' : `${result.status} “${result.error}” ${JSON.stringify(result.fieldErrors)}`
}

/** The call is refused as expected, in words a person can read, and no table changed. */
async function expectRefused(m: Mutation, ctx: Ctx, input: unknown, expected: number | '4xx', field?: string) {
  const before = await fingerprint()
  const result = await outcome(() => m.run(ctx.actor, input))
  const where = `${mutationName(m)} ${field ?? '(whole input)'}: ${describeOutcome(result)}`
  expect(result.ok, `${where} — expected a refusal`).toBe(false)
  const failure = result as Failure
  if (expected === '4xx') expect(failure.status >= 400 && failure.status < 500, `${where} — expected a 4xx`).toBe(true)
  else expect(failure.status, `${where} — expected ${expected}`).toBe(expected)
  expect(messageProblem(failure, field), where).toBeUndefined()
  expect(await fingerprint(), `${where} — the database changed`).toEqual(before)
}

type Case = { name: string; run: (ctx: Ctx & { samples?: Record<string, string> }) => Promise<void> }

/** The valid value of a field, or the sample the set-up gave for a field the valid input leaves out. */
const validAt = (ctx: Ctx & { samples?: Record<string, string> }, input: Record<string, unknown>, path: string) =>
  getAt(input, path) ?? ctx.samples?.[path]

function casesOf(m: Mutation): Case[] {
  const cases: Case[] = WRONG_INPUTS.map(([name, make]) => ({
    name: `whole input · ${name}`,
    run: async (ctx) => expectRefused(m, ctx, make(await ctx.valid()), 400),
  }))
  for (const field of m.fields) {
    for (const value of badValues(field)) {
      cases.push({
        name: `${field.path} · ${value.name}`,
        run: async (ctx) => {
          const valid = await ctx.valid()
          const replacement = value.value(validAt(ctx, valid, field.path), w)
          await expectRefused(m, ctx, withValue(valid, field.path, replacement), value.status, field.path)
        },
      })
    }
    if (field.kind === 'ref') cases.push(unknownAndForeign(m, field))
  }
  return cases
}

/** An id that does not exist and an id from a group the actor is not in get the same answer, word for word. */
function unknownAndForeign(m: Mutation, field: Field & { kind: 'ref' }): Case {
  return {
    name: `${field.path} · an unknown id, and another group's id, answer alike (${field.absent ?? 404})`,
    run: async (ctx) => {
      const valid = await ctx.valid()
      const before = await fingerprint()
      const unknown = await outcome(() => m.run(ctx.actor, withValue(valid, field.path, unknownId())))
      const foreign = await outcome(() => m.run(ctx.actor, withValue(valid, field.path, w.foreign[field.of])))
      const where = `${mutationName(m)} ${field.path}`
      expect(unknown.ok ? 0 : unknown.status, `${where}, unknown id: ${describeOutcome(unknown)}`).toBe(
        field.absent ?? 404,
      )
      expect(messageProblem(unknown as Failure, field.path), where).toBeUndefined()
      expect(foreign, `${where}: another group's id must read like a missing one`).toEqual(unknown)
      expect(await fingerprint(), `${where} — the database changed`).toEqual(before)
    },
  }
}

const textFields = (m: Mutation) => m.fields.filter((f): f is Field & { kind: 'text' } => f.kind === 'text')

describe('the battery covers every mutation', () => {
  const files = (dir: string): string[] =>
    readdirSync(join(ROOT, dir)).flatMap((name) => {
      const path = join(dir, name)
      return statSync(join(ROOT, path)).isDirectory() ? (name === 'generated' ? [] : files(path)) : [path]
    })
  const source = (path: string) => readFileSync(join(ROOT, path), 'utf8')
  const actionFiles = files('lib').filter(
    (path) => path.endsWith('.ts') && /^\s*(\/\/.*\n\s*)*['"]use server['"]/.test(source(path)),
  )

  /** Each exported action with the text of its body. */
  const actions = actionFiles.flatMap((path) => {
    const text = source(path)
    const found = [...text.matchAll(/^export (?:async function|const) (\w+)/gm)]
    return found.map((match, i) => ({
      path,
      name: match[1]!,
      body: text.slice(match.index, found[i + 1]?.index ?? text.length),
    }))
  })

  it('finds the server action files', () => {
    expect(actionFiles.map((path) => relative('.', path)).sort()).toEqual(
      expect.arrayContaining([
        'lib/annotations/actions.ts',
        'lib/groups/actions.ts',
        'lib/maps/actions.ts',
        'lib/sources/editing/actions.ts',
      ]),
    )
    expect(actions.length).toBeGreaterThan(30)
  })

  it('has an entry for every server action, or lists it as read-only', () => {
    const covered = new Set(BATTERY.flatMap((m) => m.via))
    const missing = actions
      .filter((a) => !covered.has(a.name) && !(a.name in READ_ONLY))
      .map((a) => `${a.name} (${a.path})`)
    expect(missing, 'server actions with no battery entry').toEqual([])
    const names = new Set(actions.map((a) => a.name))
    const stale = [...covered]
      .filter((via) => !via.includes('/') && !names.has(via))
      .concat(Object.keys(READ_ONLY).filter((name) => !names.has(name)))
    expect(stale, 'battery entries naming actions that no longer exist').toEqual([])
  })

  it('calls the domain function each action calls', () => {
    for (const m of BATTERY) {
      for (const via of m.via.filter((v) => !v.includes('/'))) {
        const action = actions.find((a) => a.name === via)!
        expect(action.body, `${via} should call ${m.calls}`).toMatch(new RegExp(`\\b${m.calls}\\(`))
      }
    }
  })

  it('has an entry for every route that accepts a POST, PUT, PATCH or DELETE', () => {
    const routes = files('app').filter((path) => path.endsWith('route.ts'))
    const writing = routes.filter((path) =>
      /export (async function (POST|PUT|PATCH|DELETE)\b|\{[^}]*\bas (POST|PUT|PATCH|DELETE)\b)/.test(source(path)),
    )
    expect(writing.length).toBeGreaterThanOrEqual(4)
    const covered = new Set([...BATTERY.flatMap((m) => m.via), ...Object.keys(COVERED_APART)])
    expect(
      writing.filter((path) => !covered.has(path)),
      'routes with no battery entry',
    ).toEqual([])
    for (const m of BATTERY) {
      for (const route of m.via.filter((v) => v.includes('/') && !v.includes('[...nextauth]'))) {
        expect(source(route), `${route} should call ${m.calls}`).toMatch(new RegExp(`\\b${m.calls}\\(`))
      }
    }
  })

  it('has an entry for every kind of map operation', () => {
    const kinds = Operation.options.map((option) => option.shape.type.value)
    const covered = BATTERY.filter((m) => m.calls === 'applyMapOperation').map((m) => m.variant)
    expect([...kinds].sort()).toEqual([...covered].sort())
  })
})

for (const m of BATTERY) {
  describe(mutationName(m), () => {
    let ctx: Ctx & { samples?: Record<string, string> }
    beforeAll(async () => {
      ctx = await m.setup(w)
    }, 60_000)

    for (const c of casesOf(m)) it(c.name, () => c.run(ctx))

    for (const field of textFields(m)) {
      it(`${field.path} · markup, SQL-looking text, emoji, RTL and combining characters are stored verbatim`, async () => {
        for (const [name, value] of Object.entries(VALID_TEXT)) {
          const sent = field.wrap ? field.wrap(value) : value
          const input = withValue(await ctx.valid(), field.path, sent)
          const result = await outcome(() => m.run(ctx.actor, input))
          expect(result.ok, `${mutationName(m)} ${field.path} = ${name}: ${describeOutcome(result)}`).toBe(true)
          const stored = await field.stored((result as { data: unknown }).data, input)
          expect(stored, `${mutationName(m)} ${field.path} = ${name}`).toBe(
            field.expected ? field.expected(sent) : sent,
          )
        }
      })
    }

    // Last, as it changes what it acts on. It also shows the valid input is valid, so the
    // refusals above are about the bad value and nothing else.
    it('accepts the valid input, ignoring keys no schema has (author, owner, role, group, __proto__)', async () => {
      const valid = await ctx.valid()
      const withExtras = JSON.stringify({ ...extraKeys(w, valid), ...valid }).replace(
        /^\{/,
        '{"__proto__":{"polluted":"yes"},',
      )
      const input: unknown = JSON.parse(withExtras)
      const mentions = await rowsMentioning([w.olga.id, w.b.groupId])
      const result = await outcome(() => m.run(ctx.actor, input))
      expect(result.ok, `${mutationName(m)}: ${describeOutcome(result)}`).toBe(true)
      expect(await rowsMentioning([w.olga.id, w.b.groupId]), 'an extra key reached a row').toBe(mentions)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })
  })
}

describe('importFile (the upload behind POST /api/groups/[groupId]/sources/extract)', () => {
  const bytes = (text: string) => new TextEncoder().encode(text)
  const utf16 = (units: number[]) => Uint8Array.from([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])])
  const FILES: [string, UploadedFile][] = [
    ['an empty file', { name: 'essay.txt', type: 'text/plain', bytes: new Uint8Array() }],
    ['a file one byte over 10 MB', { name: 'essay.txt', bytes: new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(65) }],
    ['binary data named .txt', { name: 'essay.txt', bytes: Uint8Array.from([72, 105, 0, 0, 1, 2, 255]) }],
    ['bytes that are not UTF-8', { name: 'essay.txt', bytes: Uint8Array.from([0x41, 0xc3, 0x28, 0xa0, 0xa1]) }],
    ['UTF-16 with a lone surrogate', { name: 'essay.txt', bytes: utf16([0x48, 0x69, 0xd800, 0x21]) }],
    ['only whitespace', { name: 'essay.txt', bytes: bytes('  \n\n \t ') }],
    ['an executable', { name: 'essay.exe', type: 'application/octet-stream', bytes: bytes('MZ\x90\x00') }],
    ['a name of script markup and no extension', { name: '<script>alert(1)</script>', bytes: bytes('Some text.') }],
    ['a SQL-looking name', { name: 'essay\'; DROP TABLE "User"; --', bytes: bytes('Some text.') }],
    ['a name with an RTL override hiding .exe', { name: 'essay\u202Etxt.exe', bytes: bytes('Some text.') }],
    ['a .docx that is not a zip', { name: 'essay.docx', bytes: bytes('Some text.') }],
    [
      'a .docx that is a broken zip',
      { name: 'essay.docx', bytes: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]) },
    ],
    ['a .pdf with nothing after its header', { name: 'essay.pdf', bytes: bytes('%PDF-1.7\ngarbage') }],
    [
      'an old Word file',
      { name: 'essay.doc', bytes: Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
    ],
    ['HTML that is only a script', { name: 'essay.html', bytes: bytes('<script>alert(1)</script>') }],
  ]

  for (const [name, file] of FILES) {
    it(`refuses ${name}`, async () => {
      const before = await fingerprint()
      const result = await outcome(() => importFile(file))
      expect(result.ok, `${name}: ${describeOutcome(result)}`).toBe(false)
      expect((result as Failure).status, `${name}: ${describeOutcome(result)}`).toBe(400)
      expect(messageProblem(result as Failure), name).toBeUndefined()
      expect(await fingerprint()).toEqual(before)
    })
  }

  it('reads markup as text and never returns a script', async () => {
    const result = await importFile({
      name: 'essay.html',
      bytes: bytes('<p>Alliances <b>endure</b>.</p><script>alert(1)</script><img src=x onerror=alert(1)>'),
    })
    expect(canonicalTextOf(result.blocks)).toBe('Alliances endure.')
  })
})

describe('readJson (the body of every JSON route)', () => {
  const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
    new Request('http://localhost/api/groups/x/maps/import', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    })

  const refusalOf = async (request: Request, maxBytes?: number) => {
    const result = await outcome(() => readJson(request, maxBytes))
    expect(result.ok, describeOutcome(result)).toBe(false)
    expect(messageProblem(result as Failure)).toBeUndefined()
    return result as Failure
  }

  const TOO_LARGE = { status: 400, error: 'The request is too large (at most 64 KB).' }

  it('refuses a body declared larger than the limit without reading it', async () => {
    const request = post('{}', { 'content-length': String(10 ** 9) })
    expect(await refusalOf(request)).toMatchObject(TOO_LARGE)
    expect(request.bodyUsed).toBe(false)
  })

  it('refuses a body larger than the limit whatever its header says', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(MAX_JSON_BYTES) })
    expect(await refusalOf(post(big))).toMatchObject(TOO_LARGE)
    expect(await refusalOf(post(big, { 'content-length': '10' }))).toMatchObject(TOO_LARGE)
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(16 * 1024)))
        controller.close()
      },
    })
    expect(
      await refusalOf(
        new Request('http://localhost/', {
          method: 'POST',
          body: streamed,
          duplex: 'half',
          headers: { 'content-type': 'application/json' },
        } as RequestInit),
      ),
    ).toMatchObject(TOO_LARGE)
  })

  it('counts bytes, not characters', async () => {
    // 32,769 two-byte characters: fewer characters than the limit, more bytes.
    expect(await refusalOf(post(JSON.stringify('é'.repeat(32 * 1024 + 1))))).toMatchObject(TOO_LARGE)
  })

  it('accepts a body of exactly the limit, and honours a route’s own limit', async () => {
    const exact = JSON.stringify('x'.repeat(MAX_JSON_BYTES - 2))
    expect(Buffer.byteLength(exact)).toBe(MAX_JSON_BYTES)
    expect(await readJson(post(exact))).toHaveLength(MAX_JSON_BYTES - 2)
    expect(await refusalOf(post(JSON.stringify({ a: 'x'.repeat(2000) })), 1024)).toMatchObject({
      status: 400,
      error: 'The request is too large (at most 1 KB).',
    })
  })

  it.each([
    ['an empty body', ''],
    ['a body cut short', '{"title":'],
    ['single quotes', "{'title': 'x'}"],
    ['NaN', 'NaN'],
    ['markup', '<script>alert(1)</script>'],
    ['SQL', "' OR 1=1 --"],
    ['a trailing comma', '{"a":1,}'],
  ])('refuses %s as not JSON', async (_name, body) => {
    expect(await refusalOf(post(body))).toMatchObject({ status: 400, error: 'The request body is not valid JSON.' })
  })

  it('refuses a body that is not sent as JSON', async () => {
    const failure = await refusalOf(post('{"a":1}', { 'content-type': 'text/plain' }))
    expect(failure.status).toBeGreaterThanOrEqual(400)
    expect(failure.status).toBeLessThan(500)
  })

  it('hands NUL and lone surrogates written as JSON escapes to the schemas, which refuse them', async () => {
    for (const escaped of ['\\u0000', '\\ud800', '\\udc00']) {
      const input = await readJson(post(`{"name":"Ethics${escaped}seminar"}`))
      expect(getAt(input, 'name')).toMatch(/^Ethics.seminar$/su)
      const before = await fingerprint()
      const result = await outcome(() => createGroup(w.sam, input))
      expect(result, describeOutcome(result)).toMatchObject({
        ok: false,
        status: 400,
        error: 'The group name contains characters that cannot be shown.',
      })
      expect(await fingerprint()).toEqual(before)
    }
  })
})

// Kept in view: an entry with no field of a kind makes its cases disappear silently otherwise.
describe('the battery itself', () => {
  it('gives every mutation fields, and sizes up as expected', () => {
    for (const m of BATTERY) expect(m.fields.length, mutationName(m)).toBeGreaterThan(0)
    const cases = BATTERY.reduce((sum, m) => sum + casesOf(m).length, 0)
    expect(cases).toBeGreaterThan(1000)
  })
})
