// The one source of the claim / evidence / bias look: labels, keys, icons and colours, used by
// the reader, the map and exports. Each tag has a second cue besides colour (icon and underline
// style) so colour-blind readers can tell them apart.

export type TagName = 'CLAIM' | 'EVIDENCE' | 'BIAS'

export interface TagStyle {
  label: string
  /** Key that applies this tag to the current selection. */
  key: '1' | '2' | '3'
  icon: string
  /** Hex colours for drawing outside CSS (canvas, PDF). */
  fill: string
  stroke: string
  /** Tailwind classes for a highlighted passage and for a badge. */
  markClass: string
  badgeClass: string
  underline: 'solid' | 'double' | 'wavy'
}

export const TAGS: Record<TagName, TagStyle> = {
  CLAIM: {
    label: 'Claim',
    key: '1',
    icon: '◆',
    fill: '#fde68a',
    stroke: '#b45309',
    markClass: 'bg-amber-200/80 decoration-amber-700 decoration-solid',
    badgeClass: 'bg-amber-100 text-amber-900 ring-amber-300',
    underline: 'solid',
  },
  EVIDENCE: {
    label: 'Evidence',
    key: '2',
    icon: '●',
    fill: '#bae6fd',
    stroke: '#0369a1',
    markClass: 'bg-sky-200/80 decoration-sky-700 decoration-double',
    badgeClass: 'bg-sky-100 text-sky-900 ring-sky-300',
    underline: 'double',
  },
  BIAS: {
    label: 'Bias',
    key: '3',
    icon: '▲',
    fill: '#fecdd3',
    stroke: '#be123c',
    markClass: 'bg-rose-200/80 decoration-rose-700 decoration-wavy',
    badgeClass: 'bg-rose-100 text-rose-900 ring-rose-300',
    underline: 'wavy',
  },
}

export const TAG_NAMES = Object.keys(TAGS) as TagName[]

export const tagForKey = (key: string): TagName | undefined => TAG_NAMES.find((tag) => TAGS[tag].key === key)

/** Map notes are not a highlight tag but are drawn beside them: grey, with their own icon. */
export const NOTE_STYLE = { label: 'Note', icon: '✎', fill: '#f5f5f4', stroke: '#57534e' } as const

/**
 * How relations are drawn on the canvas and in exports. The word is printed too, and the dash and
 * arrowhead differ, so they read apart in grey print and without colour vision.
 */
export const RELATION_STYLES = {
  SUPPORTS: { word: 'supports', stroke: '#15803d', dash: null, arrow: 'closed' },
  ATTACKS: { word: 'attacks', stroke: '#b91c1c', dash: [6, 4], arrow: 'open' },
} as const satisfies Record<
  'SUPPORTS' | 'ATTACKS',
  { word: string; stroke: string; dash: readonly [number, number] | null; arrow: 'closed' | 'open' }
>
