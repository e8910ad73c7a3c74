// Bylines and datelines as people write them at the top of a text: "By James Madison, 1787",
// "by Eric Sayers and Ken Moriyasu | March 3, 2019", "著者：山田太郎", "Published 19 November 2019".
// Pure and linear: it runs in the browser on pasted text, on short lines only.

export interface Byline {
  author?: string
  year?: number
}

const MAX_LINE = 160
const BY =
  /^(?:by|written by|von|par|por|di|door|av|著者|文|筆者|author|authors)\s*[:：・]?\s+|^(?:著者|文|筆者)\s*[:：・]\s*/iu
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’.-]*|de|da|van|von|der|del|la|le|du|bin|al|y|e)$/u
const CJK_NAME = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー・\s]{2,20}$/u
const JOINER = /^(?:and|&|und|et|y|e|,)$/i
const YEAR = /(?:^|[^\d])(1[0-9]{3}|20[0-9]{2}|2100)(?:[^\d]|$)/
const MONTH =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?/i

/** The year a short piece of text names, if any. */
export function yearIn(text: string): number | undefined {
  const match = YEAR.exec(text.slice(0, 400))
  return match ? Number(match[1]) : undefined
}

/** Names from "James Madison", "Eric Sayers and Ken Moriyasu", "Smith, Jones & Lee"; undefined when not names. */
function namesIn(text: string): string | undefined {
  const trimmed = text.trim().replace(/[.,;:]+$/, '')
  if (!trimmed) return undefined
  if (CJK_NAME.test(trimmed)) return trimmed.replace(/\s+/g, ' ')
  const words = trimmed.replace(/,/g, ' , ').split(/\s+/).filter(Boolean)
  if (words.length > 16) return undefined
  const names: string[][] = [[]]
  for (const word of words) {
    if (JOINER.test(word)) {
      if (names.at(-1)!.length > 0) names.push([])
      continue
    }
    if (!NAME_WORD.test(word)) return undefined
    names.at(-1)!.push(word)
  }
  const people = names.filter((name) => name.length > 0)
  if (people.length === 0 || people.some((name) => name.length > 5 || !/^\p{Lu}/u.test(name[0]!))) return undefined
  // "Smith, John" is one person written surname first, not two.
  if (people.length === 2 && people.every((name) => name.length === 1) && words.includes(','))
    return `${people[1]![0]} ${people[0]![0]}`
  return people.map((name) => name.join(' ')).join('; ')
}

/** Reads a byline line: "By NAME[, DATE]" (or a line that is only names, when `bare`). */
export function parseByline(line: string, { bare = false } = {}): Byline | undefined {
  const text = line.replace(/\s+/g, ' ').trim()
  if (!text || text.length > MAX_LINE) return undefined
  const by = BY.exec(text)
  if (!by && !bare) return undefined
  const rest = by ? text.slice(by[0].length) : text
  // The names end where a date, a role or a site begins: at a comma, bar, bullet or dash followed by something else.
  const cut = /\s*(?:[|·•—–]|\s-\s|,\s*(?=[^,]*\d)|\bon\b|\bupdated\b|\bpublished\b)\s*/iu.exec(rest)
  const namePart = cut ? rest.slice(0, cut.index) : rest
  const author = namesIn(namePart)
  if (!author) return undefined
  const year = cut ? yearIn(rest.slice(cut.index)) : undefined
  return year ? { author, year } : { author }
}

const NUMERIC_DATE = /\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/
const TIME = /\b\d{1,2}(?::\d{2}|[.:]\d{2}\s?[ap]\.?m\b)/i

/** Whether a short line is only a date or a "Published / Updated …" stamp, not a sentence. */
export function isDateline(line: string): boolean {
  const text = line.trim()
  if (text.length > 100 || text.split(/\s+/).length > 16 || !/\d/.test(text)) return false
  if (/\p{Ll}{3,}[.!?]$/u.test(text)) return false
  const dated = MONTH.test(text) || NUMERIC_DATE.test(text) || /\d{1,4}年/.test(text)
  // A stamp is mostly date and time: few words of four letters or more besides.
  const words = (text.match(/\p{L}{4,}/gu) ?? []).filter((word) => !MONTH.test(word) && !WEEKDAY.test(word)).length
  return (dated || TIME.test(text)) && words <= 3
}

const WEEKDAY = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i
