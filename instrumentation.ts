// Runs once when a server process starts (Next's instrumentation hook): background schedules.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { startRetention } = await import('@/lib/retention/retention')
  startRetention()
}
