// next-auth's routes. A sign-in from an address this process already refuses for its failed
// guesses is answered here, as next-auth answers a refused sign-in, before next-auth reads the
// form, checks its token or asks the database: a flood of guesses then costs next to nothing.
import NextAuth from 'next-auth'
import { knownAddressRefusal } from '@/lib/auth/throttle'
import { authOptions } from '@/lib/auth/options'
import { clientAddress } from '@/lib/client-address'
import { refusedSignInUrl } from '@/lib/auth/refused-sign-in'

const handler = NextAuth(authOptions)

export async function POST(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  if (new URL(request.url).pathname.endsWith('/callback/credentials')) {
    const refusal = knownAddressRefusal(clientAddress(request.headers))
    if (refusal) return refusedSignIn(request, refusal.message, refusal.retryAfterSeconds!)
  }
  return handler(request, context)
}

export { handler as GET }

/** What next-auth sends for a sign-in its `authorize` refused: JSON { url } to its own client, else a redirect. */
async function refusedSignIn(request: Request, message: string, retryAfterSeconds: number): Promise<Response> {
  const url = refusedSignInUrl(message, new URL(request.url).host)
  const form = await request.formData().catch(() => null)
  const headers = { 'Retry-After': String(retryAfterSeconds), 'Cache-Control': 'private, no-store' }
  if (form?.get('json') === 'true') return Response.json({ url }, { headers })
  return new Response(null, { status: 302, headers: { ...headers, Location: url } })
}
