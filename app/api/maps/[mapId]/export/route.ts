// Download of a map the user may read: ?format=pdf|svg|png, and for PDFs &paper=a4|letter|a3 and
// &orientation=auto|portrait|landscape.
import { getCurrentUser } from '@/lib/auth/session'
import { clientAddress } from '@/lib/client-address'
import { exportMap } from '@/lib/export/map-export'
import { downloadResponse, errorResponse } from '@/lib/http'
import { checkRateLimit } from '@/lib/rate-limits'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ mapId: string }> }) {
  try {
    const { mapId } = await params
    const query = new URL(request.url).searchParams
    const option = (name: string) => query.get(name) ?? undefined
    const user = await getCurrentUser()
    if (user) await checkRateLimit('export', { account: user.id, address: clientAddress(request.headers) })
    const file = await exportMap(
      user,
      mapId,
      { format: option('format'), paper: option('paper'), orientation: option('orientation') },
      request.signal,
    )
    return downloadResponse(file)
  } catch (error) {
    return errorResponse(error)
  }
}
