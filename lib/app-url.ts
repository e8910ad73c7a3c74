// The public origin of the app, for links people copy (invite links).
import { headers } from 'next/headers'

export async function appOrigin(): Promise<string> {
  if (process.env.NEXTAUTH_URL) return new URL(process.env.NEXTAUTH_URL).origin
  const h = await headers()
  const proto = h.get('x-forwarded-proto') ?? 'http'
  return `${proto}://${h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000'}`
}
