// Download of a map: ?format=aif (Argument Interchange Format JSON), argdown, or backup (Colloquy JSON).
import { getCurrentUser } from '@/lib/auth/session'
import { exportMapFormat } from '@/lib/export/format-export'
import { errorResponse } from '@/lib/http'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ mapId: string }> }) {
  try {
    const { mapId } = await params
    const format = new URL(request.url).searchParams.get('format') ?? undefined
    const file = await exportMapFormat(await getCurrentUser(), mapId, { format })
    return new Response(file.body, {
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        // A personal map, or quotes from private highlights: never keep it in a shared cache.
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  } catch (error) {
    return errorResponse(error)
  }
}
