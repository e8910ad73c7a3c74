// Edit families that change the text's structure: insertions, paragraphs moved or deleted, a
// deleted paragraph's sentence reappearing in the next one, duplicated sentences, paragraphs
// split and merged.
import type { Family } from './family'
import { around, scattered, shapes, type ProbeSpan } from './probes'
import { applySplices, insertedAt, type Splice, type Truth } from './splices'
import { allBlocks, paragraphs, sentencesOf, type Language, type Unit } from './units'

const SEP = '\n\n'
const gap = (language: Language) => (language === 'en' ? ' ' : '')
const change = (at: number, del: number, insert: string): Splice => ({ at, del, insert, kind: 'change' })

/** The splice that removes a block and one blank line beside it. */
function removal(text: string, block: Unit): Splice {
  return block.start >= SEP.length
    ? change(block.start - SEP.length, block.end - block.start + SEP.length, '')
    : change(block.start, Math.min(text.length, block.end + SEP.length) - block.start, '')
}

/** Highlights at the edges of the paragraphs before and after `p`. */
function neighbours(
  rng: Parameters<Family['make']>[0]['rng'],
  text: string,
  p: Unit,
  language: Language,
): (ProbeSpan | undefined)[] {
  const blocks = allBlocks(text)
  const index = blocks.findIndex((b) => b.start === p.start)
  const before = blocks[index - 1]
  const after = blocks[index + 1]
  return [
    before && shapes.paragraphEnd(rng, text, before, language),
    after && shapes.paragraphStart(rng, text, after, language),
  ]
}

/** Highlights in and around a block that changes as a whole (added before, moved, deleted), and two elsewhere. */
const blockProbes = (rng: Parameters<Family['make']>[0]['rng'], text: string, p: Unit, language: Language) => [
  ...around(rng, text, p, language),
  ...neighbours(rng, text, p, language),
  ...scattered(rng, text, language, 2),
]

/** One of the text's paragraphs at random, with its place among them. */
function pickParagraph(rng: Parameters<Family['make']>[0]['rng'], text: string) {
  const paras = paragraphs(text)
  const index = rng.int(0, paras.length - 1)
  return { paras, index, p: paras[index]! }
}

const inside = (unit: Unit, start: number, end: number) => start >= unit.start && end <= unit.end

/**
 * Whether a highlight's quote selector is the same at its new place: the quote, and on each side
 * up to 32 characters of context within its paragraph, with whether that reaches the paragraph's
 * edge. An edge that is gone counts as the same where what now stands there is what stood just
 * across it before (two paragraphs merged; a break read as a space, or as nothing in Japanese).
 */
function sameSelector(old: string, start: number, end: number, now: string, newStart: number, newEnd: number): boolean {
  const side = (text: string, from: number, to: number, forward: boolean) => {
    const edgeAt = forward ? text.indexOf(SEP, from) : text.lastIndexOf(SEP, to - 1)
    const edge = forward ? (edgeAt === -1 ? text.length : edgeAt) : edgeAt === -1 ? 0 : edgeAt + SEP.length
    const reach = forward ? Math.min(from + 32, edge) : Math.max(to - 32, edge)
    const own = forward ? text.slice(from, reach) : text.slice(reach, to)
    const across = (forward ? text.slice(from, from + 40) : text.slice(Math.max(0, to - 40), to))
      .replace(/\s+/g, ' ')
      .replace(/ (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) /g, '')
    return { own, reachesEdge: reach === edge, across: forward ? across.slice(0, 32) : across.slice(-32) }
  }
  for (const forward of [false, true]) {
    const was = forward ? side(old, end, end, true) : side(old, start, start, false)
    const is = forward ? side(now, newEnd, newEnd, true) : side(now, newStart, newStart, false)
    const same = was.own === is.own && was.reachesEdge === is.reachesEdge
    const merged = was.reachesEdge && !is.reachesEdge && was.across === is.across
    if (!same && !merged) return false
  }
  return old.slice(start, end) === now.slice(newStart, newEnd)
}

const insertion: Family = {
  name: 'text inserted',
  make({ rng, text, language, pool }) {
    const p = rng.pick(paragraphs(text))
    const list = sentencesOf(text, p, language)
    const variant = rng.int(0, 2)
    if (variant === 0 && list.length >= 2) {
      // A sentence added between two others.
      const k = rng.int(1, list.length - 1)
      const probes = [
        shapes.sentence(rng, text, list[k - 1]!),
        shapes.sentence(rng, text, list[k]!),
        shapes.phrase(rng, text, list[k]!, language),
        ...scattered(rng, text, language, 3),
      ]
      return { old: text, splices: [change(list[k]!.start, 0, rng.pick(pool) + gap(language))], probes }
    }
    if (variant === 1) {
      // A new paragraph before this one.
      const added = [rng.pick(pool), rng.pick(pool)].join(gap(language))
      return {
        old: text,
        splices: [change(p.start, 0, added + SEP)],
        probes: blockProbes(rng, text, p, language),
      }
    }
    // Words added inside a highlighted phrase.
    const s = rng.pick(list)
    const phrase = shapes.phrase(rng, text, s, language)
    if (!phrase) return undefined
    const spaces = [...text.slice(phrase.start, phrase.end).matchAll(language === 'en' ? / /g : /、/g)].map(
      (m) => phrase.start + m.index,
    )
    if (spaces.length === 0) return undefined
    const at = rng.pick(spaces) + 1
    const clause = language === 'en' ? 'as many observers have noted, ' : '多くの人が指摘するように、'
    return {
      old: text,
      splices: [change(at, 0, clause)],
      probes: [phrase, shapes.sentence(rng, text, s), ...scattered(rng, text, language, 3)],
    }
  },
}

const movedParagraph: Family = {
  name: 'paragraph moved',
  make({ rng, text, language }) {
    const blocks = allBlocks(text)
    const p = rng.pick(paragraphs(text))
    const index = blocks.findIndex((b) => b.start === p.start)
    const targets = blocks.map((_, i) => i).filter((i) => i !== index && i !== index + 1)
    if (targets.length === 0) return undefined
    const target = rng.chance(0.15) ? blocks.length : rng.pick(targets)
    const add =
      target === blocks.length ? change(text.length, 0, SEP + p.text) : change(blocks[target]!.start, 0, p.text + SEP)
    const splices = [removal(text, p), add]
    const movedTo = () => insertedAt(splices, add) + (target === blocks.length ? SEP.length : 0)
    const truth = (start: number, end: number): Truth | undefined =>
      inside(p, start, end)
        ? { kind: 'kept', spans: [{ start: movedTo() + start - p.start, end: movedTo() + end - p.start }] }
        : undefined
    return {
      old: text,
      splices,
      truth,
      probes: blockProbes(rng, text, p, language),
    }
  },
}

const deletedParagraph: Family = {
  name: 'paragraph deleted',
  make({ rng, text, language }) {
    const p = rng.pick(paragraphs(text))
    return {
      old: text,
      splices: [removal(text, p)],
      probes: blockProbes(rng, text, p, language),
    }
  },
}

const reappearing: Family = {
  name: 'paragraph deleted, a sentence reappears',
  make({ rng, text, language }) {
    const { paras, index, p } = pickParagraph(rng, text)
    const q = paras[index + 1] ?? paras[index - 1]
    const candidates = sentencesOf(text, p, language).filter(
      (s) => s.text.length >= (language === 'en' ? 30 : 15) && text.indexOf(s.text) === text.lastIndexOf(s.text),
    )
    if (!q || candidates.length === 0 || sentencesOf(text, p, language).length < 2) return undefined
    const s = rng.pick(candidates)
    const targets = sentencesOf(text, q, language)
    const where = rng.int(0, 2)
    const add =
      where === 0
        ? change(q.start, 0, s.text + gap(language))
        : where === 1
          ? change(q.end, 0, gap(language) + s.text)
          : change(rng.pick(targets).start, 0, s.text + gap(language))
    const splices = [removal(text, p), add]
    const lead = where === 1 ? gap(language).length : 0
    const truth = (start: number, end: number): Truth | undefined => {
      if (!inside(s, start, end)) return undefined
      const at = insertedAt(splices, add) + lead
      const span = { start: at + start - s.start, end: at + end - s.start }
      // Deep inside the sentence, a highlight's whole quote selector came along with it.
      const same = sameSelector(text, start, end, applySplices(text, splices), span.start, span.end)
      return { kind: same ? 'kept' : 'relocated', spans: [span] }
    }
    const probes = [
      shapes.sentence(rng, text, s),
      shapes.phrase(rng, text, s, language),
      shapes.word(rng, text, s, language),
      ...around(rng, text, p, language),
      ...around(rng, text, q, language).slice(0, 3),
    ]
    return { old: text, splices, truth, probes }
  },
}

const duplicatedSentence: Family = {
  name: 'sentence duplicated',
  make({ rng, text, language }) {
    const p = rng.pick(paragraphs(text))
    const list = sentencesOf(text, p, language)
    const k = rng.int(0, list.length - 1)
    const s = list[k]!
    if (s.text.length < 20) return undefined
    const adjacent = rng.chance(0.5)
    const others = paragraphs(text).filter((other) => other.start !== p.start)
    if (others.length === 0) return undefined
    const elsewhere = rng.pick(others.flatMap((other) => sentencesOf(text, other, language)))
    const add = adjacent ? change(s.end, 0, gap(language) + s.text) : change(elsewhere.start, 0, s.text + gap(language))
    const splices = [add]
    const truth = (start: number, end: number): Truth | undefined => {
      if (!adjacent || !inside(s, start, end)) return undefined
      const copy = insertedAt(splices, add) + gap(language).length
      const original = insertedAt(splices, add) - (s.end - start)
      return {
        kind: 'kept',
        spans: [
          { start: original, end: original + end - start },
          { start: copy + start - s.start, end: copy + end - s.start },
        ],
      }
    }
    const probes = [
      shapes.sentence(rng, text, s),
      shapes.phrase(rng, text, s, language),
      list[k - 1] && shapes.sentence(rng, text, list[k - 1]!),
      list[k + 1] && shapes.sentence(rng, text, list[k + 1]!),
      ...scattered(rng, text, language, 2),
    ]
    return { old: text, splices, truth, probes }
  },
}

const splitOrMerged: Family = {
  name: 'paragraphs split or merged',
  make({ rng, text, language }) {
    const { p } = pickParagraph(rng, text)
    const list = sentencesOf(text, p, language)
    const next = allBlocks(text).find((b) => b.start === p.end + SEP.length)
    if (rng.chance(0.5) && list.length >= 3) {
      const k = rng.int(1, list.length - 1)
      const splice = change(list[k - 1]!.end, list[k]!.start - list[k - 1]!.end, SEP)
      const probes = [
        shapes.sentence(rng, text, list[k - 1]!),
        shapes.sentence(rng, text, list[k]!),
        shapes.across(rng, text, list[k - 1]!, list[k]!, language),
        ...around(rng, text, p, language),
        ...scattered(rng, text, language, 2),
      ]
      return { old: text, splices: [splice], probes }
    }
    if (!next || next.text.length < 40) return undefined
    const probes = [
      ...around(rng, text, p, language),
      shapes.paragraphStart(rng, text, next, language),
      ...scattered(rng, text, language, 2),
    ]
    return { old: text, splices: [change(p.end, SEP.length, gap(language))], probes }
  },
}

export const BLOCK_FAMILIES: Family[] = [
  insertion,
  movedParagraph,
  deletedParagraph,
  reappearing,
  duplicatedSentence,
  splitOrMerged,
]
