// Instructors: every submitted map of the group as PDFs in one zip.
import { getCurrentUser } from '@/lib/auth/session'
import { exportSubmittedMaps } from '@/lib/export/bulk-export'
import { errorResponse } from '@/lib/http'

export const dynamic = 'force-dynamic'

export async function GET(_request: Request, { params }: { params: Promise<{ groupId: string }> }) {
  try {
    const { groupId } = await params
    const zip = await exportSubmittedMaps(await getCurrentUser(), groupId)
    return new Response(new Uint8Array(zip.body), {
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${zip.filename}"`,
        'Cache-Control': 'private, no-store',
      },
    })
  } catch (error) {
    return errorResponse(error)
  }
}
