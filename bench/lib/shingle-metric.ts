// The metric of the article extraction benchmark, as its README defines it: 4-token shingles of
// `\w+` tokens (Unicode; the pattern is case-insensitive, the tokens keep their case), counted as
// multisets; per page tp/fp/fn normalised by their sum; precision and recall are means over the
// pages where they are defined, F1 is computed from those means.

export interface PageScore {
  tp: number
  fp: number
  fn: number
}

/** Python's `\w` in Unicode mode: letters, numbers and the underscore (combining marks are not word characters). */
const TOKEN = /[\p{L}\p{N}_]+/gu

function shingles(text: string): Map<string, number> {
  const tokens = text.match(TOKEN) ?? []
  const counts = new Map<string, number>()
  const last = Math.max(1, tokens.length - 4 + 1)
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + 4).join(' ')
    if (shingle) counts.set(shingle, (counts.get(shingle) ?? 0) + 1)
  }
  return counts
}

export function scorePage(truth: string, prediction: string): PageScore {
  const expected = shingles(truth)
  const predicted = shingles(prediction)
  let tp = 0
  let fp = 0
  let fn = 0
  for (const [shingle, count] of predicted) {
    const wanted = expected.get(shingle) ?? 0
    tp += Math.min(count, wanted)
    fp += Math.max(0, count - wanted)
  }
  for (const [shingle, count] of expected) fn += Math.max(0, count - (predicted.get(shingle) ?? 0))
  const sum = tp + fp + fn
  return sum === 0 ? { tp: 0, fp: 0, fn: 0 } : { tp: tp / sum, fp: fp / sum, fn: fn / sum }
}

export function precisionOf({ tp, fp, fn }: PageScore): number | undefined {
  if (fp === 0 && fn === 0 && tp > 0) return 1
  return tp + fp > 0 ? tp / (tp + fp) : undefined
}

export function recallOf({ tp, fp, fn }: PageScore): number | undefined {
  if (fp === 0 && fn === 0 && tp > 0) return 1
  return tp + fn > 0 ? tp / (tp + fn) : undefined
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length)

export function aggregate(pages: PageScore[]): { f1: number; precision: number; recall: number } {
  const precision = mean(pages.map(precisionOf).filter((value) => value !== undefined))
  const recall = mean(pages.map(recallOf).filter((value) => value !== undefined))
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) }
}
