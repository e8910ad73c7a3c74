// Runs before every page is rendered: gives the page a Content-Security-Policy with a nonce of
// its own (Next reads it from the request and puts it on every script of the page), and, when
// the app is served over https, Strict-Transport-Security.
import { NextResponse, type NextRequest } from 'next/server'
import { newNonce, pagePolicy, STRICT_TRANSPORT_SECURITY } from '@/lib/content-security-policy'

export function proxy(request: NextRequest) {
  const policy = pagePolicy(newNonce(), process.env.NODE_ENV === 'production')
  const headers = new Headers(request.headers)
  headers.set('Content-Security-Policy', policy)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('Content-Security-Policy', policy)
  if (servedOverHttps(request)) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY)
  return response
}

/** Over https: the public address says so (as it does for the Secure cookies), or this request came in that way. */
function servedOverHttps(request: NextRequest): boolean {
  return (process.env.NEXTAUTH_URL?.startsWith('https://') ?? false) || request.nextUrl.protocol === 'https:'
}

export const config = {
  matcher: [
    {
      // Pages only: API routes answer JSON and files, static files are the app's own; both get
      // the nonce-less policy of next.config.js. Server actions and prefetches render no HTML.
      source: '/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-action' },
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
