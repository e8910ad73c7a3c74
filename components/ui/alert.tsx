// A message box; errors are announced to screen readers as they appear.
import type { ReactNode } from 'react'

const TONES = {
  error: 'border-red-200 bg-red-50 text-red-800',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  info: 'border-indigo-200 bg-indigo-50 text-indigo-900',
}

export function Alert({ tone = 'error', children }: { tone?: keyof typeof TONES; children: ReactNode }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-md border px-3 py-2 text-sm ${TONES[tone]}`}>
      {children}
    </div>
  )
}

/** A one-line error beside the control that failed (a row's buttons, a setting), announced as it appears. */
export function InlineAlert({ message, as: Tag = 'p' }: { message: string | null | undefined; as?: 'p' | 'span' }) {
  if (!message) return null
  return (
    <Tag role="alert" className="text-xs text-red-700">
      {message}
    </Tag>
  )
}
