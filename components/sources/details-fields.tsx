// A source's details (title, author, year, web address), the same four fields when a source is
// added and when it is corrected.
import type { ChangeEvent } from 'react'
import { Field } from '@/components/ui/field'

export type Details = { title: string; author: string; year: string; url: string }

const FIELDS = [
  { name: 'title', label: 'Title', required: true, maxLength: 300 },
  { name: 'author', label: 'Author (optional)', maxLength: 200 },
  { name: 'year', label: 'Year (optional)', inputMode: 'numeric' },
  { name: 'url', label: 'Web address (optional)', type: 'url' },
] as const

export const DETAILS = FIELDS.map((field) => field.name)

export function DetailsFields({
  values,
  onChange,
  fieldError,
  hints = {},
}: {
  values: Details
  /** Given, the fields show `values` as they change; without it, `values` are only where they start. */
  onChange?: (name: keyof Details, value: string) => void
  fieldError: (name: string) => string | undefined
  hints?: Partial<Details>
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {FIELDS.map((field) => (
        <Field
          key={field.name}
          {...field}
          {...(onChange
            ? {
                value: values[field.name],
                onChange: (e: ChangeEvent<HTMLInputElement>) => onChange(field.name, e.target.value),
              }
            : { defaultValue: values[field.name] })}
          error={fieldError(field.name)}
          hint={hints[field.name]}
        />
      ))}
    </div>
  )
}
