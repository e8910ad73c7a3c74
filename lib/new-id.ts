// New ids for the rows we name ourselves, apart from lib/ids.ts's schema so that browser code (the
// map canvas names the nodes it adds) gets one without loading zod.

/** A UUID without dashes: 32 hex digits, which the `Id` schema of lib/ids.ts accepts. */
export const newId = (): string => globalThis.crypto.randomUUID().replaceAll('-', '')
