// Download of one assignment's gradebook (CSV for Canvas and Moodle), for the group's instructors.
import { exportGradebook } from '@/lib/assignments/gradebook'
import { getCurrentUser } from '@/lib/auth/session'
import { clientAddress } from '@/lib/client-address'
import { slugOf } from '@/lib/file-names'
import { downloadResponse, errorResponse } from '@/lib/http'
import { checkRateLimit } from '@/lib/rate-limits'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ assignmentId: string }> }) {
  try {
    const { assignmentId } = await params
    const user = await getCurrentUser()
    if (user) await checkRateLimit('export', { account: user.id, address: clientAddress(request.headers) })
    const { csv, title } = await exportGradebook(user, assignmentId)
    return downloadResponse({
      body: csv,
      contentType: 'text/csv; charset=utf-8',
      filename: `gradebook-${slugOf(title, 'assignment')}.csv`,
    })
  } catch (error) {
    return errorResponse(error)
  }
}
