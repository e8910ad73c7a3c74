// Download of a source's highlights the user may see: ?format=jsonld (W3C Web Annotations) or ?format=csv.
import { exportSourceHighlights } from '@/lib/annotations/export'
import { appOrigin } from '@/lib/app-url'
import { exportDownload } from '@/lib/export/download'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ sourceId: string }> }) {
  return exportDownload(request, async (user) => {
    const { sourceId } = await params
    const format = new URL(request.url).searchParams.get('format') ?? undefined
    return exportSourceHighlights(user, sourceId, { format }, await appOrigin())
  })
}
