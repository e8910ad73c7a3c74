// Where a refused sign-in is sent: next-auth's error page, with the sentence to show. next-auth's
// client reads the error from this URL, so the sign-in form shows it in place. Shared by the
// sign-in route and the front door (lib/front-door/floods.ts), which runs outside Next.
import { publicUrl } from '@/lib/env'

export function refusedSignInUrl(message: string, host: string | undefined): string {
  const base = publicUrl() ?? `http://${host ?? 'localhost'}`
  return `${new URL('/api/auth', base).toString()}/error?error=${encodeURIComponent(message)}`
}
