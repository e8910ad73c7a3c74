// A labelled input with its error, wired for screen readers (aria-invalid, aria-describedby).
import type { ComponentProps, ReactNode } from 'react'

const CONTROL = 'rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-500'

type LabelProps = { label: string; name: string; error?: string; hint?: string }

/** What ties a control to its label, hint and error; the caller's own props still override them. */
type ControlWiring = {
  id: string
  name: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

/** The label above a control, its hint and error below, for an input and a text area alike. */
function Labelled({
  id,
  label,
  name,
  error,
  hint,
  control,
}: LabelProps & { id: string; control: (wiring: ControlWiring) => ReactNode }) {
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      {control({ id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
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

export function Field({ label, name, error, hint, className = '', ...props }: ComponentProps<'input'> & LabelProps) {
  return (
    <Labelled
      id={props.id ?? `field-${name}`}
      {...{ label, name, error, hint }}
      control={(wiring) => <input {...wiring} className={`${CONTROL} ${className}`} {...props} />}
    />
  )
}

export function TextArea({
  label,
  name,
  error,
  hint,
  className = '',
  ...props
}: ComponentProps<'textarea'> & LabelProps) {
  return (
    <Labelled
      id={props.id ?? `field-${name}`}
      {...{ label, name, error, hint }}
      control={(wiring) => <textarea {...wiring} className={`${CONTROL} ${className}`} {...props} />}
    />
  )
}
