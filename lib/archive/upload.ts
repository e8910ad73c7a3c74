// Reading an uploaded archive file from a request body, within the size limit, without trusting
// the declared length.
import { AppError, Invalid } from '@/lib/errors'
import { MAX_ARCHIVE_BYTES } from './schema'

const TOO_LARGE = `This archive is too large: at most ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB can be imported.`
const FILE_TYPES = /^application\/(gzip|x-gzip|json|octet-stream)\s*(;|$)/i

export async function readArchiveUpload(request: Request): Promise<Uint8Array> {
  if (!FILE_TYPES.test(request.headers.get('content-type') ?? '')) {
    throw new AppError('Send the archive file itself as the request body (Content-Type: application/gzip).', 415)
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_ARCHIVE_BYTES) throw new Invalid(TOO_LARGE)
  if (!request.body) throw new Invalid('Choose a seminar archive to import.')
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length
    if (size > MAX_ARCHIVE_BYTES) throw new Invalid(TOO_LARGE)
    chunks.push(chunk)
  }
  if (size === 0) throw new Invalid('Choose a seminar archive to import.')
  return Buffer.concat(chunks)
}
