// A form that hands its fields to a server action instead of loading a page. The browser's own
// validation bubbles are off: the action's checks answer in the form's alerts, in sentences.
import type { ComponentProps } from 'react'

type ActionFormProps = Omit<ComponentProps<'form'>, 'onSubmit'> & { onSubmit: (form: HTMLFormElement) => void }

/** Stacks its fields (`flex flex-col gap-3`) unless given another className. */
export function ActionForm({ onSubmit, className = 'flex flex-col gap-3', ...props }: ActionFormProps) {
  return (
    <form
      noValidate
      className={className}
      onSubmit={(event) => {
        event.preventDefault()
        onSubmit(event.currentTarget)
      }}
      {...props}
    />
  )
}
