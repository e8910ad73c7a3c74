// The shape of an authorization matrix entry and how one is checked for every persona: arrange a
// target, read the database state the call may change, make the call, read it again. An
// allowed call must succeed and show its effect; a refused one must answer the expected status
// and leave that state exactly as it was.
import { expect, test } from '@playwright/test'
import type { ActionResponse } from './authz-protocol'
import { DESCRIBED, PERSONAS, type Persona, type PersonaName, type World } from './authz-world'

export const OK = 'ok' as const
export type ActionOutcome = typeof OK | 400 | 401 | 403 | 404

interface Common<T> {
  /** What the call is made on, for the test's title. */
  on: string
  /**
   * Makes the target. Each persona that is allowed gets a fresh one; those refused share one,
   * which is sound because a refused call must leave it unchanged.
   */
  arrange?: (w: World, p: Persona) => Promise<T>
  /** The database state the call may change; a refused call must leave it equal. */
  observe?: (w: World, t: T, p: Persona) => Promise<unknown>
  /** For 404s: the words of a missing resource, which outsiders must get verbatim (per persona where they differ). */
  notFound?: string | Partial<Record<PersonaName, string>>
}

export interface ActionEntry<T = unknown> extends Common<T> {
  action: string
  expect: Record<PersonaName, ActionOutcome>
  input: (t: T, p: Persona, w: World) => unknown
  /** Assertions on an allowed call: its data and its effect. */
  verify?: (c: {
    w: World
    t: T
    p: Persona
    data: unknown
    before: unknown
    after: unknown
    is: Check
  }) => Promise<void> | void
}

export interface HttpReply {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export interface RouteEntry<T = unknown> extends Common<T> {
  route: string
  expect: Record<PersonaName, number>
  send: (w: World, t: T, p: Persona) => Promise<HttpReply>
  verify?: (c: {
    w: World
    t: T
    p: Persona
    reply: HttpReply
    before: unknown
    after: unknown
    is: Check
  }) => Promise<void> | void
  /** next-auth answers in its own way: no `{ error }` body to check on refusals. */
  ownErrors?: boolean
}

export type Entry = (ActionEntry & { route?: never }) | (RouteEntry & { action?: never })

/** Keeps T for each entry's callbacks while the matrix holds them side by side. */
export const action = <T>(entry: ActionEntry<T>) => entry as unknown as Entry
export const route = <T>(entry: RouteEntry<T>) => entry as unknown as Entry

export const titleOf = (entry: Entry) => `${entry.action ?? entry.route} — ${entry.on}`

export type Check = ReturnType<typeof check>

export let assertions = 0
/** expect.soft, counted, with the entry and persona in every failure message. */
function check(label: string) {
  return (value: unknown, what: string) => {
    assertions++
    return expect.soft(value, `${label}: ${what}`)
  }
}

const notFoundWords = (entry: Entry, name: PersonaName) =>
  typeof entry.notFound === 'string' ? entry.notFound : entry.notFound?.[name]

const allowed = (entry: Entry, name: PersonaName) =>
  entry.action !== undefined ? entry.expect[name] === OK : entry.expect[name] < 300

/**
 * The refused personas first, side by side on their shared target, then the allowed ones side by
 * side on their own: an allowed call may change something a refused persona's check reads
 * (the group's join code, its rubric), so the two never overlap.
 */
export async function checkEntry(entry: Entry, w: World): Promise<void> {
  const refused = PERSONAS.filter((name) => !allowed(entry, name))
  const shared = refused.length > 0 ? ((await entry.arrange?.(w, w.personas[refused[0]!])) as unknown) : undefined
  const run = (name: PersonaName, fresh: boolean) =>
    test.step(DESCRIBED[name], async () => {
      const p = w.personas[name]
      const t = fresh ? ((await entry.arrange?.(w, p)) as unknown) : shared
      const before = await entry.observe?.(w, t, p)
      const is = check(`${titleOf(entry)} × ${DESCRIBED[name]}`)
      if (entry.action !== undefined) await checkAction(entry, w, p, t, before, is)
      else await checkRoute(entry, w, p, t, before, is)
    })
  await Promise.all(refused.map((name) => run(name, false)))
  await Promise.all(PERSONAS.filter((name) => allowed(entry, name)).map((name) => run(name, true)))
}

async function checkAction(entry: ActionEntry, w: World, p: Persona, t: unknown, before: unknown, is: Check) {
  const response: ActionResponse = await w.act(p, entry.action, entry.input(t, p, w))
  const after = await entry.observe?.(w, t, p)
  const expected = entry.expect[p.name]
  is(response.httpStatus, `HTTP status of the action call (body: ${response.body.slice(0, 300)})`).toBe(200)
  const result = response.result
  is(result, `a Result in the response (body: ${response.body.slice(0, 300)})`).not.toBeNull()
  if (!result) return
  if (expected === OK) {
    is(result, 'result').toMatchObject({ ok: true })
    if (result.ok) await entry.verify?.({ w, t, p, data: result.data, before, after, is })
  } else {
    is(
      result.ok ? { ok: true, data: result.data } : { status: result.status, error: result.error },
      'refusal',
    ).toMatchObject({ status: expected })
    if (!result.ok) {
      is(result.error, 'refusal message').toMatch(/\w/)
      const words = notFoundWords(entry, p.name)
      if (expected === 404 && words) is(result.error, 'words of a missing resource').toBe(words)
    }
    if (entry.observe) is(after, 'state after a refused call').toEqual(before)
  }
}

async function checkRoute(entry: RouteEntry, w: World, p: Persona, t: unknown, before: unknown, is: Check) {
  const reply = await entry.send(w, t, p)
  const after = await entry.observe?.(w, t, p)
  const expected = entry.expect[p.name]
  const text = reply.body.toString('utf8')
  const binary = /zip|pdf|png/.test(reply.headers['content-type'] ?? '')
  is(reply.status, `HTTP status (body: ${binary ? '…' : text.slice(0, 300)})`).toBe(expected)
  if (reply.status !== expected) return
  if (expected < 300 || entry.ownErrors) await entry.verify?.({ w, t, p, reply, before, after, is })
  if (expected >= 300) {
    if (!entry.ownErrors) {
      const body = JSON.parse(text) as { error?: string }
      is(body.error, 'refusal message').toMatch(/\w/)
      const words = notFoundWords(entry, p.name)
      if (expected === 404 && words) is(body.error, 'words of a missing resource').toBe(words)
    }
    if (entry.observe) is(after, 'state after a refused request').toEqual(before)
  }
}
