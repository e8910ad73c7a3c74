// A relation's caption ("supports: in part"), wrapped to a few short lines: the same rule on the
// canvas and in every export, each measuring with its own font. The user's words are isolated, so
// Arabic or Hebrew ones cannot reorder "supports:" around them.
import { isolate, printable, wrapLines } from '@/lib/export/text-fit'
import { RELATION_STYLES } from '@/lib/tags'
import type { MapRelationState } from './reducer'

export const CAPTION_SIZE = 11
export const CAPTION_LINE = 14
export const CAPTION_MAX_WIDTH = 150
export const CAPTION_MAX_LINES = 2
export const CAPTION_PAD_X = 4
export const CAPTION_PAD_Y = 2

export interface Caption {
  /** The whole caption, for a tooltip or a screen reader. */
  text: string
  lines: string[]
  /** Whether the lines leave some of the text out. */
  cut: boolean
  width: number
  height: number
}

export const captionText = (relation: Pick<MapRelationState, 'kind' | 'label'>): string => {
  const words = printable(relation.label)
  const word = RELATION_STYLES[relation.kind].word
  return words ? `${word}: ${isolate(words)}` : word
}

/** `measure` gives the width of a string in the caption's bold face at CAPTION_SIZE. */
export function captionOf(
  relation: Pick<MapRelationState, 'kind' | 'label'>,
  measure: (text: string) => number,
): Caption {
  const text = captionText(relation)
  const { lines, cut } = wrapLines(text, CAPTION_MAX_WIDTH, CAPTION_MAX_LINES, measure)
  const width = Math.ceil(Math.max(...lines.map(measure))) + 2 * CAPTION_PAD_X
  return { text, lines, cut, width, height: lines.length * CAPTION_LINE + 2 * CAPTION_PAD_Y }
}
