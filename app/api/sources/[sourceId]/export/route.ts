// Download of a source's highlights the user may see: ?format=jsonld (W3C Web Annotations) or ?format=csv.
import { exportSourceHighlights } from '@/lib/annotations/export'
import { appOrigin } from '@/lib/app-url'
import { getCurrentUser } from '@/lib/auth/session'
import { clientAddress } from '@/lib/client-address'
import { downloadResponse, errorResponse } from '@/lib/http'
import { checkRateLimit } from '@/lib/rate-limits'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ sourceId: string }> }) {
  try {
    const { sourceId } = await params
    const format = new URL(request.url).searchParams.get('format') ?? undefined
    const user = await getCurrentUser()
    if (user) await checkRateLimit('export', { account: user.id, address: clientAddress(request.headers) })
    const file = await exportSourceHighlights(user, sourceId, { format }, await appOrigin())
    return downloadResponse(file)
  } catch (error) {
    return errorResponse(error)
  }
}
