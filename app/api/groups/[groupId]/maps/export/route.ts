// Instructors: every submitted map of the group as PDFs in one zip.
import { getCurrentUser } from '@/lib/auth/session'
import { clientAddress } from '@/lib/client-address'
import { exportSubmittedMaps } from '@/lib/export/bulk-export'
import { downloadResponse, errorResponse } from '@/lib/http'
import { checkRateLimit } from '@/lib/rate-limits'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ groupId: string }> }) {
  try {
    const { groupId } = await params
    const user = await getCurrentUser()
    if (user) await checkRateLimit('export', { account: user.id, address: clientAddress(request.headers) })
    const zip = await exportSubmittedMaps(user, groupId, request.signal)
    return downloadResponse({ ...zip, contentType: 'application/zip' })
  } catch (error) {
    return errorResponse(error)
  }
}
