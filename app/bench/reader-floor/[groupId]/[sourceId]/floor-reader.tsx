'use client'
// The essay with its highlights as marks, and one button per highlight: plain React, no app.
import { useState } from 'react'
import { segmentsOf } from '@/components/reader/segments'
import { TAGS, type TagName } from '@/lib/tags'

interface FloorHighlight {
  id: string
  start: number
  end: number
  tag: TagName
  author: string
  exact: string
}

interface FloorRun {
  start: number
  end: number
  text: string
}

export function FloorReader({ runs, highlights }: { runs: FloorRun[]; highlights: FloorHighlight[] }) {
  const [open, setOpen] = useState<string | null>(null)
  const tagOf = new Map(highlights.map((h) => [h.id, h.tag]))
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <div role="document" aria-label="Essay text" className="font-serif text-[1.075rem] leading-8">
        {runs.map((block) => (
          <p key={block.start} data-start={block.start} className="mb-5">
            {segmentsOf(block.start, block.end, highlights).map((segment) => {
              const text = block.text.slice(segment.start - block.start, segment.end - block.start)
              if (segment.ids.length === 0) return text
              return (
                <mark
                  key={segment.start}
                  data-hl={segment.ids.join(' ')}
                  className={`hl ${TAGS[tagOf.get(segment.ids[0]!)!].markClass}`}
                  onClick={() => setOpen(segment.ids[0]!)}
                >
                  {text}
                </mark>
              )
            })}
          </p>
        ))}
      </div>
      <ol aria-label="Highlights in reading order" className="flex flex-col gap-1.5">
        {highlights.map((h) => (
          <li key={h.id}>
            <button type="button" aria-current={h.id === open ? 'true' : undefined} onClick={() => setOpen(h.id)}>
              {TAGS[h.tag].label} · {h.author} “{h.exact}”
            </button>
          </li>
        ))}
      </ol>
    </div>
  )
}
