// The only place that decides who may do what. Deny by default; a resource in a group the
// user does not belong to answers "not found", as if it did not exist; an archived group is
// read-only for everyone; a submitted personal map is read-only until an instructor reopens it.
import type { GroupRole } from '@/lib/generated/prisma/enums'
import { Forbidden, NotFound, Unauthenticated } from '@/lib/errors'

/** How the asking user stands towards a group. */
export type Standing = 'anonymous' | 'outsider' | 'student' | 'instructor'

/** 'own' grants the action only on resources the user made. */
type Grant = 'yes' | 'own' | 'no'

export const RULES = {
  'group:read': { student: 'yes', instructor: 'yes' },
  'group:manage': { student: 'no', instructor: 'yes' },
  'group:leave': { student: 'yes', instructor: 'yes' },
  /** The group and everything in it, for good. */
  'group:delete': { student: 'no', instructor: 'yes' },
  'member:remove': { student: 'no', instructor: 'yes' },
  'joinCode:read': { student: 'no', instructor: 'yes' },
  'joinCode:rotate': { student: 'no', instructor: 'yes' },
  'source:read': { student: 'yes', instructor: 'yes' },
  'source:create': { student: 'no', instructor: 'yes' },
  'source:edit': { student: 'no', instructor: 'yes' },
  'source:export': { student: 'yes', instructor: 'yes' },
  'group:classView': { student: 'no', instructor: 'yes' },
  /** The whole seminar as one file: every student's work, private highlights included. */
  'group:archive': { student: 'no', instructor: 'yes' },
  /** Archive the group (read-only for everyone, listed apart) or unarchive it. */
  'group:setArchived': { student: 'no', instructor: 'yes' },
  'highlight:create': { student: 'yes', instructor: 'yes' },
  'highlight:edit': { student: 'own', instructor: 'own' },
  'highlight:delete': { student: 'own', instructor: 'yes' },
  'highlight:confirm': { student: 'own', instructor: 'yes' },
  /** Private highlights of others, and classmates' highlights before "read first" is met. */
  'highlight:readAll': { student: 'no', instructor: 'yes' },
  'reply:create': { student: 'yes', instructor: 'yes' },
  'reply:edit': { student: 'own', instructor: 'own' },
  'reply:delete': { student: 'own', instructor: 'yes' },
  'map:create': { student: 'yes', instructor: 'yes' },
  /** Group maps are the whole class's: instructors start them, everyone edits. */
  'groupMap:create': { student: 'no', instructor: 'yes' },
  'groupMap:read': { student: 'yes', instructor: 'yes' },
  'groupMap:edit': { student: 'yes', instructor: 'yes' },
  'groupMap:delete': { student: 'no', instructor: 'yes' },
  'personalMap:read': { student: 'own', instructor: 'yes' },
  'personalMap:edit': { student: 'own', instructor: 'own' },
  'personalMap:delete': { student: 'own', instructor: 'own' },
  'personalMap:submit': { student: 'own', instructor: 'no' },
  'personalMap:reopen': { student: 'no', instructor: 'yes' },
  'review:read': { student: 'no', instructor: 'yes' },
  'rubric:edit': { student: 'no', instructor: 'yes' },
  'feedback:create': { student: 'no', instructor: 'yes' },
  'feedback:delete': { student: 'no', instructor: 'yes' },
  'assignment:read': { student: 'yes', instructor: 'yes' },
  'assignment:manage': { student: 'no', instructor: 'yes' },
  /** Every student's counts, submission and rubric scores for one assignment, as a CSV. */
  'gradebook:export': { student: 'no', instructor: 'yes' },
} as const satisfies Record<string, { student: Grant; instructor: Grant }>

export type Action = keyof typeof RULES
export const ACTIONS = Object.keys(RULES) as Action[]

/**
 * What an archived group still allows: reading and exporting everything in it, leaving it, and
 * the instructor's ways out (unarchiving, deleting, tidying the roster). Every other action, by
 * anyone, is refused until it is unarchived: no highlights, notes, replies, map edits,
 * submissions, sources, feedback or settings.
 */
export const WHILE_ARCHIVED: ReadonlySet<Action> = new Set<Action>([
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
])

export const GROUP_ARCHIVED =
  'This group is archived, so nothing in it can be changed. An instructor can unarchive it from the group page.'

/**
 * What a personal map submitted for review no longer allows, until an instructor reopens it:
 * changing it, renaming it (an edit), deleting it or submitting it again. Reading, exporting and
 * reopening it stay as the table says.
 */
export const LOCKED_WHILE_SUBMITTED: ReadonlySet<Action> = new Set<Action>([
  'personalMap:edit',
  'personalMap:delete',
  'personalMap:submit',
])

export const MAP_SUBMITTED = 'This map is submitted for review and is read-only until your instructor reopens it.'

/** `archived`: the group the resource is in is archived. `submitted`: the map is submitted for review. */
type Circumstances = { isOwner?: boolean; archived?: boolean; submitted?: boolean }

export function standingOf(userId: string | null, role: GroupRole | null): Standing {
  if (!userId) return 'anonymous'
  if (!role) return 'outsider'
  return role === 'INSTRUCTOR' ? 'instructor' : 'student'
}

export function can(standing: Standing, action: Action, opts: Circumstances = {}): boolean {
  if (standing === 'anonymous' || standing === 'outsider') return false
  if (opts.archived && !WHILE_ARCHIVED.has(action)) return false
  if (opts.submitted && LOCKED_WHILE_SUBMITTED.has(action)) return false
  const grant = RULES[action][standing] as Grant
  return grant === 'yes' || (grant === 'own' && opts.isOwner === true)
}

/** Throws the error a user in this standing should see when the action is not allowed. */
export function authorize(standing: Standing, action: Action, opts: Circumstances & { notFound?: string } = {}): void {
  if (can(standing, action, opts)) return
  if (standing === 'anonymous') throw new Unauthenticated()
  // Word for word what a missing resource says, so outsiders learn nothing.
  if (standing === 'outsider') throw new NotFound(opts.notFound)
  // Allowed but for the archive (which speaks first) or the submission: say so, and how it ends.
  if (opts.archived && can(standing, action, { ...opts, archived: false, submitted: false }))
    throw new Forbidden(GROUP_ARCHIVED)
  if (opts.submitted && can(standing, action, { ...opts, submitted: false })) throw new Forbidden(MAP_SUBMITTED)
  throw new Forbidden()
}

/** Joining by code: an archived group takes no new members. */
export function authorizeJoin(group: { archived: boolean }): void {
  if (group.archived) throw new Forbidden(GROUP_ARCHIVED)
}
