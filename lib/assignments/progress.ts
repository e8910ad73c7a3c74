// Where one student stands on one assignment, from plain rows: their highlights on its sources
// and their map submission. Done when every minimum is met (and the map is in); the moment it was
// done is when the last requirement was met, so "late" is decided by the work, not by when anyone
// looked. Without late work allowed, what came after the due date does not count.

export type Tag = 'CLAIM' | 'EVIDENCE' | 'BIAS'
const TAG_ORDER: Tag[] = ['CLAIM', 'EVIDENCE', 'BIAS']

export interface AssignmentRules {
  minClaims: number
  minEvidence: number
  minBias: number
  requireMap: boolean
  opensAt: Date
  dueAt: Date
  allowLate: boolean
}

export interface Requirement {
  kind: Tag | 'MAP' | 'ANY'
  need: number
  have: number
  met: boolean
}

/** done: finished by the due date; late: finished after it; missing: past due and unfinished; open: still to do. */
export type Status = 'done' | 'late' | 'missing' | 'open'

export interface Progress {
  counts: Record<Tag, number>
  requirements: Requirement[]
  status: Status
  completedAt: Date | null
  submission: { mapId: string; submittedAt: Date; late: boolean } | null
  opened: boolean
}

const minimumOf = (rules: AssignmentRules, tag: Tag) =>
  tag === 'CLAIM' ? rules.minClaims : tag === 'EVIDENCE' ? rules.minEvidence : rules.minBias

export function progressOf(
  rules: AssignmentRules,
  highlights: { tag: Tag; createdAt: Date }[],
  submission: { mapId: string; submittedAt: Date; late: boolean } | null,
  now: Date,
): Progress {
  const counting = highlights
    .filter((h) => rules.allowLate || h.createdAt <= rules.dueAt)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
  const times = (tag?: Tag) => counting.filter((h) => !tag || h.tag === tag).map((h) => h.createdAt)
  const counts = { CLAIM: times('CLAIM').length, EVIDENCE: times('EVIDENCE').length, BIAS: times('BIAS').length }
  const requirements: Requirement[] = []
  // When each requirement was met: the n-th passage of its tag, or the submission.
  const metAt: (Date | null)[] = []
  for (const tag of TAG_ORDER) {
    const need = minimumOf(rules, tag)
    if (need === 0) continue
    requirements.push({ kind: tag, need, have: counts[tag], met: counts[tag] >= need })
    metAt.push(times(tag)[need - 1] ?? null)
  }
  if (rules.requireMap) {
    requirements.push({ kind: 'MAP', need: 1, have: submission ? 1 : 0, met: submission !== null })
    metAt.push(submission?.submittedAt ?? null)
  }
  // Nothing asked but the reading: one tagged passage on it shows it was read.
  if (requirements.length === 0) {
    const all = times()
    requirements.push({ kind: 'ANY', need: 1, have: all.length, met: all.length > 0 })
    metAt.push(all[0] ?? null)
  }
  const complete = metAt.every((at) => at !== null)
  const completedAt = complete ? new Date(Math.max(...metAt.map((at) => at!.getTime()))) : null
  const status: Status = completedAt
    ? completedAt > rules.dueAt
      ? 'late'
      : 'done'
    : now > rules.dueAt
      ? 'missing'
      : 'open'
  return { counts, requirements, status, completedAt, submission, opened: now >= rules.opensAt }
}

const REQUIREMENT_LABEL: Record<Requirement['kind'], [string, string]> = {
  CLAIM: ['claim', 'claims'],
  EVIDENCE: ['piece of evidence', 'pieces of evidence'],
  BIAS: ['bias', 'biases'],
  MAP: ['personal map submitted', 'personal map submitted'],
  ANY: ['highlight', 'highlights'],
}

/** "2 of 3 claims", "map submitted", "map not submitted yet". */
export function describeRequirement(r: Requirement): string {
  if (r.kind === 'MAP') return r.met ? 'Map submitted' : 'Map not submitted yet'
  const [one, many] = REQUIREMENT_LABEL[r.kind]
  return `${Math.min(r.have, r.need)} of ${r.need} ${r.need === 1 ? one : many}`
}

export const STATUS_LABEL: Record<Status, string> = {
  done: 'Done',
  late: 'Done late',
  missing: 'Missing',
  open: 'To do',
}
