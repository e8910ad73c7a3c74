// One-click unsubscribe (RFC 8058): mail clients POST here from a digest's List-Unsubscribe header.
import { errorResponse, privateJson } from '@/lib/http'
import { unsubscribeFromDigests } from '@/lib/notifications/mutations'

export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  try {
    await unsubscribeFromDigests({ token: new URL(request.url).searchParams.get('token') ?? undefined })
    return privateJson({ ok: true })
  } catch (error) {
    return errorResponse(error)
  }
}
