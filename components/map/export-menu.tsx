'use client'
// The one "Export" menu of a map: the PDF handout (paper and orientation chosen here), SVG and PNG
// pictures, AIF and Argdown for other tools, and a Colloquy backup to import again.
import { useEffect, useId, useRef, useState } from 'react'

type Paper = 'a4' | 'letter' | 'a3'
type Orientation = 'auto' | 'portrait' | 'landscape'

const OTHER_FORMATS = [
  {
    href: (base: string) => `${base}/export?format=svg`,
    label: 'SVG picture',
    hint: 'Vector picture, for slides and web pages',
  },
  { href: (base: string) => `${base}/export?format=png`, label: 'PNG picture', hint: 'Image, for documents and chat' },
  {
    href: (base: string) => `${base}/formats?format=aif`,
    label: 'AIF (JSON)',
    hint: 'Argument Interchange Format, for AIFdb and OVA',
  },
  { href: (base: string) => `${base}/formats?format=argdown`, label: 'Argdown', hint: 'Plain text for argdown.org' },
  {
    href: (base: string) => `${base}/formats?format=backup`,
    label: 'Backup',
    hint: 'Colloquy backup, to import again',
  },
] as const

export function ExportMenu({ mapId }: { mapId: string }) {
  const [open, setOpen] = useState(false)
  const [paper, setPaper] = useState<Paper>('a4')
  const [orientation, setOrientation] = useState<Orientation>('auto')
  const panelId = useId()
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const base = `/api/maps/${encodeURIComponent(mapId)}`
  useEffect(() => {
    if (!open) return
    const away = (event: PointerEvent) => !root.current?.contains(event.target as Node) && setOpen(false)
    document.addEventListener('pointerdown', away)
    return () => document.removeEventListener('pointerdown', away)
  }, [open])
  const item = 'block rounded px-2 py-1 text-sm text-stone-800 hover:bg-stone-100 focus-visible:bg-stone-100'
  const select = 'rounded border border-stone-300 bg-white px-1 py-0.5 text-xs'
  return (
    <div
      ref={root}
      className="relative ml-auto"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return
        setOpen(false)
        button.current?.focus()
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        className="rounded-md bg-white px-3 py-1 text-sm font-medium ring-1 ring-stone-300 hover:bg-stone-50"
      >
        Export ▾
      </button>
      {open && (
        <div
          id={panelId}
          role="group"
          aria-label="Export this map"
          className="absolute right-0 z-20 mt-1 flex w-72 flex-col gap-1 rounded-lg bg-white p-2 shadow-lg ring-1 ring-stone-200"
        >
          <div className="flex flex-col gap-1 rounded-md bg-stone-50 p-2">
            <a
              className={`${item} font-medium`}
              href={`${base}/export?${new URLSearchParams({ format: 'pdf', paper, orientation })}`}
              download
              onClick={() => setOpen(false)}
            >
              PDF handout
              <span className="block text-xs font-normal text-stone-500">
                The map, then every quote with its source and feedback
              </span>
            </a>
            <div className="flex flex-wrap items-center gap-2 px-2 text-xs text-stone-600">
              <label className="flex items-center gap-1">
                Paper
                <select className={select} value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
                  <option value="a4">A4</option>
                  <option value="letter">Letter</option>
                  <option value="a3">A3</option>
                </select>
              </label>
              <label className="flex items-center gap-1">
                Orientation
                <select
                  className={select}
                  value={orientation}
                  onChange={(e) => setOrientation(e.target.value as Orientation)}
                >
                  <option value="auto">Best fit</option>
                  <option value="portrait">Portrait</option>
                  <option value="landscape">Landscape</option>
                </select>
              </label>
            </div>
          </div>
          {OTHER_FORMATS.map((format) => (
            <a
              key={format.label}
              className={item}
              href={format.href(base)}
              download
              title={format.hint}
              onClick={() => setOpen(false)}
            >
              {format.label}
              <span className="block text-xs text-stone-500">{format.hint}</span>
            </a>
          ))}
        </div>
      )}
    </div>
  )
}
