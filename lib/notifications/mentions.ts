// @mentions in a note or reply: "@Bea Tanaka" or "@Bea", matched against the group's members by
// their full name first, then their first name when only one member has it. Pure.

export interface Member {
  id: string
  name: string
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
// After the name: the end of the text, or anything that is not a letter, a mark or a digit.
const END = '(?![\\p{L}\\p{M}\\p{N}])'

/** The members the text mentions, each once, in the order of the member list. */
export function mentionedMembers(text: string, members: readonly Member[]): string[] {
  if (!text.includes('@')) return []
  const folded = text.normalize('NFC')
  const firstNames = new Map<string, number>()
  for (const m of members) {
    const first = m.name.trim().split(/\s+/u)[0]!.toLocaleLowerCase()
    firstNames.set(first, (firstNames.get(first) ?? 0) + 1)
  }
  return members
    .filter((m) => {
      const full = m.name.trim().normalize('NFC')
      if (!full) return false
      if (new RegExp(`@${escape(full)}${END}`, 'iu').test(folded)) return true
      const first = full.split(/\s+/u)[0]!
      return firstNames.get(first.toLocaleLowerCase()) === 1 && new RegExp(`@${escape(first)}${END}`, 'iu').test(folded)
    })
    .map((m) => m.id)
}
