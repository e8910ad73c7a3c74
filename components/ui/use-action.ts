'use client'
// Runs a server action that returns a Result, tracking pending state and the failure to show.
// Generic over the action's input, so a caller's argument is checked against the action's schema.
import { useState, useTransition } from 'react'
import type { Failure, Result } from '@/lib/errors'

/** When the request itself fails (the connection dropped, or the server refused it unread). */
const NOT_SENT = 'Colloquy could not send this. Nothing was saved: check your connection and try again.'

export function useAction<I, T>(action: (input: I) => Promise<Result<T>>) {
  const [pending, startTransition] = useTransition()
  const [failure, setFailure] = useState<Failure | null>(null)
  const run = (input: I, onSuccess?: (data: T) => void) =>
    startTransition(async () => {
      const result = await action(input).catch((): Failure => ({
        ok: false,
        status: 0,
        error: NOT_SENT,
        fieldErrors: {},
      }))
      if (result.ok) {
        setFailure(null)
        onSuccess?.(result.data)
      } else {
        setFailure(result)
      }
    })
  /** Shows a failure found before sending (a check the form can make itself), without a request. */
  const refuse = (error: string, field?: string) =>
    setFailure({ ok: false, status: 400, error, fieldErrors: field ? { [field]: error } : {} })
  return { run, refuse, pending, failure, fieldError: (name: string) => failure?.fieldErrors[name] }
}

/** The named text fields of a form, as an action's input takes them; the server still checks each. */
export function formFields<K extends string>(form: HTMLFormElement, names: readonly K[]): Record<K, string> {
  const data = new FormData(form)
  const fields = {} as Record<K, string>
  for (const name of names) fields[name] = String(data.get(name) ?? '')
  return fields
}
