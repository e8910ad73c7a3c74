// Instructors: every submitted map of the group as PDFs in one zip.
import { exportSubmittedMaps } from '@/lib/export/bulk-export'
import { exportDownload } from '@/lib/export/download'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ groupId: string }> }) {
  return exportDownload(request, async (user) => {
    const zip = await exportSubmittedMaps(user, (await params).groupId, request.signal)
    return { ...zip, contentType: 'application/zip' }
  })
}
