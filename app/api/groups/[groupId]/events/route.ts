// The live event stream of a group (server-sent events). `?sourceId=` marks the reader as present.
import { requireClaimedActor, requireUser } from '@/lib/auth/session'
import { sqlRows } from '@/lib/db-raw'
import { NotFound } from '@/lib/errors'
import { authorizeInGroup } from '@/lib/groups/access'
import { errorResponse } from '@/lib/http'
import { liveEventStream } from '@/lib/realtime/stream'
import { reserveStream } from '@/lib/realtime/stream-limits'
import { authorizeOnSource } from '@/lib/sources/access'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ groupId: string }> }) {
  let release: (() => void) | undefined
  try {
    // The per-person limits come first, on the id the cookie claims: a flood of opens is refused
    // before it costs a database query.
    const claimed = await requireClaimedActor()
    release = reserveStream(claimed.id)
    const user = await requireUser()
    const { groupId } = await params
    const access = await authorizeInGroup(user, groupId, 'group:read')
    const url = new URL(request.url)
    const sourceId = url.searchParams.get('sourceId')
    const source = sourceId ? (await authorizeOnSource(user, sourceId, 'source:read')).source : null
    if (source && source.groupId !== access.group.id) throw new NotFound('This source does not exist.')
    const lastId = request.headers.get('last-event-id') ?? url.searchParams.get('since')
    const since = lastId && /^\d{1,10}$/.test(lastId) ? Number(lastId) : null
    const stillAllowed = async () =>
      (
        await sqlRows<{
          one: number
        }>`SELECT 1 AS one FROM "Membership" WHERE "groupId" = ${access.group.id} AND "userId" = ${user.id}`
      ).length > 0
    const stream = liveEventStream({
      groupId: access.group.id,
      userId: user.id,
      standing: access.standing,
      since,
      source,
      signal: request.signal,
      stillAllowed,
      onClose: release,
    })
    release = undefined
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'private, no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      },
    })
  } catch (error) {
    release?.()
    return errorResponse(error)
  }
}
