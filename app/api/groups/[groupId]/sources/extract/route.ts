// An uploaded file read into blocks and metadata, for the new-source form to preview. Stores
// nothing: the person reviews the preview and submits the form. The form and its file are parsed
// in a job worker (parse-upload) under a time and memory budget, so the app keeps answering meanwhile.
import { requireUser } from '@/lib/auth/session'
import { Invalid } from '@/lib/errors'
import { authorizeInGroup } from '@/lib/groups/access'
import { clientAddress } from '@/lib/client-address'
import { assertSameOrigin, errorResponse, privateJson, readAtMost } from '@/lib/http'
import { runJob } from '@/lib/jobs/run-job'
import type { UploadForm } from '@/lib/jobs/tasks/parse-upload'
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
    const form = await readForm(request)
    const imported = await runJob('parse-upload', form, { owner: user.id, signal: request.signal })
    return privateJson(imported)
  } catch (error) {
    return errorResponse(error)
  }
}

/**
 * The multipart body as bytes, refused unread when it declares too many and cut off when it sends
 * them; the job's worker reads the form out of it.
 */
async function readForm(request: Request): Promise<UploadForm> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data\b/i.test(contentType))
    throw new Invalid('Send the file as multipart/form-data in a field named “file”.')
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw new Invalid(TOO_LARGE_MESSAGE)
  return { body: await readAtMost(request, MAX_BODY_BYTES, TOO_LARGE_MESSAGE), contentType }
}
