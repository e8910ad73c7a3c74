// The people and the seminar the authorization matrix runs against: six personas, each signed in
// through next-auth's real credentials flow in a request context of its own, and the groups,
// sources, highlights and maps they act on, all made through the app's own server actions.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { APIRequest, APIRequestContext } from '@playwright/test'
import pg from 'pg'
import { callAction, type ActionResponse } from './authz-protocol'
import { serverActions } from './authz-inventory'

export const PERSONAS = ['anonymous', 'outsider', 'otherInstructor', 'student', 'otherStudent', 'instructor'] as const
export type PersonaName = (typeof PERSONAS)[number]

export const DESCRIBED: Record<PersonaName, string> = {
  anonymous: 'anonymous',
  outsider: 'outsider (signed in, in no group)',
  otherInstructor: 'instructor of another group',
  student: 'student (owner)',
  otherStudent: 'other student',
  instructor: 'instructor of the group',
}

export interface Persona {
  name: PersonaName
  api: APIRequestContext
  userId: string | null
  email: string | null
}

const DEMO_PASSWORD = 'seminar-demo'
const PASSWORD = 'matrix-password-1'

/** The password a persona signed in with (demo accounts share the demo's). */
export const passwordOf = (p: Persona) => (p.email?.endsWith('@colloquy.test') ? DEMO_PASSWORD : PASSWORD)

export const ESSAY_TITLE = 'Why Alliances Outlast Their Founding Threats'
export const ESSAY = [
  ESSAY_TITLE,
  'Alliances are usually founded against a single threat, yet many of them survive long after that threat has faded. The reason is that an alliance, once built, becomes a set of habits, institutions and expectations that neither partner wants to abandon lightly.',
  'Order now',
  'Shared bases, joint exercises and common procurement make cooperation cheaper every year. Each partner also fears the cost of being seen as unreliable, which keeps both at the table when their interests drift apart.',
  'Critics answer that such inertia hides real disagreements. When those disagreements surface in a crisis, the alliance may prove weaker than its long record suggests. Others reply that the record itself is the evidence: alliances that weathered earlier crises learned to absorb the next one.',
].join('\n\n')

/** Map node ids are made by the client; the server only checks their shape. */
export const clientId = () => randomBytes(16).toString('hex')

/** The e2e database, the one the Playwright web server's embedded PostgreSQL serves. */
function databaseUrl(root: string): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL
  const file = resolve(root, process.env.E2E_DATA_DIR ?? '.data/e2e', 'postgres-password')
  if (!existsSync(file)) throw new Error(`No ${file}: is the e2e server running on its embedded database?`)
  const password = readFileSync(file, 'utf8').trim()
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${process.env.E2E_PG_PORT ?? '54340'}/colloquy`
}

async function signIn(request: APIRequest, baseURL: string, email: string, password: string): Promise<Persona['api']> {
  const api = await request.newContext({ baseURL })
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string }
  await api.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
    maxRedirects: 0,
  })
  const session = (await (await api.get('/api/auth/session')).json()) as { user?: { email?: string } }
  if (session.user?.email !== email)
    throw new Error(`Signing in ${email} did not give a session: ${JSON.stringify(session)}`)
  return api
}

export class World {
  private offset = 0
  /** main: the seminar; settings: its twin whose settings flip; joinable: joined by everyone; other: the other instructor's. */
  readonly groups = { main: '', settings: '', joinable: '', other: '' }
  /** The main group's essay, where most highlights are made. */
  sourceId = ''

  private constructor(
    readonly origin: string,
    readonly db: pg.Pool,
    readonly actionIds: Map<string, string>,
    readonly personas: Record<PersonaName, Persona>,
    /** Someone who joins the main group only to be removed from it. */
    readonly spare: Persona,
    readonly runId: string,
  ) {}

  static async create(request: APIRequest, baseURL: string, root: string): Promise<World> {
    const origin = new URL(baseURL).origin
    const db = new pg.Pool({ connectionString: databaseUrl(root), max: 6 })
    const actionIds = new Map(serverActions(root).map((action) => [action.key, action.id]))
    const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`
    const userId = async (email: string) =>
      (await db.query<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [email])).rows[0]!.id
    const anonymous: Persona = {
      name: 'anonymous',
      api: await request.newContext({ baseURL }),
      userId: null,
      email: null,
    }
    const demo = async (name: PersonaName, email: string): Promise<Persona> => ({
      name,
      api: await signIn(request, baseURL, email, DEMO_PASSWORD),
      userId: await userId(email),
      email,
    })
    // New accounts are made the way people make them: the sign-up action, then next-auth.
    const signedUp = async (name: PersonaName, label: string): Promise<Persona> => {
      const email = `${label}.${runId}@authz.test`
      const made = await callAction(anonymous.api, origin, actionIds.get('lib/auth/actions.ts#signUp')!, {
        name: `Matrix ${label}`,
        email,
        password: PASSWORD,
      })
      if (!made.result?.ok) throw new Error(`Could not sign up ${email}: ${made.body}`)
      return { name, api: await signIn(request, baseURL, email, PASSWORD), userId: await userId(email), email }
    }
    const [outsider, otherInstructor, student, otherStudent, instructor, spare] = await Promise.all([
      signedUp('outsider', 'outsider'),
      signedUp('otherInstructor', 'other-instructor'),
      demo('student', 'alex@colloquy.test'),
      demo('otherStudent', 'bea@colloquy.test'),
      demo('instructor', 'instructor@colloquy.test'),
      signedUp('student', 'spare'),
    ])
    const world = new World(
      origin,
      db,
      actionIds,
      { anonymous, outsider, otherInstructor, student, otherStudent, instructor },
      spare,
      runId,
    )
    ;[world.groups.main, world.groups.settings, world.groups.joinable, world.groups.other] = await Promise.all([
      world.group(instructor, 'Authorization matrix', [student, otherStudent]),
      world.group(instructor, 'Authorization settings', [student, otherStudent]),
      world.group(instructor, 'Authorization open door', []),
      world.group(otherInstructor, 'Another seminar', []),
    ])
    world.sourceId = await world.newSource()
    return world
  }

  private async group(owner: Persona, name: string, members: Persona[]): Promise<string> {
    const { id } = await this.must<{ id: string }>(owner, 'lib/groups/actions.ts#createGroupAction', {
      name: `${name} ${this.runId}`,
    })
    await Promise.all(members.map((member) => this.join(member, id)))
    return id
  }

  async dispose() {
    await this.db.end()
    for (const persona of [...Object.values(this.personas), this.spare]) await persona.api.dispose()
  }

  id(action: string): string {
    const id = this.actionIds.get(action)
    if (!id) throw new Error(`No server action ${action} in the build`)
    return id
  }

  act(persona: Persona, action: string, input: unknown): Promise<ActionResponse> {
    return callAction(persona.api, this.origin, this.id(action), input)
  }

  /** Runs an action that must succeed (arranging a test), and returns its data. */
  async must<T>(persona: Persona, action: string, input: unknown): Promise<T> {
    const response = await this.act(persona, action, input)
    if (!response.result?.ok) throw new Error(`Arranging: ${action} as ${persona.name} failed: ${response.body}`)
    return response.result.data as T
  }

  async row<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.db.query(sql, params)).rows[0] as T | undefined
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    return Number((await this.row<{ n: string }>(sql, params))?.n ?? 0)
  }

  async join(persona: Persona, groupId: string) {
    const { joinCode } = (await this.row<{ joinCode: string }>('SELECT "joinCode" FROM "Group" WHERE id = $1', [
      groupId,
    ]))!
    await this.must(persona, 'lib/groups/actions.ts#joinGroupAction', { code: joinCode })
  }

  /** A fresh source (in the main group unless told), with one block the importer took for page junk. */
  async newSource(options: { groupId?: string; by?: Persona } = {}): Promise<string> {
    const input = { groupId: options.groupId ?? this.groups.main, title: `${ESSAY_TITLE} ${clientId()}`, text: ESSAY }
    return (
      await this.must<{ id: string }>(
        options.by ?? this.personas.instructor,
        'lib/sources/actions.ts#createSourceAction',
        input,
      )
    ).id
  }

  /**
   * A passage nobody has tagged yet, so a highlight is never refused as a twin. Starts are even,
   * so a highlight moved one character on (confirmAnchor) never lands on a later one.
   */
  nextRange(): { start: number; end: number } {
    const n = this.offset++
    const start = (2 * n) % 600
    return { start, end: start + 15 + Math.floor((2 * n) / 600) }
  }

  async highlight(
    author: Persona,
    options: { visibility?: 'GROUP' | 'PRIVATE'; sourceId?: string } = {},
  ): Promise<string> {
    const input = {
      sourceId: options.sourceId ?? this.sourceId,
      ...this.nextRange(),
      tag: 'CLAIM',
      visibility: options.visibility ?? 'GROUP',
    }
    return (await this.must<{ id: string }>(author, 'lib/annotations/actions.ts#createHighlightAction', input)).id
  }

  async reply(author: Persona, highlightId: string, text = 'A reply to argue with.'): Promise<string> {
    const { id } = await this.must<{ id: string }>(author, 'lib/annotations/actions.ts#createReplyAction', {
      highlightId,
      body: note(text),
    })
    return id
  }

  async map(owner: Persona, kind: 'PERSONAL' | 'GROUP' = 'PERSONAL', groupId = this.groups.main): Promise<string> {
    const { id } = await this.must<{ id: string }>(owner, 'lib/maps/actions.ts#createMapAction', {
      groupId,
      title: `Map ${kind.toLowerCase()} ${clientId().slice(0, 6)}`,
      kind,
    })
    return id
  }

  async node(editor: Persona, mapId: string, label = 'Alliances outlast their threats'): Promise<string> {
    const id = clientId()
    await this.must(editor, 'lib/maps/actions.ts#applyOperationAction', {
      mapId,
      op: { type: 'node.add', node: { id, kind: 'CLAIM', label, highlightId: null, x: 0, y: 0 } },
    })
    return id
  }

  async submitted(owner: Persona): Promise<string> {
    const mapId = await this.map(owner)
    await this.node(owner, mapId)
    await this.must(owner, 'lib/maps/actions.ts#submitMapAction', { mapId })
    return mapId
  }

  async feedback(mapId: string): Promise<string> {
    const { id } = await this.must<{ id: string }>(
      this.personas.instructor,
      'lib/review/actions.ts#addFeedbackAction',
      { mapId, body: 'Cite the second paragraph.' },
    )
    return id
  }

  /** The request's session cookie, for clients other than Playwright's (the event stream). */
  async cookieHeader(persona: Persona): Promise<string> {
    return (await persona.api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join('; ')
  }
}

export const note = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})
