// Binary search in ascending offsets, for the offset maps of anchoring and of code points.

/** The first index whose value is at least `value` (the length if none): how many values lie below it. */
export function lowerBound(values: ArrayLike<number>, value: number): number {
  let low = 0
  let high = values.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (values[mid]! < value) low = mid + 1
    else high = mid
  }
  return low
}
