// Download of a source's highlights the user may see: ?format=jsonld (W3C Web Annotations) or ?format=csv.
import { exportSourceHighlights } from '@/lib/annotations/export'
import { appOrigin } from '@/lib/app-url'
import { getCurrentUser } from '@/lib/auth/session'
import { errorResponse } from '@/lib/http'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ sourceId: string }> }) {
  try {
    const { sourceId } = await params
    const format = new URL(request.url).searchParams.get('format') ?? undefined
    const file = await exportSourceHighlights(await getCurrentUser(), sourceId, { format }, await appOrigin())
    return new Response(file.body, {
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        // The file can hold private highlights: never keep it in a shared cache.
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  } catch (error) {
    return errorResponse(error)
  }
}
