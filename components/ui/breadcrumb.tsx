// The trail back up from a page: each step a link, separated by a slash screen readers skip.
import Link from 'next/link'
import { Fragment } from 'react'

export interface Crumb {
  href: string
  label: string
}

export function Breadcrumb({ trail, className = '' }: { trail: Crumb[]; className?: string }) {
  return (
    <nav aria-label="Breadcrumb" className={`flex flex-wrap items-center gap-2 text-sm ${className}`}>
      {trail.map((crumb, i) => (
        <Fragment key={crumb.href}>
          {i > 0 && (
            <span aria-hidden="true" className="text-stone-400">
              /
            </span>
          )}
          <Link href={crumb.href} className="text-indigo-700 hover:underline">
            {crumb.label}
          </Link>
        </Fragment>
      ))}
    </nav>
  )
}
