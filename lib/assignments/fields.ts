// The fields of an assignment every reader of one loads: its rules and its sources in order.
export const ASSIGNMENT_FIELDS = {
  id: true,
  groupId: true,
  title: true,
  instructions: true,
  minClaims: true,
  minEvidence: true,
  minBias: true,
  requireMap: true,
  opensAt: true,
  dueAt: true,
  allowLate: true,
  sources: { orderBy: { position: 'asc' }, select: { source: { select: { id: true, title: true } } } },
} as const
