// Liveness and database readiness, for container health checks.
import { db } from '@/lib/db'

export const dynamic = 'force-dynamic'

export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`
    return Response.json({ ok: true })
  } catch {
    return Response.json({ ok: false, error: 'Database unavailable.' }, { status: 503 })
  }
}
