// Source texts kept in memory by (source, version). A text never changes under a version (an edit
// makes a new one), so a cached text is never stale, and the access query can leave the text out
// instead of sending the whole essay with every highlight write.
import { LRUCache } from 'lru-cache'

export interface CachedText {
  version: number
  text: string
}

// The least recently used texts are dropped first beyond 20 million characters.
const texts = new LRUCache<string, CachedText>({
  maxSize: 20_000_000,
  sizeCalculation: (entry) => Math.max(1, entry.text.length),
})

/** What is cached for this source, to be passed back to `sourceText` with the query's row. */
export function cachedTextOf(sourceId: string): CachedText | undefined {
  return texts.peek(sourceId)
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
    // Used again, unless a newer version has replaced it meanwhile.
    if (texts.peek(sourceId) === cached) texts.get(sourceId)
    return cached.text
  }
  texts.set(sourceId, { version, text })
  return text
}
