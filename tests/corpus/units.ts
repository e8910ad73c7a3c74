// Paragraphs, sentences and words of a canonical text, with their offsets, and a seeded random
// source: what the edit families pick their edits and highlights from.
import { blocksOf } from '@/lib/sources/blocks'

export type Language = 'en' | 'ja'

export interface Unit {
  start: number
  end: number
  text: string
}

/** Deterministic random numbers (mulberry32), so the corpus is the same on every run. */
export function seeded(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('Nothing to pick from.')
      return items[Math.floor(next() * items.length)]!
    },
    chance: (p: number) => next() < p,
  }
}
export type Random = ReturnType<typeof seeded>

/** Body paragraphs (headings are short and rarely highlighted), at least `min` characters long. */
export function paragraphs(text: string, min = 80): Unit[] {
  return blocksOf(text)
    .filter((block) => block.kind !== 'heading' && block.text.length >= min)
    .map((block) => ({ start: block.start, end: block.end, text: block.text }))
}

export function allBlocks(text: string): Unit[] {
  return blocksOf(text).map((block) => ({ start: block.start, end: block.end, text: block.text }))
}

const ENDS_EN = /[.!?]["”’')\]]*(?=\s|$)/g
const ENDS_JA = /[。！？][」』）]*/g

/** The sentences of one paragraph (or line), without the spaces between them. */
export function sentencesOf(text: string, unit: Unit, language: Language): Unit[] {
  const out: Unit[] = []
  const body = text.slice(unit.start, unit.end)
  const ends = language === 'en' ? ENDS_EN : ENDS_JA
  let from = 0
  for (const match of body.matchAll(ends)) {
    const end = match.index + match[0].length
    const start = from + (body.slice(from, end).length - body.slice(from, end).trimStart().length)
    if (end > start) out.push({ start: unit.start + start, end: unit.start + end, text: body.slice(start, end) })
    from = end
  }
  const rest = body.slice(from)
  if (rest.trim().length > 0) {
    const start = from + (rest.length - rest.trimStart().length)
    out.push({ start: unit.start + start, end: unit.end, text: body.slice(start) })
  }
  return out
}

export function sentences(text: string, language: Language, min = 20): Unit[] {
  return paragraphs(text, 1)
    .flatMap((p) => sentencesOf(text, p, language))
    .filter((s) => s.text.length >= min)
}

/** Words: runs of non-spaces in English; in Japanese, single characters (there are no spaces). */
export function words(text: string, unit: Unit, language: Language): Unit[] {
  const pattern = language === 'en' ? /\S+/g : /[^\s、。「」『』（）]/g
  return [...text.slice(unit.start, unit.end).matchAll(pattern)].map((m) => ({
    start: unit.start + m.index,
    end: unit.start + m.index + m[0].length,
    text: m[0],
  }))
}

/** Letters-only words of an English text, by lower-case spelling, with how often each occurs. */
export function vocabulary(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const [word] of text.toLowerCase().matchAll(/\p{L}+/gu)) counts.set(word, (counts.get(word) ?? 0) + 1)
  return counts
}

export const isKanji = (char: string) => /\p{Script=Han}/u.test(char)
