// A source's highlights placed again in its edited text: one diff per version they were made on,
// shared by every highlight made on it (lib/annotations/anchoring.ts). CPU-heavy on a long text
// rewritten at large, so it runs here, in a job worker thread, within its time budget.
import { reanchor, TextEdit, type AnchorStatus } from '@/lib/annotations/anchoring'

export interface AnchoredHighlight {
  id: string
  exact: string
  prefix: string
  suffix: string
  start: number
  end: number
  sourceVersion: number
}

export interface ReanchorInput {
  newText: string
  /** The texts the highlights were made on, by version (a highlight without one is placed from its stored position). */
  texts: [version: number, text: string][]
  highlights: AnchoredHighlight[]
}

export interface PlacedHighlight {
  id: string
  start: number
  end: number
  status: AnchorStatus
}

export default async function reanchorHighlights({
  newText,
  texts,
  highlights,
}: ReanchorInput): Promise<PlacedHighlight[]> {
  const textOf = new Map(texts)
  const edits = new Map<number, TextEdit>()
  return highlights.map((highlight) => {
    const old = textOf.get(highlight.sourceVersion)
    let edit = edits.get(highlight.sourceVersion)
    if (old !== undefined && !edit) {
      edit = new TextEdit(old, newText)
      edits.set(highlight.sourceVersion, edit)
    }
    return { id: highlight.id, ...reanchor(highlight, newText, edit) }
  })
}
