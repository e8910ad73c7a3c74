// Instructors: the whole seminar as one archive file, to keep or to import into another Colloquy.
import { archiveFile, exportSeminarArchive } from '@/lib/archive/export'
import { getCurrentUser } from '@/lib/auth/session'
import { slugOf } from '@/lib/file-names'
import { downloadResponse, errorResponse } from '@/lib/http'

export const dynamic = 'force-dynamic'

export async function GET(_request: Request, { params }: { params: Promise<{ groupId: string }> }) {
  try {
    const { groupId } = await params
    const { archive, groupName } = await exportSeminarArchive(await getCurrentUser(), groupId)
    const day = archive.exportedAt.slice(0, 10)
    return downloadResponse({
      body: archiveFile(archive),
      contentType: 'application/gzip',
      filename: `${slugOf(groupName, 'seminar')}-${day}.colloquy.json.gz`,
    })
  } catch (error) {
    return errorResponse(error)
  }
}
