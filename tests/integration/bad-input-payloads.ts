// The bad payloads of the battery, generated from a description of each mutation's fields: every
// field gets every class of bad value its kind can receive, put into an otherwise valid input.
import type { Person, RefKind, World } from './bad-input-world'
import { unknownId } from './bad-input-world'

export type Actor = Person | null

/** What a mutation's set-up hands to its cases. */
export interface Ctx {
  actor: Actor
  /** A valid input, built anew for each case (some need the current version of a row). */
  valid: () => Promise<Record<string, unknown>>
}

interface Common {
  /** Dotted path into the input; numeric segments index arrays. */
  path: string
  optional?: boolean
  nullable?: boolean
}

/** How to read back what a successful call stored for a free-text field. */
export type ReadBack = (result: unknown, input: Record<string, unknown>) => Promise<unknown>

export type Field = Common &
  (
    | {
        /** The id of a stored row. Absent and another group's ids must answer alike, with `absent` (404 unless said). */
        kind: 'ref'
        of: RefKind
        absent?: number
      }
    /** An id the client makes up for a new row: taking an existing row's id must be refused. */
    | { kind: 'newId'; of: RefKind }
    /** An id only checked for its shape (presence: who has which nodes selected). */
    | { kind: 'opaqueId' }
    /** One of a fixed set of strings (or the literal a backup must carry). */
    | { kind: 'enum' }
    /** Free text: anything printable is valid and stored verbatim; NUL and lone surrogates are refused. */
    | {
        kind: 'text'
        max: number
        stored: ReadBack
        expected?: (value: string) => string
        wrap?: (value: string) => string
      }
    /** Structured strings: join codes, emails, backup-local ids. Garbled is wrong. */
    | { kind: 'code'; unknown?: string }
    | { kind: 'email' | 'backupId' }
    /** Web addresses: any text is a path, but not another scheme, NUL or lone surrogates. */
    | { kind: 'url' }
    /** Passwords are hashed, never stored: only their type and length matter. */
    | { kind: 'secret'; max: number }
    | { kind: 'int'; min: number; unbounded?: boolean }
    | { kind: 'number' }
    | { kind: 'bool' }
    | { kind: 'array'; item: unknown }
    | { kind: 'object'; note?: boolean }
  )

export const MISSING = Symbol('missing')

/** A payload for one field, as a function of the valid value it replaces. */
export interface BadValue {
  name: string
  value: (valid: unknown, w: World) => unknown
  /** Expected status: an exact number, or any 4xx. Unknown and foreign ids are checked apart. */
  status: number | '4xx'
}

export const ONE_MB = 'x'.repeat(1024 * 1024)

/** Markup, SQL-looking strings and odd Unicode, appended to a valid id, enum or code. */
export const HOSTILE: Record<string, string> = {
  script: '<script>alert(1)</script>',
  'img onerror': '<img src=x onerror=alert(1)>',
  'SQL OR 1=1': "' OR 1=1 --",
  'SQL DROP TABLE': '"; DROP TABLE "User"; --',
  'RTL override U+202E': '\u202E',
  emoji: '😀',
  'combining accent': '\u0301',
  NUL: '\u0000',
  'lone high surrogate': '\uD800',
  'lone low surrogate': '\uDC00',
}

/** Free text that is valid input: it must be accepted and stored exactly as sent. */
export const VALID_TEXT: Record<string, string> = {
  script: 'Read <script>alert(1)</script> first',
  'img onerror': '<img src=x onerror=alert(1)>',
  'SQL OR 1=1': "' OR 1=1 --",
  'SQL DROP TABLE': '"; DROP TABLE "User"; --',
  'RTL override U+202E': 'abc\u202Edef\u202C ghi',
  emoji: 'Alliances 🤝 endure 👍🏽 🇯🇵',
  'combining characters': 'Cafe\u0301 man\u0303ana Z\u0351\u0361a',
}

/** Free text that must be refused with a 400, however the field is written. */
const UNSTORABLE_TEXT: Record<string, string> = {
  'NUL inside': 'Before\u0000after',
  'lone high surrogate': 'Before\uD83Dafter',
  'lone low surrogate': '\uDE00after',
}

const bad = (name: string, value: BadValue['value'], status: BadValue['status'] = 400): BadValue => ({
  name,
  value,
  status,
})
const constant = (name: string, value: unknown, status: BadValue['status'] = 400) => bad(name, () => value, status)

function wrongTypes(field: Field, instead: [string, unknown][]): BadValue[] {
  const values = instead.map(([name, value]) => constant(name, value))
  if (!field.nullable) values.push(constant('null', null))
  if (!field.optional) values.push(constant('missing', MISSING))
  return values
}

const FOR_STRING: [string, unknown][] = [
  ['a number instead of text', 42],
  ['a boolean instead of text', true],
  ['an array instead of text', ['x']],
  ['an object instead of text', { value: 'x' }],
]

const garbled = (valid: unknown) => (typeof valid === 'string' ? valid : '')

function hostile(status: BadValue['status'] = 400): BadValue[] {
  return Object.entries(HOSTILE).map(([name, payload]) =>
    bad(`valid value + ${name}`, (valid) => `${garbled(valid)}${payload}`, status),
  )
}

const oversized = (status: BadValue['status'] = 400) => constant('a 1 MB string', ONE_MB, status)

function numbers(field: Field & { kind: 'int' | 'number' }): BadValue[] {
  const values = wrongTypes(field, [
    ['a word instead of a number', 'twelve'],
    ['a boolean instead of a number', true],
    ['an array instead of a number', [1]],
    ['an object instead of a number', { value: 1 }],
    ['SQL instead of a number', '1 OR 1=1'],
  ])
  values.push(
    constant('NaN', Number.NaN),
    constant('Infinity', Number.POSITIVE_INFINITY),
    constant('-Infinity', Number.NEGATIVE_INFINITY),
  )
  // Past every bound: the schema or the domain must say so, never the database.
  values.push(constant('1e308', 1e308, '4xx'), constant('-1e308', -1e308, '4xx'))
  if (field.kind === 'int') {
    values.push(constant('a fraction', 1.5), constant('2^53 (unsafe integer)', 2 ** 53))
    if (!field.unbounded) values.push(constant('2^31 (past a 32-bit column)', 2 ** 31, '4xx'))
    if (field.min >= 0) values.push(constant('a negative number', -1))
  }
  return values
}

const garbledStrings = (field: Field) => [
  ...wrongTypes(field, FOR_STRING),
  oversized(),
  constant('an empty string', ''),
  ...hostile(),
]

/** Every bad value a field of this kind can receive. */
export function badValues(field: Field): BadValue[] {
  switch (field.kind) {
    case 'ref':
    // Unknown ids and other groups' ids are compared with each other in a case of their own.
    case 'opaqueId':
    case 'enum':
    case 'email':
      return garbledStrings(field)
    case 'newId':
      return [
        ...garbledStrings(field),
        bad('the id of a row in another group', (_valid, w) => w.foreign[field.of], '4xx'),
      ]
    case 'code':
      return [
        ...garbledStrings(field),
        ...(field.unknown ? [constant('a well-formed code nobody has', field.unknown)] : []),
      ]
    case 'backupId':
      // Any short string names a node inside a backup; only type and length are checked.
      return [...wrongTypes(field, FOR_STRING), oversized(), constant('an empty string', '')]
    case 'url':
      return [
        ...wrongTypes(field, FOR_STRING),
        oversized(),
        constant('a javascript: link', 'javascript:alert(1)'),
        constant('a data: link', 'data:text/html,<script>alert(1)</script>'),
        constant('not an address', 'not a web address'),
        ...Object.entries(UNSTORABLE_TEXT).map(([name, text]) => constant(name, `https://example.org/${text}`)),
      ]
    case 'text':
      return [
        ...wrongTypes(field, FOR_STRING),
        constant(`one character over the limit (${field.max + 1})`, 'x'.repeat(field.max + 1)),
        oversized(),
        ...Object.entries(UNSTORABLE_TEXT).map(([name, text]) => constant(name, field.wrap ? field.wrap(text) : text)),
      ]
    case 'secret':
      return [
        ...wrongTypes(field, FOR_STRING),
        constant(`one character over the limit (${field.max + 1})`, 'x'.repeat(field.max + 1)),
        oversized(),
      ]
    case 'int':
    case 'number':
      return numbers(field)
    case 'bool':
      return wrongTypes(field, [
        ['the string "true"', 'true'],
        ['the number 1', 1],
        ['an array', [true]],
        ['an object', { value: true }],
      ])
    case 'array':
      return [
        ...wrongTypes(field, [
          ['a string instead of a list', 'x'],
          ['a number instead of a list', 42],
          ['an object instead of a list', { 0: field.item }],
        ]),
        bad('a list of 100,000 items', () => Array.from({ length: 100_000 }, () => field.item)),
        constant('a list holding null', [null]),
        constant('a list holding a nested list', [[field.item]]),
      ]
    case 'object': {
      const values = wrongTypes(field, [
        ['an array instead of an object', []],
        ['a string instead of an object', 'x'],
        ['a number instead of an object', 42],
        ['an empty object', {}],
      ])
      if (field.note) {
        values.push(
          bad('a note nested 100,000 levels deep', () => deepNote(100_000)),
          constant('a note in an unknown vocabulary', {
            type: 'doc',
            content: [{ type: 'image', attrs: { src: 'javascript:alert(1)' } }],
          }),
          constant('a note holding raw HTML nodes', {
            type: 'doc',
            content: [{ type: 'html', content: '<script>alert(1)</script>' }],
          }),
        )
      }
      return values
    }
  }
}

function deepNote(depth: number): unknown {
  let node: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'deep' }] }
  for (let i = 0; i < depth; i++) node = { type: 'bulletList', content: [{ type: 'listItem', content: [node] }] }
  return { type: 'doc', content: [node] }
}

/** Whole inputs that are not an object of the right shape at all. */
export const WRONG_INPUTS: [string, (valid: Record<string, unknown>) => unknown][] = [
  ['null', () => null],
  ['undefined', () => undefined],
  ['a number', () => 42],
  ['a string', () => 'x'],
  ['an array', () => []],
  ['the valid input wrapped in an array', (valid) => [valid]],
  ['an empty object', () => ({})],
  ['a 1 MB string', () => ONE_MB],
]

/** Keys no schema has, that must never reach a row: who made it, who owns it, what role. */
export function extraKeys(w: World, valid: Record<string, unknown>): Record<string, unknown> {
  const extras: Record<string, unknown> = {
    id: unknownId(),
    authorId: w.olga.id,
    ownerId: w.olga.id,
    createdById: w.olga.id,
    actorId: w.olga.id,
    userId: w.olga.id,
    groupId: w.b.groupId,
    role: 'INSTRUCTOR',
    status: 'SUBMITTED',
    isAdmin: true,
  }
  return Object.fromEntries(Object.entries(extras).filter(([key]) => !(key in valid)))
}

// ---------------------------------------------------------------------------------------------
// Paths into inputs.

const segments = (path: string) => path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s))

export function getAt(input: unknown, path: string): unknown {
  let node = input
  for (const key of segments(path)) node = (node as Record<string | number, unknown> | undefined)?.[key]
  return node
}

/** A deep copy of `input` with the value at `path` replaced (or removed, for MISSING). */
export function withValue(input: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(input)
  const keys = segments(path)
  let node = copy as Record<string | number, unknown>
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) throw new Error(`The valid input has nothing at ${path}.`)
    node = node[key] as Record<string | number, unknown>
  }
  const last = keys[keys.length - 1]!
  if (value === MISSING) delete node[last]
  else node[last] = value
  return copy
}
