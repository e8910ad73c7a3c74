// The live event stream of a group (server-sent events). `?sourceId=` marks the reader as present.
import { requireUser } from '@/lib/auth/session'
import { NotFound, toFailure } from '@/lib/errors'
import { authorizeInGroup } from '@/lib/groups/access'
import { liveEventStream } from '@/lib/realtime/stream'
import { authorizeOnSource } from '@/lib/sources/access'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ groupId: string }> }) {
  try {
    const user = await requireUser()
    const { groupId } = await params
    const access = await authorizeInGroup(user, groupId, 'group:read')
    const url = new URL(request.url)
    const sourceId = url.searchParams.get('sourceId')
    const source = sourceId ? (await authorizeOnSource(user, sourceId, 'source:read')).source : null
    if (source && source.groupId !== access.group.id) throw new NotFound('This source does not exist.')
    const lastId = request.headers.get('last-event-id') ?? url.searchParams.get('since')
    const since = lastId && /^\d{1,10}$/.test(lastId) ? Number(lastId) : null
    const stream = liveEventStream({ groupId: access.group.id, userId: user.id, since, source, signal: request.signal })
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      },
    })
  } catch (error) {
    const failure = toFailure(error)
    return Response.json({ error: failure.error }, { status: failure.status })
  }
}
