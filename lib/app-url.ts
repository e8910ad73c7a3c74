// The public origin of the app, for links people copy (invite links).
import { headers } from 'next/headers'
import { publicUrl } from '@/lib/env'

export async function appOrigin(): Promise<string> {
  const configured = publicUrl()
  if (configured) return configured.origin
  const h = await headers()
  const proto = h.get('x-forwarded-proto') ?? 'http'
  return `${proto}://${h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000'}`
}
