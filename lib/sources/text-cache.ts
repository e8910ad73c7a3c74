// Source texts kept in memory by (source, version). A text never changes under a version (an edit
// makes a new one), so a cached text is never stale, and the access query can leave the text out
// instead of sending the whole essay with every highlight write.

export interface CachedText {
  version: number
  text: string
}

const MAX_CACHED_CHARS = 20_000_000
const texts = new Map<string, CachedText>()
let cachedChars = 0

/** Moves an entry last, so the least recently used texts are dropped first when the cache is full. */
function markUsed(sourceId: string, entry: CachedText): void {
  texts.delete(sourceId)
  texts.set(sourceId, entry)
}

/** What is cached for this source, to be passed back to `sourceText` with the query's row. */
export function cachedTextOf(sourceId: string): CachedText | undefined {
  return texts.get(sourceId)
}

/**
 * The text of the version just read: `text` when the query sent it (then cached), else the text
 * of `cached`, which the query left out because it was that very version.
 */
export function sourceText(
  sourceId: string,
  version: number,
  text: string | null,
  cached: CachedText | undefined,
): string {
  if (text === null) {
    if (cached?.version !== version)
      throw new Error(`The text of source ${sourceId} v${version} was neither read nor cached.`)
    // Unless a newer version has replaced it meanwhile.
    if (texts.get(sourceId) === cached) markUsed(sourceId, cached)
    return cached.text
  }
  const previous = texts.get(sourceId)
  if (previous) cachedChars -= previous.text.length
  markUsed(sourceId, { version, text })
  cachedChars += text.length
  for (const [id, entry] of texts) {
    if (cachedChars <= MAX_CACHED_CHARS) break
    texts.delete(id)
    cachedChars -= entry.text.length
  }
  return text
}
