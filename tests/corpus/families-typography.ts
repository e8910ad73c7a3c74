// Typography-only edits: quote styles, dashes and the spaces around them, lines wrapped and
// unwrapped, ellipses, full-width forms, Unicode decomposition. Every highlight must stay EXACT.
import type { Family } from './family'
import { scattered, shapes } from './probes'
import type { Splice } from './splices'
import { paragraphs, sentences, type Language, type Random } from './units'

type Transform = (rng: Random, text: string) => Splice[]

const typography = (at: number, del: number, insert: string): Splice => ({ at, del, insert, kind: 'typography' })

function replaceAll(text: string, pattern: RegExp, replace: (match: RegExpExecArray) => string): Splice[] {
  return [...text.matchAll(pattern)].map((m) => typography(m.index, m[0].length, replace(m as RegExpExecArray)))
}

const opening = (text: string, at: number) => at === 0 || /[\s(\[—–-]/.test(text[at - 1]!)

const curlyQuotes: Transform = (_rng, text) =>
  replaceAll(text, /["']/g, (m) =>
    m[0] === '"' ? (opening(text, m.index) ? '“' : '”') : opening(text, m.index) ? '‘' : '’',
  )

const straightQuotes: Transform = (_rng, text) =>
  replaceAll(text, /[“”‘’]/g, (m) => (m[0] === '“' || m[0] === '”' ? '"' : "'"))

const dashes: Transform = (rng, text) => {
  const style = rng.pick(['—', ' — ', '–', ' – ', ' -- ', '-'])
  return replaceAll(text, / ?(?:--|[—–]) ?| - /g, () => style)
}

/** Hard line breaks in a few paragraphs, as text copied from an e-mail or a PDF has them. */
const wrapLines: Transform = (rng, text) => {
  const splices: Splice[] = []
  const width = rng.int(50, 80)
  for (const p of paragraphs(text).filter(() => rng.chance(0.5))) {
    let line = 0
    for (let i = p.start; i < p.end; i++) {
      line++
      if (text[i] === ' ' && line >= width) {
        splices.push(typography(i, 1, '\n'))
        line = 0
      }
    }
  }
  return splices
}

const unwrapLines: Transform = (_rng, text) => replaceAll(text, /(?<!\n)\n(?!\n)/g, () => ' ')

const ellipses: Transform = (_rng, text) => replaceAll(text, /\.\.\.|…/g, (m) => (m[0] === '…' ? '...' : '…'))

/** Japanese wrapped every few dozen characters, with no space at the break. */
const wrapJapanese: Transform = (rng, text) => {
  const splices: Splice[] = []
  const width = rng.int(20, 45)
  for (const p of paragraphs(text, 40)) {
    for (let i = p.start + width; i < p.end - 1; i += width)
      if (!/\s/u.test(text[i - 1]! + text[i]!)) splices.push(typography(i, 0, '\n'))
  }
  return splices
}

const FULL_WIDTH: Record<string, string> = {
  '!': '！',
  '?': '？',
  '(': '（',
  ')': '）',
  ':': '：',
  '0': '０',
  '1': '１',
  '2': '２',
  '9': '９',
}
const HALF_WIDTH = Object.fromEntries(Object.entries(FULL_WIDTH).map(([half, full]) => [full, half]))

const widths: Transform = (rng, text) => {
  const table = rng.chance(0.5) ? FULL_WIDTH : HALF_WIDTH
  return replaceAll(text, /[!?():0129！？（）：０１２９]/g, (m) => table[m[0]] ?? m[0])
}

const japaneseDashes: Transform = (rng, text) =>
  replaceAll(text, /――|—/g, (m) => (m[0] === '—' ? '――' : rng.pick(['—', '——', '--'])))

/** Unicode decomposition (NFD), as text from some systems arrives: が becomes か + ゛. */
const decomposed: Transform = (_rng, text) => {
  const splices: Splice[] = []
  let at = 0
  for (const char of text) {
    const nfd = char.normalize('NFD')
    if (nfd !== char) splices.push(typography(at, char.length, nfd))
    at += char.length
  }
  return splices
}

const TRANSFORMS: Record<Language, Transform[]> = {
  en: [curlyQuotes, straightQuotes, dashes, wrapLines, unwrapLines, ellipses],
  ja: [wrapJapanese, widths, japaneseDashes, decomposed],
}

export const typographyFamily: Family = {
  name: 'typography only',
  make({ rng, text, language }) {
    const transforms = TRANSFORMS[language].filter(() => rng.chance(0.5))
    if (transforms.length === 0) transforms.push(rng.pick(TRANSFORMS[language]))
    const splices: Splice[] = []
    const taken = new Set<number>()
    for (const transform of transforms) {
      for (const splice of transform(rng, text)) {
        const span = Array.from({ length: Math.max(1, splice.del) }, (_, i) => splice.at + i)
        if (span.some((i) => taken.has(i))) continue
        span.forEach((i) => taken.add(i))
        splices.push(splice)
      }
    }
    if (splices.length === 0) return undefined
    // Highlights over the changed spots, and anywhere.
    const all = sentences(text, language)
    const touched = all.filter((s) => splices.some((x) => x.at >= s.start && x.at < s.end))
    const probes = [
      ...touched
        .slice(0, 3)
        .map((s) => (rng.chance(0.5) ? shapes.sentence(rng, text, s) : shapes.phrase(rng, text, s, language))),
      ...scattered(rng, text, language, 4),
    ]
    return { old: text, splices, probes, raw: transforms.includes(decomposed) }
  },
}
