// next-auth configuration: email + password (Credentials), sessions as signed JWT cookies.
import type { CookiesOptions, NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { toFailure } from '@/lib/errors'
import { authSecret } from '@/lib/env'
import { checkCredentials } from './credentials'
import { decodeSessionToken } from './session-token'

/** The client's address, from proxy headers only when a trusted proxy sets them (TRUST_PROXY=true). */
function clientIp(headers: Record<string, unknown> | undefined): string {
  if (process.env.TRUST_PROXY !== 'true') return 'direct'
  const forwarded = headers?.['x-forwarded-for']
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined
  const real = headers?.['x-real-ip']
  return first || (typeof real === 'string' ? real : '') || 'local'
}

/** Served over https (NEXTAUTH_URL, as set in production behind TLS): cookies then never travel over plain http. */
function servedOverHttps(): boolean {
  return process.env.NEXTAUTH_URL?.startsWith('https://') ?? false
}

/**
 * The session and CSRF cookies, spelled out rather than left to next-auth's defaults: never
 * readable by scripts, kept off cross-site requests (Lax still allows following a link in), and
 * over https Secure with the __Secure- / __Host- prefixes, which browsers enforce.
 */
function authCookies(secure: boolean): Partial<CookiesOptions> {
  const options = { httpOnly: true, sameSite: 'lax', path: '/', secure } as const
  const prefix = secure ? '__Secure-' : ''
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options },
    // __Host-: also bound to this exact host, never set by a sibling sub-domain.
    csrfToken: { name: `${secure ? '__Host-' : ''}next-auth.csrf-token`, options },
  }
}

export const authOptions: NextAuthOptions = {
  // Read on first request, not at import, so `next build` needs no secret.
  get secret() {
    return authSecret()
  },
  get useSecureCookies() {
    return servedOverHttps()
  },
  get cookies() {
    return authCookies(servedOverHttps())
  },
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  // next-auth's own routes read the cookie with the same algorithm allow-list as every request.
  jwt: { decode: decodeSessionToken },
  pages: { signIn: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        try {
          return await checkCredentials(credentials, clientIp(req.headers))
        } catch (error) {
          // next-auth hands this message back to the sign-in form.
          throw new Error(toFailure(error).error)
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id
      return token
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub
      return session
    },
  },
}
