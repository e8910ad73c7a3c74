// What a source file upload may be: shared by the extractor, the upload route and the form
// (which checks the size before sending, so this module must stay free of server code).

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

export const MAX_UPLOAD_LABEL = '10 MB'

/** The file name endings the form offers and the extractor reads. */
const UPLOAD_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.docx', '.pdf']

export const UPLOAD_ACCEPT = [
  ...UPLOAD_EXTENSIONS,
  'text/plain',
  'text/markdown',
  'text/html',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
].join(',')

export const TOO_LARGE_MESSAGE = `This file is too large: upload a file of at most ${MAX_UPLOAD_LABEL}.`
