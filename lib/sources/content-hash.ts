// The content hash identifies one exact canonical text (revisions, caching, exports).
import { createHash } from 'node:crypto'

export const contentHashOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
