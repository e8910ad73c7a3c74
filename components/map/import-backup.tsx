'use client'
// "Import backup": reads a Colloquy map backup chosen by the person and opens it as a new map.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'

/** Matches MAX_BACKUP_BYTES on the server, checked here to answer before uploading. */
const MAX_BACKUP_BYTES = 2 * 1024 * 1024

async function postBackup(groupId: string, file: File): Promise<{ id: string }> {
  if (file.size > MAX_BACKUP_BYTES) throw new Error('This file is larger than 2 MB; a Colloquy backup is smaller.')
  const text = await file.text()
  try {
    JSON.parse(text)
  } catch {
    throw new Error('This file is not valid JSON. Choose a backup downloaded from Colloquy (.colloquy.json).')
  }
  const response = await fetch(`/api/groups/${groupId}/maps/import`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: text,
  })
  const body = (await response.json().catch(() => null)) as { id?: string; error?: string } | null
  if (!response.ok || !body?.id) throw new Error(body?.error ?? 'The backup could not be imported. Please try again.')
  return { id: body.id }
}

export function ImportBackup({ groupId }: { groupId: string }) {
  const router = useRouter()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0]
    input.value = ''
    if (!file) return
    setPending(true)
    setError(null)
    try {
      const map = await postBackup(groupId, file)
      router.push(`/groups/${groupId}/maps/${map.id}`)
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The backup could not be imported.')
      setPending(false)
    }
  }

  return (
    <div className="flex flex-col gap-2 text-sm">
      <label
        className={`w-fit cursor-pointer rounded-md bg-white px-2 py-0.5 text-xs font-medium ring-1 ring-stone-300 focus-within:ring-2 focus-within:ring-indigo-500 hover:bg-stone-50 ${pending ? 'pointer-events-none opacity-60' : ''}`}
        title="Open a Colloquy map backup (.colloquy.json) as a new personal map"
      >
        {pending ? 'Importing…' : 'Import backup'}
        <input
          type="file"
          accept=".json,application/json"
          className="sr-only"
          disabled={pending}
          onChange={(event) => void importFile(event.currentTarget)}
        />
      </label>
      {error && <Alert>{error}</Alert>}
    </div>
  )
}
