// Turns raw text as received (copied web pages included) into canonical blocks, flagging page
// junk (adverts, price lists, navigation, countdown digits) instead of silently dropping it:
// every dropped block is listed with its reason so a person can restore it.
import { BLOCK_SEPARATOR } from './blocks'

export interface ImportedBlock {
  text: string
  /** Why the importer took this block for page junk; absent when it is kept. */
  junkReason?: string
}

export interface ImportResult {
  blocks: ImportedBlock[]
  /** Suggested metadata found in the text. */
  title?: string
  author?: string
}

/** Whole lines that are navigation, buttons or widget labels on the pages we import from. */
const NAVIGATION_LINES = new Set([
  'live chat', 'call back', 'order now', 'stay connected', 'help', 'close', 'menu', 'home', 'subscribe',
  'advertisement', 'vip services', 'vip support', 'top 30 writers', 'what our customers say', 'preparing orders',
  'active writers', 'positive feedback', 'support agents', 'print friendly pdf email', 'please share', 'share this',
  'limited time offer', 'for more than', 'get', 'get an order', 'get an order prepared', 'get a full',
  'days', 'hours', 'minutes', 'seconds',
])

const SALES_SIGNALS = [
  /\border now\b/i, /\blive chat\b/i, /\bcall back\b/i, /\d+\s?% off\b/i, /\bdiscount\b/i, /\bfirst order\b/i,
  /\byour order\b/i, /\bour (service|support team|customers|writers|experts)\b/i, /\btop[- ]?30 writers\b/i,
  /\bplagiarism\b/i, /\byour papers?\b/i, /\bvip\b/i, /\bapple pay\b/i, /\bwith code \w*\d/i, /\bclick here\b/i,
  /\bfrom\s*-?\s*\$\s?\d/i, /\$\d+\.\d\d\b/, /\bsave (up to |extra )?\d+\s?%/i, /\bwords\/page\b/i, /\benquiries\b/i,
]

const normalize = (line: string) => line.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()

/** Why a single line is junk, or undefined when it reads as text. */
export function junkReasonOfLine(line: string): string | undefined {
  const words = normalize(line)
  if (/^[?:.•|·–—-]$/.test(line)) return 'lone punctuation'
  if (/^\d{1,3}\s?%?$/.test(line)) return 'countdown or counter digits'
  if (/^\d+ pages$/i.test(line)) return 'price table'
  if (NAVIGATION_LINES.has(words)) return 'navigation or button label'
  if (/^[a-z]+(?:-[a-z]+)*-?[a-z]*\d+$/.test(line)) return 'stray page identifier'
  const signals = SALES_SIGNALS.filter((signal) => signal.test(line)).length
  // A long paragraph needs two signals: one word like "discount" can appear in real prose.
  if (signals >= 2 || (signals === 1 && line.length <= 120)) return 'advertisement'
  return undefined
}

export function canonicalLines(raw: string): string[] {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f\t]/g, ' ')
    .replace(/[\u200b\ufeff]/g, '')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
}

/** Groups lines into blocks at blank lines, then splits each block into runs of kept and junk lines. */
export function importText(raw: string): ImportResult {
  const blocks: ImportedBlock[] = []
  const seen = new Set<string>()
  let run: { lines: string[]; junkReason?: string } | undefined

  const flush = () => {
    if (!run) return
    const text = run.lines.join('\n')
    let junkReason = run.junkReason
    const key = normalize(text)
    if (!junkReason && key.length > 0 && seen.has(key)) junkReason = 'repeats an earlier line'
    if (!junkReason) seen.add(key)
    blocks.push(junkReason ? { text, junkReason } : { text })
    run = undefined
  }

  for (const line of canonicalLines(raw)) {
    if (line === '') {
      flush()
      continue
    }
    const reason = junkReasonOfLine(line)
    if (run && (run.junkReason === undefined) !== (reason === undefined)) flush()
    if (run && reason && run.junkReason !== reason) run.junkReason = 'advertisement or page widget'
    run ??= { lines: [], junkReason: reason }
    run.lines.push(line)
  }
  flush()

  const kept = blocks.filter((block) => !block.junkReason)
  const first = kept[0]?.text
  const title = first && !first.includes('\n') && first.length <= 200 ? first : undefined
  const byline = kept.slice(0, 6).find((block) => /^[Bb]y\s+\p{Lu}[\p{L}.'-]*(\s+\p{Lu}[\p{L}.'-]*){0,3}$/u.test(block.text))
  return { blocks, title, author: byline?.text.replace(/^by\s+/i, '') }
}

/** The canonical text of the blocks a person chose to keep. */
export function canonicalTextOf(blocks: ImportedBlock[]): string {
  return blocks
    .filter((block) => !block.junkReason)
    .map((block) => block.text)
    .join(BLOCK_SEPARATOR)
}

export function droppedBlocksOf(blocks: ImportedBlock[]): { position: number; text: string; reason: string }[] {
  return blocks.flatMap((block, position) =>
    block.junkReason ? [{ position, text: block.text, reason: block.junkReason }] : [],
  )
}
