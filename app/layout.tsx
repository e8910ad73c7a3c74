import '@fontsource-variable/inter'
import '@fontsource-variable/source-serif-4'
import './globals.css'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { SignOutButton } from '@/components/auth/sign-out-button'
import { ShortcutSheet } from '@/components/help/shortcut-sheet'
import { InboxLink } from '@/components/notifications/inbox-link'
import { getCurrentUser } from '@/lib/auth/session'
import { unreadCount } from '@/lib/notifications/queries'

export const metadata = {
  title: 'Colloquy',
  description: 'Read source essays together, tag claims, evidence and bias, and build shared argument maps.',
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser()
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-stone-200 bg-white">
          <nav
            aria-label="Main"
            className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3"
          >
            <Link href={user ? '/dashboard' : '/'} className="text-lg font-semibold tracking-tight text-indigo-800">
              Colloquy
            </Link>
            {user ? (
              <div className="flex flex-wrap items-center justify-end gap-x-3 gap-y-1 text-sm">
                <ShortcutSheet />
                <Link href="/dashboard" className="text-stone-700 hover:text-stone-900">
                  My groups
                </Link>
                <InboxLink initialUnread={await unreadCount(user)} />
                <Link
                  href="/account/password"
                  className="text-stone-500 hover:text-stone-900"
                  title="Change your password"
                >
                  <span className="sr-only">Signed in as </span>
                  {user.name}
                </Link>
                <SignOutButton />
              </div>
            ) : (
              <div className="flex flex-wrap items-center justify-end gap-x-3 gap-y-1 text-sm">
                <ShortcutSheet />
                <Link href="/sign-in" className="text-stone-700 hover:text-stone-900">
                  Sign in
                </Link>
                <Link
                  href="/sign-up"
                  className="rounded-md bg-indigo-700 px-3 py-1.5 font-medium text-white hover:bg-indigo-800"
                >
                  Create account
                </Link>
              </div>
            )}
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  )
}
