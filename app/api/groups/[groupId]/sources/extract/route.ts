// An uploaded file read into blocks and metadata, for the new-source form to preview. Stores
// nothing: the person reviews the preview and submits the form. The file is parsed in a job
// worker (parse-upload) under a time and memory budget, so the app keeps answering meanwhile.
import { requireUser } from '@/lib/auth/session'
import { Invalid } from '@/lib/errors'
import { authorizeInGroup } from '@/lib/groups/access'
import { clientAddress } from '@/lib/client-address'
import { assertSameOrigin, errorResponse, privateJson } from '@/lib/http'
import { runJob } from '@/lib/jobs/run-job'
import { checkRateLimit } from '@/lib/rate-limits'
import { MAX_UPLOAD_BYTES, TOO_LARGE_MESSAGE } from '@/lib/sources/upload'

export const dynamic = 'force-dynamic'

/** Room for the multipart boundaries and headers around the file itself. */
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024

export async function POST(request: Request, { params }: { params: Promise<{ groupId: string }> }) {
  try {
    assertSameOrigin(request)
    const { groupId } = await params
    const user = await requireUser()
    await authorizeInGroup(user, groupId, 'source:create')
    await checkRateLimit('upload', { account: user.id, address: clientAddress(request.headers) })
    const file = (await readForm(request)).get('file')
    if (!(file instanceof File)) throw new Invalid('Choose a file to upload.', { file: 'Choose a file to upload.' })
    if (file.size > MAX_UPLOAD_BYTES) throw new Invalid(TOO_LARGE_MESSAGE)
    const bytes = new Uint8Array(await file.arrayBuffer())
    const imported = await runJob('parse-upload', { name: file.name, type: file.type, bytes }, { owner: user.id, signal: request.signal })
    return privateJson(imported)
  } catch (error) {
    return errorResponse(error)
  }
}

/** The multipart body, refused unread when it declares too many bytes and cut off when it sends them. */
async function readForm(request: Request): Promise<FormData> {
  if (!/^multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '')) {
    throw new Invalid('Send the file as multipart/form-data in a field named “file”.')
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw new Invalid(TOO_LARGE_MESSAGE)
  const body = await readAtMost(request, MAX_BODY_BYTES)
  try {
    return await new Response(body, { headers: { 'content-type': request.headers.get('content-type')! } }).formData()
  } catch {
    throw new Invalid('The upload could not be read. Choose the file again and retry.')
  }
}

async function readAtMost(request: Request, maxBytes: number): Promise<Blob> {
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let total = 0
  const reader = request.body?.getReader()
  while (reader) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      throw new Invalid(TOO_LARGE_MESSAGE)
    }
    chunks.push(value)
  }
  return new Blob(chunks)
}
