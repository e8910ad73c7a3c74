'use client'
// The map as the editor shows it right now (confirmed state plus pending edits), for panels
// rendered inside the editor that need its nodes and relations, such as feedback pins. Read from
// here, a node added a moment ago can be pinned at once, and the page need not send the map twice.
import { createContext, useContext } from 'react'
import type { MapState } from '@/lib/maps/reducer'

export const MapViewContext = createContext<MapState | null>(null)

export const useMapView = (): MapState | null => useContext(MapViewContext)
