// Edit families that change words and characters: typos fixed inside and near highlights,
// rewritten sentences, typography, and many small edits at once.
import type { Family, FamilyInput } from './family'
import { scattered, shapes, type ProbeSpan } from './probes'
import type { Splice } from './splices'
import { isKanji, paragraphs, sentences, sentencesOf, vocabulary, words, type Random, type Unit } from './units'

const KEYBOARD: Record<string, string> = {
  a: 'sqwz',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'wsdr',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'ujko',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  m: 'njk',
  n: 'bhjm',
  o: 'iklp',
  p: 'ol',
  q: 'wa',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asx',
}

/** A misspelling of an English word as people make them: a letter dropped, doubled, swapped or mistyped. */
export function misspell(rng: Random, word: string, known: Map<string, number>): string | undefined {
  for (let attempt = 0; attempt < 8; attempt++) {
    const i = rng.int(1, word.length - 2)
    const op = rng.int(0, 3)
    const letter = word[i]!
    const wrong =
      op === 0
        ? word.slice(0, i) + word.slice(i + 1)
        : op === 1
          ? word.slice(0, i) + letter + word.slice(i)
          : op === 2 && i + 1 < word.length - 1
            ? word.slice(0, i) + word[i + 1] + letter + word.slice(i + 2)
            : word.slice(0, i) + rng.pick([...(KEYBOARD[letter.toLowerCase()] ?? 'e')]) + word.slice(i + 1)
    if (wrong !== word && !known.has(wrong.toLowerCase())) return wrong
  }
  return undefined
}

/** A wrong kanji, as an input method's conversion slip puts one: another kanji of the same text. */
function wrongKanji(rng: Random, text: string, right: string): string {
  const kanji = [...new Set([...text].filter(isKanji))].filter((k) => k !== right)
  return rng.pick(kanji)
}

interface Slip {
  /** The text before proofreading, with the slip. */
  old: string
  /** The slip in `old`: where, and what it was. */
  at: number
  wrong: string
  right: string
}

/** Puts a spelling slip into a word of the text (English) or a wrong kanji (Japanese). */
function slip({ rng, text, language }: FamilyInput): Slip | undefined {
  if (language === 'ja') {
    const s = rng.pick(sentences(text, language))
    const spots = [...s.text].map((char, i) => ({ char, i })).filter(({ char }) => isKanji(char))
    if (spots.length === 0) return undefined
    const { char, i } = rng.pick(spots)
    const wrong = wrongKanji(rng, text, char)
    const at = s.start + i
    return { old: text.slice(0, at) + wrong + text.slice(at + 1), at, wrong, right: char }
  }
  const known = vocabulary(text)
  const candidates = paragraphs(text)
    .flatMap((p) => words(text, p, language))
    .filter((w) => /^\p{L}{5,}$/u.test(w.text))
  // Most slips are in words the text uses again, the way a typo is caught in an essay.
  const repeated = candidates.filter((w) => (known.get(w.text.toLowerCase()) ?? 0) >= 2)
  const word = rng.pick(rng.chance(0.7) && repeated.length > 0 ? repeated : candidates)
  const wrong = misspell(rng, word.text, known)
  if (!wrong) return undefined
  return { old: text.slice(0, word.start) + wrong + text.slice(word.end), at: word.start, wrong, right: word.text }
}

const sentenceAt = (text: string, at: number, input: FamilyInput): Unit | undefined =>
  paragraphs(text, 1)
    .flatMap((p) => sentencesOf(text, p, input.language))
    .find((s) => s.start <= at && at < s.end)

/** A typo slipped into a sentence: the text with it, its words, the word it is in, and the splice that fixes it. */
function typoSite(input: FamilyInput) {
  const typo = slip(input)
  if (!typo) return undefined
  const old = typo.old
  const s = sentenceAt(old, typo.at, input)
  if (!s) return undefined
  const list = words(old, s, input.language)
  const index = list.findIndex((w) => w.start <= typo.at && typo.at < w.end)
  const fix: Splice = { at: typo.at, del: typo.wrong.length, insert: typo.right, kind: 'typo' }
  return { typo, old, s, list, index, fix }
}

type TypoSite = NonNullable<ReturnType<typeof typoSite>>

/** A family whose edit fixes a typo; `probes` picks the highlights to follow through the fix. */
const typoFamily = (
  name: string,
  probes: (site: TypoSite, input: FamilyInput) => (ProbeSpan | undefined)[],
): Family => ({
  name,
  make(input) {
    const site = typoSite(input)
    if (!site) return undefined
    return { old: site.old, splices: [site.fix], probes: probes(site, input) }
  },
})

const typoInside = typoFamily('typo fixed inside', ({ typo, old, s, list, index }, { rng, language }) => {
  const before = rng.int(0, 3)
  return [
    shapes.sentence(rng, old, s),
    {
      start: list[Math.max(0, index - before)]!.start,
      end: list[Math.min(list.length - 1, index + rng.int(0, 3))]!.end,
      shape: 'phrase',
    },
    language === 'en' ? { start: typo.at, end: typo.at + typo.wrong.length, shape: 'word' } : undefined,
    ...scattered(rng, old, language, 3),
  ]
})

const typoNear = typoFamily('typo fixed near', ({ old, list, index }, { rng, language }) => {
  const gap = rng.int(1, language === 'en' ? 2 : 4)
  return [
    index - gap >= 0
      ? {
          start: list[Math.max(0, index - gap - rng.int(1, 6))]!.start,
          end: list[index - gap]!.end,
          shape: 'phrase before',
        }
      : undefined,
    index + gap < list.length
      ? {
          start: list[index + gap]!.start,
          end: list[Math.min(list.length - 1, index + gap + rng.int(1, 6))]!.end,
          shape: 'phrase after',
        }
      : undefined,
    ...scattered(rng, old, language, 3),
  ]
})

const rewrittenSentence: Family = {
  name: 'sentence rewritten',
  make({ rng, text, language, pool }) {
    const paras = paragraphs(text).filter((p) => sentencesOf(text, p, language).length >= 2)
    if (paras.length === 0) return undefined
    const p = rng.pick(paras)
    const list = sentencesOf(text, p, language)
    const k = rng.int(0, list.length - 1)
    const s = list[k]!
    const tokens = words(text, s, language)
    if (tokens.length < 8) return undefined
    const splices: Splice[] = []
    const variant = rng.int(0, 2)
    if (variant === 0) {
      // Words swapped for others of the text: a sentence reworded.
      const all = paragraphs(text).flatMap((q) => words(text, q, language))
      for (let i = rng.int(0, 2); i < tokens.length && splices.length < 4; i += rng.int(2, 4)) {
        const replacement = rng.pick(all).text
        if (replacement !== tokens[i]!.text)
          splices.push({ at: tokens[i]!.start, del: tokens[i]!.text.length, insert: replacement, kind: 'change' })
      }
    } else if (variant === 1)
      splices.push({ at: s.start, del: s.end - s.start, insert: rng.pick(pool), kind: 'change' })
    else {
      const cut = language === 'en' ? /, [^,]+,/.exec(s.text) : /、[^、]+、/.exec(s.text)
      if (!cut) return undefined
      splices.push({ at: s.start + cut.index, del: cut[0].length - 1, insert: '', kind: 'change' })
    }
    const probes = [
      shapes.sentence(rng, text, s),
      shapes.phrase(rng, text, s, language),
      shapes.phrase(rng, text, s, language),
      list[k - 1] && shapes.sentence(rng, text, list[k - 1]!),
      list[k + 1] && shapes.sentence(rng, text, list[k + 1]!),
      ...scattered(rng, text, language, 2),
    ]
    return { old: text, splices, probes }
  },
}

/** Many small edits at once: words changed, added, dropped, commas, typos fixed and made, quotes. */
const manySmallEdits: Family = {
  name: 'many small edits',
  make(input) {
    const { rng, text, language } = input
    const known = vocabulary(text)
    const all = paragraphs(text).flatMap((p) => words(text, p, language))
    const count = rng.int(10, 40)
    const chosen = new Set<number>()
    while (chosen.size < Math.min(count, all.length / 3)) chosen.add(rng.int(0, all.length - 2))
    let old = ''
    let at = 0
    const splices: Splice[] = []
    let last = -2
    for (const index of [...chosen].sort((a, b) => a - b)) {
      if (index <= last + 1) continue
      last = index
      const w = all[index]!
      let before = w.text
      let after: string
      let kind: Splice['kind'] = 'change'
      // Words and commas added after a word, leaving the word itself as it was.
      let added: string | undefined
      const op = rng.int(0, 5)
      const wrong = language === 'en' && /^\p{L}{5,}$/u.test(w.text) ? misspell(rng, w.text, known) : undefined
      if (op === 0 && wrong) [before, after, kind] = [wrong, w.text, 'typo']
      else if (op === 1 && wrong) [after, kind] = [wrong, 'typo']
      else if (op === 2) added = language === 'en' ? ` ${rng.pick(all).text}` : rng.pick(all).text
      else if (op === 3 && language === 'en' && /\p{L}$/u.test(w.text)) added = ','
      else if (op === 4 && language === 'ja' && isKanji(w.text)) [after, kind] = [wrongKanji(rng, text, w.text), 'typo']
      else after = rng.pick(all).text
      if (added === undefined && after! === before) continue
      old += text.slice(at, w.start)
      if (added !== undefined) splices.push({ at: old.length + before.length, del: 0, insert: added, kind })
      else splices.push({ at: old.length, del: before.length, insert: after!, kind })
      old += before
      at = w.end
    }
    old += text.slice(at)
    return { old, splices, probes: scattered(rng, old, language, 8) }
  },
}

export const WORD_FAMILIES: Family[] = [typoInside, typoNear, rewrittenSentence, manySmallEdits]
