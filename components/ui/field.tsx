// A labelled input with its error, wired for screen readers (aria-invalid, aria-describedby).
import type { ComponentProps } from 'react'

type FieldProps = ComponentProps<'input'> & { label: string; name: string; error?: string; hint?: string }

export function Field({ label, name, error, hint, className = '', ...props }: FieldProps) {
  const id = props.id ?? `field-${name}`
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-500 ${className}`}
        {...props}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-stone-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  )
}

export function TextArea({
  label,
  name,
  error,
  className = '',
  ...props
}: ComponentProps<'textarea'> & { label: string; name: string; error?: string }) {
  const id = props.id ?? `field-${name}`
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-500 ${className}`}
        {...props}
      />
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  )
}
