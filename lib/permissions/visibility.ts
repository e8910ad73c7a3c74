// Who sees what, beside the permission table it rests on: highlights (private ones only their
// author and instructors; group ones every member, except that with "read first" on, a student
// sees classmates' highlights on a source only after making one there), maps (personal maps their
// owner and instructors) and the live events about either. The reader, the maps, the exports, the
// counts and the live streams all ask here.
import type { Prisma } from '@/lib/generated/prisma/client'
import { can, type Action, type Standing } from '@/lib/permissions'

export type MapKind = 'GROUP' | 'PERSONAL'
export type MapAction = 'read' | 'edit' | 'rename' | 'delete' | 'submit' | 'reopen'

const GROUP_MAP_RULES: Record<MapAction, Action | null> = {
  read: 'groupMap:read',
  edit: 'groupMap:edit',
  rename: 'groupMap:edit',
  delete: 'groupMap:delete',
  submit: null,
  reopen: null,
}

const PERSONAL_MAP_RULES: Record<MapAction, Action> = {
  read: 'personalMap:read',
  edit: 'personalMap:edit',
  rename: 'personalMap:edit',
  delete: 'personalMap:delete',
  submit: 'personalMap:submit',
  reopen: 'personalMap:reopen',
}

/** The permission an action on a map of this kind needs; null when the kind has no such action. */
export function mapAction(kind: MapKind, action: MapAction): Action | null {
  return kind === 'GROUP' ? GROUP_MAP_RULES[action] : PERSONAL_MAP_RULES[action]
}

export function canSeeMap(
  viewer: { id: string; standing: Standing },
  map: { kind: MapKind; ownerId: string | null },
): boolean {
  return can(viewer.standing, mapAction(map.kind, 'read')!, { isOwner: map.ownerId === viewer.id })
}

/** How one person stands towards the highlights of one source. */
export interface HighlightViewer {
  viewerId: string
  standing: Standing
  /** Read-first is on and this student has not highlighted this source yet. */
  lockedByReadFirst: boolean
}

/** Whether read-first can hide classmates' highlights from this viewer (until they make one on the source). */
export function readFirstApplies(standing: Standing, groupReadFirst: boolean): boolean {
  return groupReadFirst && standing === 'student'
}

export function canSeeHighlight(
  viewer: HighlightViewer,
  highlight: { authorId: string; visibility: 'GROUP' | 'PRIVATE' },
): boolean {
  if (highlight.authorId === viewer.viewerId) return true
  if (can(viewer.standing, 'highlight:readAll')) return true
  if (viewer.standing !== 'student') return false
  return highlight.visibility === 'GROUP' && !viewer.lockedByReadFirst
}

/** canSeeHighlight as a database filter, for counting and listing without loading every row. */
export function visibleHighlightsWhere(viewer: HighlightViewer): Prisma.HighlightWhereInput {
  if (can(viewer.standing, 'highlight:readAll')) return {}
  if (viewer.standing !== 'student' || viewer.lockedByReadFirst) return { authorId: viewer.viewerId }
  return { OR: [{ authorId: viewer.viewerId }, { visibility: 'GROUP' }] }
}

/**
 * Who a live event is for. Without an audience, every member of the group; with one, only those
 * who may see the private highlight or the personal map it is about (its owner, the instructors).
 * Events carry ids only, but even ids and times of a classmate's private work are not theirs.
 */
export type Audience =
  | { rule: 'privateHighlight'; ownerId: string }
  | { rule: 'personalMap'; ownerId: string }
  | { rule: 'person'; userId: string }

export function mayReceive(viewer: { id: string; standing: Standing }, audience: Audience | undefined): boolean {
  if (!audience) return true
  // A person's own inbox.
  if (audience.rule === 'person') return viewer.id === audience.userId
  if (audience.rule === 'personalMap') return canSeeMap(viewer, { kind: 'PERSONAL', ownerId: audience.ownerId })
  return canSeeHighlight(
    { viewerId: viewer.id, standing: viewer.standing, lockedByReadFirst: false },
    { authorId: audience.ownerId, visibility: 'PRIVATE' },
  )
}

/** The audience of an event about a highlight that is private now (and was before, when it changed). */
export function highlightAudience(authorId: string, ...visibilities: ('GROUP' | 'PRIVATE')[]): Audience | undefined {
  return visibilities.length > 0 && visibilities.every((v) => v === 'PRIVATE')
    ? { rule: 'privateHighlight', ownerId: authorId }
    : undefined
}

/** The audience of an event about a map. */
export function mapAudience(map: { kind: MapKind; ownerId: string | null }): Audience | undefined {
  return map.kind === 'PERSONAL' && map.ownerId ? { rule: 'personalMap', ownerId: map.ownerId } : undefined
}
