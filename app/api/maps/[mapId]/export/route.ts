// Download of a map the user may read: ?format=pdf|svg|png, and for PDFs &paper=a4|letter|a3 and
// &orientation=auto|portrait|landscape.
import { exportMap } from '@/lib/export/map-export'
import { exportDownload } from '@/lib/export/download'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ mapId: string }> }) {
  return exportDownload(request, async (user) => {
    const { mapId } = await params
    const query = new URL(request.url).searchParams
    const option = (name: string) => query.get(name) ?? undefined
    const options = { format: option('format'), paper: option('paper'), orientation: option('orientation') }
    return exportMap(user, mapId, options, request.signal)
  })
}
