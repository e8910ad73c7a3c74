// Instructors: every submitted map of the group as PDFs in one zip.
import { getCurrentUser } from '@/lib/auth/session'
import { exportSubmittedMaps } from '@/lib/export/bulk-export'
import { downloadResponse, errorResponse } from '@/lib/http'

export const dynamic = 'force-dynamic'

export async function GET(_request: Request, { params }: { params: Promise<{ groupId: string }> }) {
  try {
    const { groupId } = await params
    const zip = await exportSubmittedMaps(await getCurrentUser(), groupId)
    return downloadResponse({ ...zip, contentType: 'application/zip' })
  } catch (error) {
    return errorResponse(error)
  }
}
