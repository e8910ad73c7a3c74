// An export over HTTP: whoever is signed in spends one export of their rate limit, then the file
// is made and sent as a download; an error becomes its status and sentence.
import { getCurrentUser, type SessionUser } from '@/lib/auth/session'
import { clientAddress } from '@/lib/client-address'
import { downloadResponse, errorResponse, type DownloadFile } from '@/lib/http'
import { checkRateLimit } from '@/lib/rate-limits'

/** `make` gets the user (null when signed out: the export itself refuses, as for any read). */
export async function exportDownload(
  request: Request,
  make: (user: SessionUser | null) => Promise<DownloadFile>,
): Promise<Response> {
  try {
    const user = await getCurrentUser()
    if (user) await checkRateLimit('export', { account: user.id, address: clientAddress(request.headers) })
    return downloadResponse(await make(user))
  } catch (error) {
    return errorResponse(error)
  }
}
