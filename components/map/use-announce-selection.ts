'use client'
// Tells others on the map what this person has selected: on change (debounced) and as a heartbeat.
import { useEffect } from 'react'
import { announceMapPresenceAction } from '@/lib/maps/actions'

export function useAnnounceSelection(mapId: string, selected: string[]) {
  const key = selected.join(',')
  useEffect(() => {
    const announce = () => void announceMapPresenceAction({ mapId, selected: key ? key.split(',').slice(0, 50) : [] })
    const soon = setTimeout(announce, 150)
    const heartbeat = setInterval(announce, 15_000)
    return () => {
      clearTimeout(soon)
      clearInterval(heartbeat)
    }
  }, [mapId, key])
}
