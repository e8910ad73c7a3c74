'use client'
// Download links for a map: PDF handout (paper and orientation chosen here), SVG and PNG pictures.
import { useState } from 'react'

type Paper = 'a4' | 'letter'
type Orientation = 'auto' | 'portrait' | 'landscape'

export function ExportMenu({ mapId }: { mapId: string }) {
  const [paper, setPaper] = useState<Paper>('a4')
  const [orientation, setOrientation] = useState<Orientation>('auto')
  const base = `/api/maps/${encodeURIComponent(mapId)}/export`
  const link = 'rounded-md bg-white px-2 py-0.5 text-xs font-medium ring-1 ring-stone-300 hover:bg-stone-50'
  const select = 'rounded border border-stone-300 bg-white px-1 py-0.5 text-xs'
  return (
    <div role="group" aria-label="Export this map" className="ml-auto flex flex-wrap items-center gap-2 text-xs text-stone-600">
      <span>Export</span>
      <a className={link} href={`${base}?${new URLSearchParams({ format: 'pdf', paper, orientation })}`} download>
        PDF
      </a>
      <label className="flex items-center gap-1">
        <span className="sr-only">PDF paper size</span>
        <select className={select} value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
          <option value="a4">A4</option>
          <option value="letter">Letter</option>
        </select>
      </label>
      <label className="flex items-center gap-1">
        <span className="sr-only">PDF orientation</span>
        <select className={select} value={orientation} onChange={(e) => setOrientation(e.target.value as Orientation)}>
          <option value="auto">Fit map</option>
          <option value="portrait">Portrait</option>
          <option value="landscape">Landscape</option>
        </select>
      </label>
      <a className={link} href={`${base}?format=svg`} download>
        SVG
      </a>
      <a className={link} href={`${base}?format=png`} download>
        PNG
      </a>
    </div>
  )
}
