// The re-anchoring edit corpus: realistic edits of the seed essays (read from ../shared/essays,
// or COLLOQUY_SHARED_DIR/essays; the demo copies in prisma/demo-essays when neither is there) and
// of public-domain Japanese texts (tests/fixtures/corpus), generated from a fixed seed, each
// edit with the highlights to follow through it and where each one truly is afterwards.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { canonicalTextOf, importText } from '@/lib/sources/importer'
import { canonicalTextOfEdit } from '@/lib/sources/edit-text'
import type { Family } from './family'
import { BLOCK_FAMILIES } from './families-blocks'
import { typographyFamily } from './families-typography'
import { WORD_FAMILIES } from './families-words'
import { applySplices, truthOf, type Probe } from './splices'
import { seeded, sentences, type Language } from './units'

export const FAMILIES: Family[] = [...WORD_FAMILIES, ...BLOCK_FAMILIES, typographyFamily]

/** Edits per family and text: 11 families × (5 essays × 14 + 3 Japanese texts × 8) = 1,034. */
const PER_TEXT: Record<Language, number> = { en: 14, ja: 8 }
const SEED = 20_261_201

export interface CorpusText {
  name: string
  language: Language
  text: string
}

export interface EditCase {
  id: string
  family: string
  language: Language
  old: string
  new: string
  probes: Probe[]
}

export interface Corpus {
  cases: EditCase[]
  /** Where the English essays were read from, to say so in the output. */
  essaysFrom: string
}

function essaysDir(): string {
  const shared = resolve(process.env.COLLOQUY_SHARED_DIR ?? join(process.cwd(), '..', 'shared'), 'essays')
  return existsSync(shared) ? shared : join(process.cwd(), 'prisma', 'demo-essays')
}

export function corpusTexts(): { texts: CorpusText[]; essaysFrom: string } {
  const dir = essaysDir()
  const essays = readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name): CorpusText => ({
      name,
      language: 'en',
      text: canonicalTextOf(importText(readFileSync(join(dir, name), 'utf8')).blocks),
    }))
  const fixtures = join(process.cwd(), 'tests', 'fixtures', 'corpus')
  const japanese = ['rashomon.txt', 'kumo-no-ito.txt', 'constitution-of-japan.txt'].map((name): CorpusText => ({
    name,
    language: 'ja',
    text: canonicalTextOfEdit(readFileSync(join(fixtures, name), 'utf8')),
  }))
  return { texts: [...essays, ...japanese], essaysFrom: dir }
}

const hash = (text: string) => [...text].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7)

export function buildCorpus(): Corpus {
  const { texts, essaysFrom } = corpusTexts()
  const cases: EditCase[] = []
  for (const corpusText of texts) {
    const pool = texts
      .filter((t) => t.language === corpusText.language && t.name !== corpusText.name)
      .flatMap((t) => sentences(t.text, t.language, 30).map((s) => s.text))
    for (const family of FAMILIES) {
      for (
        let n = 0, attempt = 0;
        n < PER_TEXT[corpusText.language] && attempt < 20 * PER_TEXT[corpusText.language];
        attempt++
      ) {
        const rng = seeded(SEED ^ hash(`${corpusText.name}/${family.name}/${attempt}`))
        const draft = family.make({ rng, text: corpusText.text, language: corpusText.language, pool })
        if (!draft) continue
        const id = `${family.name} #${n + 1} on ${corpusText.name}`
        const newText = applySplices(draft.old, draft.splices)
        if (!draft.raw && canonicalTextOfEdit(newText) !== newText)
          throw new Error(`${id}: the generated new text is not canonical.`)
        const seen = new Set<string>()
        const probes: Probe[] = []
        for (const span of draft.probes) {
          if (
            !span ||
            span.end <= span.start ||
            draft.old.slice(span.start, span.end).trim() === '' ||
            seen.has(`${span.start}-${span.end}`)
          )
            continue
          seen.add(`${span.start}-${span.end}`)
          const truth = draft.truth?.(span.start, span.end) ?? truthOf(draft.splices, span.start, span.end)
          const quote = draft.old.slice(span.start, span.end)
          // The generator's own check: a passage said to be unchanged is there, word for word.
          if ((truth.kind === 'kept' || truth.kind === 'relocated') && family !== typographyFamily) {
            for (const where of truth.spans)
              if (newText.slice(where.start, where.end) !== quote)
                throw new Error(
                  `${id}: truth for "${quote}" is wrong: ${JSON.stringify({ span, truth, splices: draft.splices, got: newText.slice(where.start, where.end) })}`,
                )
          }
          probes.push({ ...span, truth })
        }
        if (probes.length === 0) continue
        cases.push({ id, family: family.name, language: corpusText.language, old: draft.old, new: newText, probes })
        n++
      }
    }
  }
  return { cases, essaysFrom }
}
