'use client'
// Runs a server action that returns a Result, tracking pending state and the failure to show.
import { useState, useTransition } from 'react'
import type { Failure, Result } from '@/lib/errors'

export function useAction<T>(action: (input: unknown) => Promise<Result<T>>) {
  const [pending, startTransition] = useTransition()
  const [failure, setFailure] = useState<Failure | null>(null)
  const run = (input: unknown, onSuccess?: (data: T) => void) =>
    startTransition(async () => {
      const result = await action(input)
      if (result.ok) {
        setFailure(null)
        onSuccess?.(result.data)
      } else {
        setFailure(result)
      }
    })
  return { run, pending, failure, fieldError: (name: string) => failure?.fieldErrors[name] }
}

export const formValues = (form: HTMLFormElement) => Object.fromEntries(new FormData(form))
