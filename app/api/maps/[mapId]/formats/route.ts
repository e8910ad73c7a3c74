// Download of a map: ?format=aif (Argument Interchange Format JSON), argdown, or backup (Colloquy JSON).
import { getCurrentUser } from '@/lib/auth/session'
import { clientAddress } from '@/lib/client-address'
import { exportMapFormat } from '@/lib/export/format-export'
import { downloadResponse, errorResponse } from '@/lib/http'
import { checkRateLimit } from '@/lib/rate-limits'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ mapId: string }> }) {
  try {
    const { mapId } = await params
    const format = new URL(request.url).searchParams.get('format') ?? undefined
    const user = await getCurrentUser()
    if (user) await checkRateLimit('export', { account: user.id, address: clientAddress(request.headers) })
    const file = await exportMapFormat(user, mapId, { format })
    return downloadResponse(file)
  } catch (error) {
    return errorResponse(error)
  }
}
