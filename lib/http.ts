// Route handler plumbing: read a JSON body within a size limit and map errors to responses.
import { Invalid, toFailure } from '@/lib/errors'

export const MAX_JSON_BYTES = 64 * 1024

export async function readJson(request: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const length = Number(request.headers.get('content-length') ?? 0)
  if (length > maxBytes) throw new Invalid(`The request is too large (at most ${Math.round(maxBytes / 1024)} KB).`)
  const text = await request.text()
  if (Buffer.byteLength(text, 'utf8') > maxBytes) throw new Invalid(`The request is too large (at most ${Math.round(maxBytes / 1024)} KB).`)
  try {
    return JSON.parse(text)
  } catch {
    throw new Invalid('The request body is not valid JSON.')
  }
}

export function errorResponse(error: unknown): Response {
  const failure = toFailure(error)
  return Response.json({ error: failure.error, fieldErrors: failure.fieldErrors }, { status: failure.status })
}

/**
 * A file to download. Exports can hold private highlights, personal maps and feedback, so they
 * are never kept in a shared cache.
 */
export function downloadResponse(file: { body: string | Uint8Array; contentType: string; filename: string }): Response {
  return new Response(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
