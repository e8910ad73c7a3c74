// Small numeric helpers of the benchmarks: percentiles of timing samples (linear interpolation
// between the closest ranks), a seeded random source, and lists of samples for the notes.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)
}

export function median(values: readonly number[]): number {
  return percentile(values, 50)
}

/** mulberry32: the same inputs on every run and machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Whole-number samples for a note: "12, 15, 13". */
export const formatSamples = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ')
