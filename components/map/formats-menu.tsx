'use client'
// Downloads of a map as AIF, Argdown or a Colloquy backup, and import of a backup as a new map.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'

/** Matches MAX_BACKUP_BYTES on the server, checked here to answer before uploading. */
const MAX_BACKUP_BYTES = 2 * 1024 * 1024

const DOWNLOADS = [
  { format: 'aif', label: 'AIF (JSON)', hint: 'Argument Interchange Format, for AIFdb and OVA' },
  { format: 'argdown', label: 'Argdown', hint: 'Plain text for argdown.org' },
  { format: 'backup', label: 'Backup', hint: 'Colloquy backup, to import again' },
] as const

const link = 'rounded px-2 py-0.5 text-xs text-indigo-700 hover:bg-stone-100 hover:underline'

async function postBackup(groupId: string, file: File): Promise<{ id: string }> {
  if (file.size > MAX_BACKUP_BYTES) throw new Error('This file is larger than 2 MB; a Colloquy backup is smaller.')
  const text = await file.text()
  try {
    JSON.parse(text)
  } catch {
    throw new Error('This file is not valid JSON. Choose a backup downloaded from Colloquy (.colloquy.json).')
  }
  const response = await fetch(`/api/groups/${groupId}/maps/import`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text })
  const body = (await response.json().catch(() => null)) as { id?: string; error?: string } | null
  if (!response.ok || !body?.id) throw new Error(body?.error ?? 'The backup could not be imported. Please try again.')
  return { id: body.id }
}

/** With `mapId`, offers that map's downloads; the import is always offered. */
export function FormatsMenu({ groupId, mapId }: { groupId: string; mapId?: string }) {
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
      <div className="flex flex-wrap items-center gap-1">
        {mapId && (
          <>
            <span className="text-xs text-stone-600">Download:</span>
            {DOWNLOADS.map((d) => (
              <a key={d.format} href={`/api/maps/${mapId}/formats?format=${d.format}`} download className={link} title={d.hint}>
                {d.label}
              </a>
            ))}
          </>
        )}
        <label className={`${link} cursor-pointer focus-within:ring-2 focus-within:ring-indigo-500 ${pending ? 'pointer-events-none opacity-60' : ''}`}>
          {pending ? 'Importing…' : 'Import backup'}
          <input
            type="file"
            accept=".json,application/json"
            className="sr-only"
            disabled={pending}
            onChange={(event) => void importFile(event.currentTarget)}
          />
        </label>
      </div>
      {error && <Alert>{error}</Alert>}
    </div>
  )
}
