// Highlights as readers make them: a sentence, a phrase, a word, the first or last words of a
// paragraph, or a stretch across two sentences, snapped to words (to characters in Japanese).
import { paragraphs, sentences, sentencesOf, words, type Language, type Random, type Unit } from './units'

export interface ProbeSpan {
  start: number
  end: number
  shape: string
}

const TRAILING = /[,;:"”’')]+$/

function wordSpan(
  text: string,
  unit: Unit,
  language: Language,
  from: number,
  to: number,
  shape: string,
): ProbeSpan | undefined {
  const list = words(text, unit, language)
  if (list.length === 0) return undefined
  const first = list[Math.max(0, Math.min(from, list.length - 1))]!
  const last = list[Math.max(0, Math.min(to, list.length - 1))]!
  if (last.end <= first.start) return undefined
  let end = last.end
  if (language === 'en' && shape !== 'paragraph-end')
    end = first.start + text.slice(first.start, end).replace(TRAILING, '').length
  return end > first.start ? { start: first.start, end, shape } : undefined
}

export const shapes = {
  sentence: (_rng: Random, _text: string, s: Unit): ProbeSpan => ({ start: s.start, end: s.end, shape: 'sentence' }),
  phrase(rng: Random, text: string, s: Unit, language: Language): ProbeSpan | undefined {
    const count = words(text, s, language).length
    const length = language === 'en' ? rng.int(2, 10) : rng.int(4, 25)
    const from = rng.int(0, Math.max(0, count - length))
    return wordSpan(text, s, language, from, from + length - 1, 'phrase')
  },
  word(rng: Random, text: string, s: Unit, language: Language): ProbeSpan | undefined {
    const list = words(text, s, language)
    if (language === 'ja') {
      const from = rng.int(0, Math.max(0, list.length - 4))
      return wordSpan(text, s, language, from, from + rng.int(1, 3), 'word')
    }
    const long = list.filter((w) => w.text.replace(TRAILING, '').length >= 4)
    if (long.length === 0) return undefined
    const w = rng.pick(long)
    return { start: w.start, end: w.start + w.text.replace(TRAILING, '').length, shape: 'word' }
  },
  paragraphStart(rng: Random, text: string, p: Unit, language: Language): ProbeSpan | undefined {
    const length = language === 'en' ? rng.int(2, 8) : rng.int(5, 20)
    return wordSpan(text, p, language, 0, length - 1, 'paragraph-start')
  },
  paragraphEnd(rng: Random, text: string, p: Unit, language: Language): ProbeSpan | undefined {
    const count = words(text, p, language).length
    const length = language === 'en' ? rng.int(2, 8) : rng.int(5, 20)
    return wordSpan(text, p, language, count - length, count - 1, 'paragraph-end')
  },
  across(rng: Random, text: string, a: Unit, b: Unit, language: Language): ProbeSpan | undefined {
    const left = words(text, a, language)
    const right = words(text, b, language)
    if (left.length === 0 || right.length === 0) return undefined
    const first = left[Math.max(0, left.length - rng.int(1, language === 'en' ? 4 : 10))]!
    const last = right[Math.min(right.length - 1, rng.int(0, language === 'en' ? 3 : 9))]!
    return { start: first.start, end: last.end, shape: 'across sentences' }
  },
}

/** A few highlights anywhere in the text, of every shape. */
export function scattered(rng: Random, text: string, language: Language, count: number): ProbeSpan[] {
  const out: ProbeSpan[] = []
  const all = sentences(text, language)
  const paras = paragraphs(text)
  for (let i = 0; i < count * 3 && out.length < count; i++) {
    const kind = rng.int(0, 5)
    const s = rng.pick(all)
    const p = rng.pick(paras)
    const probe =
      kind === 0
        ? shapes.sentence(rng, text, s)
        : kind === 1
          ? shapes.phrase(rng, text, s, language)
          : kind === 2
            ? shapes.word(rng, text, s, language)
            : kind === 3
              ? shapes.paragraphStart(rng, text, p, language)
              : kind === 4
                ? shapes.paragraphEnd(rng, text, p, language)
                : (() => {
                    const list = sentencesOf(text, p, language)
                    const k = rng.int(0, Math.max(0, list.length - 2))
                    return list.length > 1 ? shapes.across(rng, text, list[k]!, list[k + 1]!, language) : undefined
                  })()
    if (probe) out.push(probe)
  }
  return out
}

/** Highlights in and at the edges of one paragraph. */
export function around(rng: Random, text: string, p: Unit, language: Language): ProbeSpan[] {
  const list = sentencesOf(text, p, language)
  const probes = [
    shapes.paragraphStart(rng, text, p, language),
    shapes.paragraphEnd(rng, text, p, language),
    list[0] && shapes.sentence(rng, text, list[0]),
    list.length > 1 ? shapes.sentence(rng, text, list[list.length - 1]!) : undefined,
    list.length > 2 ? shapes.phrase(rng, text, rng.pick(list.slice(1, -1)), language) : undefined,
  ]
  return probes.filter((probe): probe is ProbeSpan => probe !== undefined)
}
