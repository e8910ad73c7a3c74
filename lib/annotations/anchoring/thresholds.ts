// Every number re-anchoring decides by, with what raising or lowering it trades. The corpus test
// (tests/unit/reanchor-corpus.test.ts, `npm run reanchor:corpus` for the table) measures them:
// change one only with its figures before and after.

/**
 * Characters of context stored on each side of a quote (W3C TextQuoteSelector prefix/suffix),
 * and looked at on each side when judging a placement. More tells copies apart better but makes
 * any edit nearby count against a passage; 32 holds a clause of English, a sentence of Japanese.
 */
export const CONTEXT_CHARS = 32

/**
 * The paragraph boundary, where a passage's own context reaches it, weighs as this many
 * characters of context: being first or last in a paragraph is part of where a passage is.
 * Heavier makes a split or merged paragraph count more against the passages at its edges.
 */
export const BOUNDARY_WEIGHT = 8

/**
 * EXACT needs at least this share of the passage's own-paragraph context (up to CONTEXT_CHARS
 * each side, stopping at the paragraph's edges) carried along by the edit into the same
 * paragraph on the same side. Lower keeps passages EXACT when more of their surroundings were
 * rewritten, with more risk of calling a look-alike EXACT; higher asks people to confirm
 * passages whose neighbouring words merely changed. A sentence whose paragraph was deleted and
 * that reappears in another paragraph keeps next to none of its context.
 */
export const CONTEXT_FOR_EXACT = 0.75

/**
 * A copy of the quote found by search (not carried there by the edit) is offered as MOVED when
 * this share of its own-paragraph context agrees, read as text. Lower offers more copies with
 * unrelated surroundings (each one a question to a person); higher orphans more passages whose
 * paragraph was rewritten around them.
 */
export const CONTEXT_FOR_MOVED = 0.5

/**
 * …and a copy farther than the search window from where the edit put the passage needs this
 * share: far away, a phrase with half its surroundings in common is more often a look-alike.
 */
export const CONTEXT_FOR_FAR_COPY = 0.75

/**
 * A quote that occurs exactly once in the new text is offered as MOVED whatever its context,
 * when it is at least this long: a unique 20-character phrase is very likely the passage itself.
 * Shorter quotes ("Japan", "the treaty") are unique by chance and need context.
 */
export const UNIQUE_QUOTE_CHARS = 20

/**
 * Least similarity (1 − edit distance ÷ length) at which an edited passage, or an approximate
 * match near where the passage was, is offered as MOVED. Lower finds passages after heavier
 * rewording and offers more wrong ones; higher orphans passages after a few words changed.
 */
export const FUZZY_THRESHOLD = 0.75

/**
 * How far from where the edit puts a passage the quote is searched, at least: the larger of this
 * and SEARCH_WINDOW_QUOTES times the quote's length. Within it a copy of the quote counts as
 * near (CONTEXT_FOR_MOVED suffices) and the approximate search looks. Searching farther finds
 * passages carried off by an unrecognised move, but the exact search already covers the whole
 * text; this bounds the approximate search, whose cost grows with the window.
 */
export const SEARCH_WINDOW_CHARS = 200

/**
 * …and the window grows with the quote: a long passage that moved by a paragraph is still near.
 * Larger lets a long quote's look-alikes farther off count as near; smaller treats the moves of
 * long passages as far ones, asking them for more context.
 */
export const SEARCH_WINDOW_QUOTES = 2

/** The search window for a quote of `length` characters. */
export const searchWindow = (length: number) => Math.max(SEARCH_WINDOW_QUOTES * length, SEARCH_WINDOW_CHARS)

/**
 * Copies of a quote ranked by their surroundings, nearest first: enough for any real text, and a
 * bound on the work for a quote like "the" that occurs thousands of times. A passage whose copy
 * lies past this many nearer ones is found by its context only if one of those agrees.
 */
export const MAX_COPIES_RANKED = 64

/**
 * A paragraph's edge still counts as context where it is about as far from the passage as it was:
 * within this share of the old distance, or EDGE_SLACK_CHARS, whichever is more. So a typo fixed in
 * a paragraph's first words keeps its passages at the edge; a sentence added before them does not.
 */
export const EDGE_DISTANCE_SHARE = 0.25
export const EDGE_SLACK_CHARS = 2

/** The edge is about as far from the passage (`is` characters) as it was (`was`). */
export const edgeAboutAsFar = (was: number, is: number) =>
  Math.abs(was - is) <= Math.max(EDGE_SLACK_CHARS, was * EDGE_DISTANCE_SHARE)

/**
 * A typo fixed inside a highlight keeps it EXACT (with the corrected words) only when one word
 * changed, of at least this many letters before and after. Short words are where one letter
 * changes the meaning ("now" → "not", "can" → "can't").
 */
export const SPELLING_MIN_LETTERS = 4

/**
 * …and by at most this many letters (insertions, deletions, substitutions, or two neighbours
 * swapped), or SPELLING_MAX_EDITS_LONG for words of SPELLING_LONG_WORD letters or more. More lets
 * through double typos ("definately"), and more word swaps that are not typos at all.
 */
export const SPELLING_MAX_EDITS = 1
export const SPELLING_MAX_EDITS_LONG = 2
export const SPELLING_LONG_WORD = 8

/**
 * A paragraph or sentence found once, unchanged, in both texts but in another order counts as
 * moved (its passages stay EXACT) when it has at least this many characters. Shorter units ("?",
 * "Notes") carry too little text to tell a move from a coincidence.
 */
export const MIN_MOVE_CHARS = 12

/**
 * Time, in all, for the character diffs of the stretches an edit changed. A rewrite so large
 * that the diff would take longer is diffed coarsely past this point: its passages are then
 * found by search (MOVED) instead of carried by the diff (EXACT), never placed wrongly. The job
 * that runs re-anchoring has its own, larger, hard limit (lib/jobs/budgets.ts).
 */
export const DIFF_BUDGET_MS = 4_000
