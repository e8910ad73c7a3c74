// Download of a map: ?format=aif (Argument Interchange Format JSON), argdown, or backup (Colloquy JSON).
import { exportMapFormat } from '@/lib/export/format-export'
import { exportDownload } from '@/lib/export/download'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ mapId: string }> }) {
  return exportDownload(request, async (user) => {
    const { mapId } = await params
    return exportMapFormat(user, mapId, { format: new URL(request.url).searchParams.get('format') ?? undefined })
  })
}
