// A drop-down list with its label around it, for the small choices beside a list or a panel
// (filters, a tag, which map). The label is the select's accessible name.
import type { ComponentProps, ReactNode } from 'react'

export interface Choice<V extends string> {
  value: V
  label: string
}

type SelectProps<V extends string> = Omit<ComponentProps<'select'>, 'value' | 'onChange' | 'children'> & {
  label: ReactNode
  value: V
  choices: readonly Choice<V>[]
  onChoose: (value: V) => void
  /** The label above the list rather than before it. */
  stacked?: boolean
  /** The smaller padding of a dense panel. */
  compact?: boolean
}

export function Select<V extends string>({
  label,
  value,
  choices,
  onChoose,
  stacked = false,
  compact = false,
  className = '',
  ...props
}: SelectProps<V>) {
  return (
    <label className={stacked ? 'flex flex-col gap-1' : 'flex items-center gap-1'}>
      {label}
      <select
        value={value}
        // Only the choices given are offered, so the value read back is one of them.
        onChange={(event) => onChoose(event.target.value as V)}
        className={`rounded border border-stone-300 bg-white ${compact ? 'px-1 py-0.5' : 'px-2 py-1'} ${className}`}
        {...props}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  )
}
