// What an edit family is: from a text, one realistic edit (splices on the old text) and the
// highlights to follow through it, with the ground truth where the family knows better than
// the splices alone (a moved paragraph, a sentence that reappears elsewhere).
import type { ProbeSpan } from './probes'
import type { Splice, Truth } from './splices'
import type { Language, Random } from './units'

export interface FamilyInput {
  rng: Random
  text: string
  language: Language
  /** Sentences of the other texts in the same language, to insert or rewrite with. */
  pool: string[]
}

export interface Draft {
  /** The text before the edit (usually the corpus text itself). */
  old: string
  splices: Splice[]
  probes: (ProbeSpan | undefined)[]
  /** Truth for highlights the splices cannot judge alone, by their old [start, end). */
  truth?: (start: number, end: number) => Truth | undefined
  /** The new text is compared as typed, not made canonical first (Unicode decomposed, say). */
  raw?: boolean
}

export interface Family {
  name: string
  make(input: FamilyInput): Draft | undefined
}
