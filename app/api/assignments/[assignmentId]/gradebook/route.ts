// Download of one assignment's gradebook (CSV for Canvas and Moodle), for the group's instructors.
import { exportGradebook } from '@/lib/assignments/gradebook'
import { slugOf } from '@/lib/file-names'
import { exportDownload } from '@/lib/export/download'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ assignmentId: string }> }) {
  return exportDownload(request, async (user) => {
    const { csv, title } = await exportGradebook(user, (await params).assignmentId)
    return {
      body: csv,
      contentType: 'text/csv; charset=utf-8',
      filename: `gradebook-${slugOf(title, 'assignment')}.csv`,
    }
  })
}
