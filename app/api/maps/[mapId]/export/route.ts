// Download of a map the user may read: ?format=pdf|svg|png, and for PDFs &paper=a4|letter|a3 and
// &orientation=auto|portrait|landscape.
import { getCurrentUser } from '@/lib/auth/session'
import { exportMap } from '@/lib/export/map-export'
import { downloadResponse, errorResponse } from '@/lib/http'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ mapId: string }> }) {
  try {
    const { mapId } = await params
    const query = new URL(request.url).searchParams
    const option = (name: string) => query.get(name) ?? undefined
    const file = await exportMap(await getCurrentUser(), mapId, { format: option('format'), paper: option('paper'), orientation: option('orientation') })
    return downloadResponse(file)
  } catch (error) {
    return errorResponse(error)
  }
}
