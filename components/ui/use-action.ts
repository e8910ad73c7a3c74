'use client'
// Runs a server action that returns a Result, tracking pending state and the failure to show.
import { useState, useTransition } from 'react'
import type { Failure, Result } from '@/lib/errors'

/** When the request itself fails (the connection dropped, or the server refused it unread). */
const NOT_SENT = 'Colloquy could not send this. Nothing was saved: check your connection and try again.'

export function useAction<T>(action: (input: unknown) => Promise<Result<T>>) {
  const [pending, startTransition] = useTransition()
  const [failure, setFailure] = useState<Failure | null>(null)
  const run = (input: unknown, onSuccess?: (data: T) => void) =>
    startTransition(async () => {
      const result = await action(input).catch((): Failure => ({ ok: false, status: 0, error: NOT_SENT, fieldErrors: {} }))
      if (result.ok) {
        setFailure(null)
        onSuccess?.(result.data)
      } else {
        setFailure(result)
      }
    })
  /** Shows a failure found before sending (a check the form can make itself), without a request. */
  const refuse = (error: string, field?: string) => setFailure({ ok: false, status: 400, error, fieldErrors: field ? { [field]: error } : {} })
  return { run, refuse, pending, failure, fieldError: (name: string) => failure?.fieldErrors[name] }
}

export const formValues = (form: HTMLFormElement) => Object.fromEntries(new FormData(form))
