// Highlights of a source over HTTP, for API clients and scripts: list (GET) and create (POST).
import { createHighlight } from '@/lib/annotations/mutations'
import { listSourceHighlights } from '@/lib/annotations/queries'
import { getCurrentUser, requireClaimedActor } from '@/lib/auth/session'
import { assertSameOrigin, errorResponse, privateJson, readJson } from '@/lib/http'

export const dynamic = 'force-dynamic'

export async function GET(_request: Request, { params }: { params: Promise<{ sourceId: string }> }) {
  try {
    const { sourceId } = await params
    return privateJson(await listSourceHighlights(await getCurrentUser(), sourceId))
  } catch (error) {
    return errorResponse(error)
  }
}

export async function POST(request: Request, { params }: { params: Promise<{ sourceId: string }> }) {
  try {
    assertSameOrigin(request)
    const { sourceId } = await params
    // createHighlight checks the account while authorizing (one round trip fewer); without even a
    // session cookie, nothing of the body is read.
    const actor = await requireClaimedActor()
    const body = await readJson(request)
    const input = typeof body === 'object' && body !== null ? { ...body, sourceId } : body
    return privateJson(await createHighlight(actor, input), { status: 201 })
  } catch (error) {
    return errorResponse(error)
  }
}
