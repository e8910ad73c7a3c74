// Who sees which highlight: private ones only their author and instructors; group ones every
// member, except that with "read first" on, a student sees classmates' highlights on a source
// only after making one there.
import { can, type Standing } from '@/lib/permissions'

export interface VisibilityContext {
  viewerId: string
  standing: Standing
  /** Read-first is on and this student has not highlighted this source yet. */
  lockedByReadFirst: boolean
}

export function canSeeHighlight(ctx: VisibilityContext, highlight: { authorId: string; visibility: 'GROUP' | 'PRIVATE' }): boolean {
  if (highlight.authorId === ctx.viewerId) return true
  if (can(ctx.standing, 'highlight:readAll')) return true
  if (ctx.standing !== 'student') return false
  return highlight.visibility === 'GROUP' && !ctx.lockedByReadFirst
}
