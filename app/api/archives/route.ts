// Import of a seminar archive (the file as the body, at most 50 MB) as a new group: 201 { id, name }.
import { revalidatePath } from 'next/cache'
import { importSeminarArchive } from '@/lib/archive/import'
import { readArchiveUpload } from '@/lib/archive/upload'
import { requireUser } from '@/lib/auth/session'
import { assertSameOrigin, errorResponse } from '@/lib/http'

export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  try {
    assertSameOrigin(request)
    const user = await requireUser()
    const group = await importSeminarArchive(user, await readArchiveUpload(request))
    revalidatePath('/dashboard')
    return Response.json(group, { status: 201 })
  } catch (error) {
    return errorResponse(error)
  }
}
