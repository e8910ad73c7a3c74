// What a reader is sent about a source's highlights. Types only, so the reader's components and
// the live-update logic import them without the queries' server code or the schemas' zod.
import type { NoteDoc } from './note'

export interface ReplyView {
  id: string
  author: { id: string; name: string }
  body: NoteDoc
  createdAt: string
  updatedAt: string
  canEdit: boolean
  canDelete: boolean
}

export interface HighlightView {
  id: string
  tag: 'CLAIM' | 'EVIDENCE' | 'BIAS'
  visibility: 'GROUP' | 'PRIVATE'
  start: number
  end: number
  exact: string
  anchorStatus: 'EXACT' | 'MOVED' | 'ORPHANED'
  note: NoteDoc | null
  author: { id: string; name: string; role: 'INSTRUCTOR' | 'STUDENT' | null }
  createdAt: string
  mine: boolean
  canEdit: boolean
  canDelete: boolean
  canConfirm: boolean
  replies: ReplyView[]
  /** Maps the viewer can open that cite this highlight. */
  maps: { id: string; title: string }[]
}

export interface ReaderHighlights {
  highlights: HighlightView[]
  lockedByReadFirst: boolean
  sourceVersion: number
  /** Whether the viewer may add highlights and replies here (not in an archived group). */
  canHighlight: boolean
  canReply: boolean
}

/** Some highlights of a source read again (after a live event): those the viewer can still see, and the rest as gone. */
export interface HighlightChanges extends Omit<ReaderHighlights, 'highlights'> {
  changed: HighlightView[]
  /** Deleted, or no longer visible to the viewer (made private, "read first" again). */
  gone: string[]
}
