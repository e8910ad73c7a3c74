'use client'
// Imports a seminar archive (downloaded from a group page, here or on another Colloquy) as a new group.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'

const MAX_BYTES = 50 * 1024 * 1024

export function ImportArchiveForm() {
  const router = useRouter()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string>()
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={async (event) => {
        event.preventDefault()
        const file = new FormData(event.currentTarget).get('archive')
        if (!(file instanceof File) || file.size === 0) return setError('Choose a seminar archive to import.')
        if (file.size > MAX_BYTES) return setError('This archive is too large: at most 50 MB can be imported.')
        setPending(true)
        setError(undefined)
        try {
          const response = await fetch('/api/archives', {
            method: 'POST',
            headers: { 'Content-Type': 'application/gzip' },
            body: file,
          })
          const result = (await response.json().catch(() => ({}))) as { id?: string; error?: string }
          if (response.ok && result.id) return router.push(`/groups/${result.id}`)
          setError(result.error ?? 'The import failed. Please try again.')
        } catch {
          setError('Colloquy could not be reached. Check your connection and try again.')
        } finally {
          setPending(false)
        }
      }}
    >
      <p className="text-sm text-stone-600">
        A seminar archive holds a whole group: sources, highlights, replies, maps with their history, feedback and the
        rubric. It becomes a new group with you as its instructor; the students in it appear by name.
      </p>
      <label className="text-sm font-medium text-stone-800">
        Archive file
        <input
          name="archive"
          type="file"
          accept=".gz,.json,application/gzip,application/json"
          className="mt-1 block w-full text-sm"
        />
      </label>
      {error && <Alert>{error}</Alert>}
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Importing…' : 'Import seminar'}
      </Button>
    </form>
  )
}
