import type { ReactNode } from 'react'

export default function AuthLayout({ children }: { children: ReactNode }) {
  return <div className="mx-auto flex max-w-sm flex-col gap-6 px-4 py-16">{children}</div>
}
