// Who may do what: every action of lib/permissions.ts against every standing, checked against a
// table written out here by hand, so a new action or a changed grant cannot slip through unseen.
import { describe, expect, it } from 'vitest'
import { AppError, Forbidden, NotFound, Unauthenticated } from '@/lib/errors'
import {
  ACTIONS,
  authorize,
  authorizeJoin,
  can,
  GROUP_ARCHIVED,
  LOCKED_WHILE_SUBMITTED,
  MAP_SUBMITTED,
  RULES,
  standingOf,
  WHILE_ARCHIVED,
  type Action,
  type Standing,
} from '@/lib/permissions'

type Expected = 'allowed' | 'only own' | 'denied'

/** The intended rules, one row per action. Adding an action to RULES without a row here fails. */
const EXPECTED: Record<Action, { student: Expected; instructor: Expected }> = {
  'group:read': { student: 'allowed', instructor: 'allowed' },
  'group:manage': { student: 'denied', instructor: 'allowed' },
  'group:leave': { student: 'allowed', instructor: 'allowed' },
  'group:delete': { student: 'denied', instructor: 'allowed' },
  'member:remove': { student: 'denied', instructor: 'allowed' },
  'joinCode:read': { student: 'denied', instructor: 'allowed' },
  'joinCode:rotate': { student: 'denied', instructor: 'allowed' },
  'source:read': { student: 'allowed', instructor: 'allowed' },
  'source:create': { student: 'denied', instructor: 'allowed' },
  'source:edit': { student: 'denied', instructor: 'allowed' },
  'source:export': { student: 'allowed', instructor: 'allowed' },
  'group:classView': { student: 'denied', instructor: 'allowed' },
  'group:archive': { student: 'denied', instructor: 'allowed' },
  'group:setArchived': { student: 'denied', instructor: 'allowed' },
  'highlight:create': { student: 'allowed', instructor: 'allowed' },
  'highlight:edit': { student: 'only own', instructor: 'only own' },
  'highlight:delete': { student: 'only own', instructor: 'allowed' },
  'highlight:confirm': { student: 'only own', instructor: 'allowed' },
  'highlight:readAll': { student: 'denied', instructor: 'allowed' },
  'reply:create': { student: 'allowed', instructor: 'allowed' },
  'reply:edit': { student: 'only own', instructor: 'only own' },
  'reply:delete': { student: 'only own', instructor: 'allowed' },
  'map:create': { student: 'allowed', instructor: 'allowed' },
  'groupMap:create': { student: 'denied', instructor: 'allowed' },
  'groupMap:read': { student: 'allowed', instructor: 'allowed' },
  'groupMap:edit': { student: 'allowed', instructor: 'allowed' },
  'groupMap:delete': { student: 'denied', instructor: 'allowed' },
  'personalMap:read': { student: 'only own', instructor: 'allowed' },
  'personalMap:edit': { student: 'only own', instructor: 'only own' },
  'personalMap:delete': { student: 'only own', instructor: 'only own' },
  'personalMap:submit': { student: 'only own', instructor: 'denied' },
  'personalMap:reopen': { student: 'denied', instructor: 'allowed' },
  'review:read': { student: 'denied', instructor: 'allowed' },
  'rubric:edit': { student: 'denied', instructor: 'allowed' },
  'feedback:create': { student: 'denied', instructor: 'allowed' },
  'feedback:delete': { student: 'denied', instructor: 'allowed' },
  'assignment:read': { student: 'allowed', instructor: 'allowed' },
  'assignment:manage': { student: 'denied', instructor: 'allowed' },
  'gradebook:export': { student: 'denied', instructor: 'allowed' },
}

/** What an archived group still allows (to whoever may do it at all): reading, exporting, and the ways out. */
const WHILE_ARCHIVED_EXPECTED: Action[] = [
  'group:read',
  'group:leave',
  'group:delete',
  'group:setArchived',
  'group:classView',
  'group:archive',
  'member:remove',
  'source:read',
  'source:export',
  'highlight:readAll',
  'groupMap:read',
  'personalMap:read',
  'review:read',
  'assignment:read',
  'gradebook:export',
]

const INSTRUCTOR_ONLY: Action[] = [
  'group:manage',
  'member:remove',
  'joinCode:read',
  'joinCode:rotate',
  'source:create',
  'source:edit',
  'assignment:manage',
  'gradebook:export',
]

const STANDINGS: Standing[] = ['anonymous', 'outsider', 'student', 'instructor']

/** 'allowed', or the error class and HTTP status the person would get. */
function outcomeOf(standing: Standing, action: Action, isOwner: boolean, archived = false) {
  try {
    authorize(standing, action, { isOwner, archived })
    return 'allowed'
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    return { error: error.constructor, status: error.status, ...(archived ? { message: error.message } : {}) }
  }
}

describe('the permission table', () => {
  it('has an explicit expectation for every action, and no expectation for an action that does not exist', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort())
    expect(Object.keys(RULES).sort()).toEqual([...ACTIONS].sort())
  })

  it('lets only instructors manage the group, its members, its join code, its sources and its assignments', () => {
    for (const action of INSTRUCTOR_ONLY) {
      expect(EXPECTED[action], action).toEqual({ student: 'denied', instructor: 'allowed' })
      for (const isOwner of [true, false]) {
        expect(can('instructor', action, { isOwner }), action).toBe(true)
        expect(can('student', action, { isOwner }), action).toBe(false)
      }
    }
  })

  it('lets every member read the group and its sources and leave it', () => {
    for (const action of ['group:read', 'source:read', 'group:leave'] as const) {
      expect(can('student', action)).toBe(true)
      expect(can('instructor', action)).toBe(true)
      expect(can('outsider', action)).toBe(false)
      expect(can('anonymous', action)).toBe(false)
    }
  })
})

describe('what people may do with highlights and replies', () => {
  it("lets everyone edit only their own, and lets instructors delete anyone's", () => {
    for (const action of ['highlight:edit', 'reply:edit'] as const) {
      for (const standing of ['student', 'instructor'] as const) {
        expect(can(standing, action, { isOwner: true }), `${standing} ${action} own`).toBe(true)
        expect(can(standing, action, { isOwner: false }), `${standing} ${action} other's`).toBe(false)
        expect(can(standing, action), `${standing} ${action} without owner`).toBe(false)
      }
    }
    for (const action of ['highlight:delete', 'reply:delete', 'highlight:confirm'] as const) {
      expect(can('student', action, { isOwner: true }), action).toBe(true)
      expect(can('student', action, { isOwner: false }), action).toBe(false)
      expect(can('instructor', action, { isOwner: false }), action).toBe(true)
    }
  })
})

describe.each(ACTIONS)('%s', (action) => {
  const cases = STANDINGS.flatMap((standing) => [true, false].map((isOwner) => ({ standing, isOwner })))

  it.each(cases)('for $standing (isOwner: $isOwner)', ({ standing, isOwner }) => {
    const outcome = outcomeOf(standing, action, isOwner)
    expect(can(standing, action, { isOwner })).toBe(outcome === 'allowed')
    if (standing === 'anonymous') return expect(outcome).toEqual({ error: Unauthenticated, status: 401 })
    // Outsiders learn nothing, not even that the group exists.
    if (standing === 'outsider') return expect(outcome).toEqual({ error: NotFound, status: 404 })
    const expected = EXPECTED[action][standing]
    const allowed = expected === 'allowed' || (expected === 'only own' && isOwner)
    expect(outcome).toEqual(allowed ? 'allowed' : { error: Forbidden, status: 403 })
  })
})

describe.each(ACTIONS)('%s in an archived group', (action) => {
  const cases = STANDINGS.flatMap((standing) => [true, false].map((isOwner) => ({ standing, isOwner })))

  it.each(cases)('for $standing (isOwner: $isOwner)', ({ standing, isOwner }) => {
    const outcome = outcomeOf(standing, action, isOwner, true)
    expect(can(standing, action, { isOwner, archived: true })).toBe(outcome === 'allowed')
    if (standing === 'anonymous') return expect(outcome).toMatchObject({ error: Unauthenticated, status: 401 })
    if (standing === 'outsider') return expect(outcome).toMatchObject({ error: NotFound, status: 404 })
    const expected = EXPECTED[action][standing]
    const allowed = expected === 'allowed' || (expected === 'only own' && isOwner)
    const stays = WHILE_ARCHIVED_EXPECTED.includes(action)
    if (allowed && stays) return expect(outcome).toBe('allowed')
    // Refused for the archive: the person is told why, and how it ends.
    if (allowed) return expect(outcome).toEqual({ error: Forbidden, status: 403, message: GROUP_ARCHIVED })
    expect(outcome).toEqual({ error: Forbidden, status: 403, message: 'You are not allowed to do that.' })
  })
})

describe('an archived group', () => {
  it('keeps only reading, exporting and the ways out, and takes no new members', () => {
    expect([...WHILE_ARCHIVED].sort()).toEqual([...WHILE_ARCHIVED_EXPECTED].sort())
    for (const action of [
      'highlight:create',
      'reply:create',
      'groupMap:edit',
      'personalMap:edit',
      'personalMap:submit',
      'source:create',
      'feedback:create',
      'group:manage',
    ] as const) {
      expect(WHILE_ARCHIVED.has(action), action).toBe(false)
    }
    expect(() => authorizeJoin({ archived: true })).toThrow(GROUP_ARCHIVED)
    expect(() => authorizeJoin({ archived: false })).not.toThrow()
  })
})

describe('a personal map submitted for review', () => {
  const refusal = (standing: Standing, action: Action, opts: { isOwner: boolean; archived?: boolean }) => {
    try {
      authorize(standing, action, { ...opts, submitted: true })
      return 'allowed'
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      return { status: error.status, message: error.message }
    }
  }

  it('is read-only to its student until an instructor reopens it', () => {
    expect([...LOCKED_WHILE_SUBMITTED].sort()).toEqual(['personalMap:delete', 'personalMap:edit', 'personalMap:submit'])
    for (const action of ['personalMap:edit', 'personalMap:delete', 'personalMap:submit'] as const) {
      expect(can('student', action, { isOwner: true }), action).toBe(true)
      expect(can('student', action, { isOwner: true, submitted: true }), action).toBe(false)
      expect(refusal('student', action, { isOwner: true }), action).toEqual({ status: 403, message: MAP_SUBMITTED })
    }
    expect(refusal('student', 'personalMap:read', { isOwner: true })).toBe('allowed')
    expect(refusal('instructor', 'personalMap:read', { isOwner: false })).toBe('allowed')
    expect(refusal('instructor', 'personalMap:reopen', { isOwner: false })).toBe('allowed')
  })

  it('changes no other answer: refused anyway stays the plain refusal, outsiders still hear "not found", the archive speaks first', () => {
    expect(refusal('instructor', 'personalMap:edit', { isOwner: false })).toEqual({
      status: 403,
      message: 'You are not allowed to do that.',
    })
    expect(refusal('instructor', 'personalMap:submit', { isOwner: true })).toEqual({
      status: 403,
      message: 'You are not allowed to do that.',
    })
    expect(refusal('outsider', 'personalMap:edit', { isOwner: true })).toMatchObject({ status: 404 })
    expect(refusal('anonymous', 'personalMap:edit', { isOwner: true })).toMatchObject({ status: 401 })
    expect(refusal('student', 'personalMap:edit', { isOwner: true, archived: true })).toEqual({
      status: 403,
      message: GROUP_ARCHIVED,
    })
    for (const action of ACTIONS.filter((a) => !LOCKED_WHILE_SUBMITTED.has(a))) {
      for (const standing of STANDINGS) {
        for (const isOwner of [true, false])
          expect(can(standing, action, { isOwner, submitted: true }), `${standing} ${action}`).toBe(
            can(standing, action, { isOwner }),
          )
      }
    }
  })
})

describe('standing in a group', () => {
  it('is anonymous without a user, outsider without a role, and the role otherwise', () => {
    expect(standingOf(null, null)).toBe('anonymous')
    expect(standingOf(null, 'INSTRUCTOR')).toBe('anonymous')
    expect(standingOf('user1', null)).toBe('outsider')
    expect(standingOf('user1', 'STUDENT')).toBe('student')
    expect(standingOf('user1', 'INSTRUCTOR')).toBe('instructor')
  })
})
