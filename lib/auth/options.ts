// next-auth configuration: email + password (Credentials), sessions as encrypted JWT cookies that
// name a session kept on the server (server-sessions.ts).
import type { CookiesOptions, NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { toFailure } from '@/lib/errors'
import { authSecret, publicUrl } from '@/lib/env'
import { clientAddress } from '@/lib/client-address'
import { checkCredentials } from './credentials'
import { endSession, renewSession, SESSION_MAX_AGE_SECONDS, startSession } from './server-sessions'
import { decodeSessionToken } from './session-token'

/** Served over https (NEXTAUTH_URL, as set in production behind TLS): cookies then never travel over plain http. */
function servedOverHttps(): boolean {
  return publicUrl()?.protocol === 'https:'
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
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  // next-auth's own routes read the cookie with the same algorithm allow-list as every request.
  jwt: { decode: decodeSessionToken },
  pages: { signIn: '/sign-in' },
  logger: {
    error(code, metadata) {
      // The cookie of an ended session is refused by design (callbacks.jwt): nothing to report.
      if (code === 'JWT_SESSION_ERROR') return
      console.error(`[next-auth] ${code}`, metadata)
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === 'string') await endSession(token.sid)
    },
  },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        try {
          return await checkCredentials(credentials, clientAddress(req.headers))
        } catch (error) {
          // next-auth hands this message back to the sign-in form.
          throw new Error(toFailure(error).error)
        }
      },
    }),
  ],
  callbacks: {
    // Runs at sign-in (with `user`) and whenever next-auth's own routes read the cookie: a session
    // ended on the server (signed out, password changed) is refused, and next-auth clears the cookie.
    async jwt({ token, user }) {
      if (user) return { ...token, sub: user.id, sid: await startSession(user.id) }
      if (!token.sub || typeof token.sid !== 'string' || !(await renewSession(token.sub, token.sid)))
        throw new Error('This session has ended.')
      return token
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub
      return session
    },
  },
}
