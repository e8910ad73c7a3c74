// The budgets of an import, and the refusal a person sees when a file goes past them.
import { TooComplex } from '@/lib/errors'

export const TOO_COMPLEX_MESSAGE = 'This file is too complex to import; paste the text instead.'

/** A file that would take more than its share of the server to read (nesting, pages, unpacked size). */
export const tooComplex = (message = TOO_COMPLEX_MESSAGE) => new TooComplex(message)

/** Pages of a PDF read at most. */
export const MAX_PDF_PAGES = 300

/** Bytes a .docx may unpack to, counted as they are inflated, not as the zip declares them. */
export const MAX_UNZIPPED_BYTES = 60 * 1024 * 1024
