// next-auth configuration: email + password (Credentials), sessions as signed JWT cookies.
import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { toFailure } from '@/lib/errors'
import { authSecret } from '@/lib/env'
import { checkCredentials } from './credentials'

/** The client's address, from proxy headers only when a trusted proxy sets them (TRUST_PROXY=true). */
function clientIp(headers: Record<string, unknown> | undefined): string {
  if (process.env.TRUST_PROXY !== 'true') return 'direct'
  const forwarded = headers?.['x-forwarded-for']
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined
  const real = headers?.['x-real-ip']
  return first || (typeof real === 'string' ? real : '') || 'local'
}

export const authOptions: NextAuthOptions = {
  // Read on first request, not at import, so `next build` needs no secret.
  get secret() {
    return authSecret()
  },
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
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
