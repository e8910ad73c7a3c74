// Import of a Colloquy map backup (JSON body, at most 2 MB) as a new personal map: 201 { id }.
import { revalidatePath } from 'next/cache'
import { requireClaimedActor, requireUser } from '@/lib/auth/session'
import { clientAddress } from '@/lib/client-address'
import { importMapBackup, MAX_BACKUP_BYTES } from '@/lib/export/backup'
import { authorizeInGroup } from '@/lib/groups/access'
import { assertSameOrigin, errorResponse, privateJson, readJson } from '@/lib/http'
import { checkRateLimit, oneAtATime } from '@/lib/rate-limits'

export const dynamic = 'force-dynamic'

export async function POST(request: Request, { params }: { params: Promise<{ groupId: string }> }) {
  try {
    assertSameOrigin(request)
    const { groupId } = await params
    const claimed = await requireClaimedActor()
    const map = await oneAtATime('import', claimed.id, 'map import', async () => {
      const user = await requireUser()
      // Refuse outsiders, and anyone past the import limit, before reading up to 2 MB from them.
      await authorizeInGroup(user, groupId, 'map:create')
      await checkRateLimit('import', { account: user.id, address: clientAddress(request.headers) })
      const backup = await readJson(request, MAX_BACKUP_BYTES)
      return importMapBackup(user, { groupId, backup }, request.signal)
    })
    revalidatePath('/groups/[groupId]/maps', 'page')
    return privateJson(map, { status: 201 })
  } catch (error) {
    return errorResponse(error)
  }
}
