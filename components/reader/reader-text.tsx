'use client'
// The essay with its highlights drawn in. Overlapping highlights split into runs (segments.ts);
// each run is a <mark> that opens the innermost highlight, or lists all of them when stacked.
import { forwardRef, memo, type KeyboardEvent, type ReactNode } from 'react'
import type { HighlightView } from '@/lib/annotations/queries'
import type { TextBlock } from '@/lib/sources/blocks'
import { TAGS } from '@/lib/tags'
import { segmentsOf } from './segments'

interface ReaderTextProps {
  blocks: TextBlock[]
  highlights: HighlightView[]
  activeId: string | null
  onOpen: (ids: string[]) => void
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void
  gutter?: (block: TextBlock) => ReactNode
}

function BlockText({ block, highlights, activeId, onOpen }: { block: TextBlock; highlights: HighlightView[]; activeId: string | null; onOpen: (ids: string[]) => void }) {
  const byId = new Map(highlights.map((h) => [h.id, h]))
  return segmentsOf(block.start, block.end, highlights).map((segment) => {
    const text = block.text.slice(segment.start - block.start, segment.end - block.start)
    if (segment.ids.length === 0) return text
    const top = byId.get(segment.ids[0]!)!
    const tags = segment.ids.map((id) => TAGS[byId.get(id)!.tag].label)
    return (
      <mark
        key={segment.start}
        data-hl={segment.ids.join(' ')}
        title={segment.ids.length > 1 ? `${segment.ids.length} highlights: ${tags.join(', ')}` : `${tags[0]} by ${top.author.name}`}
        className={`hl ${TAGS[top.tag].markClass} ${segment.ids.length > 1 ? 'hl-stacked' : ''} ${segment.ids.includes(activeId ?? '') ? 'hl-active' : ''}`}
        onClick={(event) => {
          // A click that ends a drag-selection is a selection, not an open.
          if (!window.getSelection()?.isCollapsed) return
          event.stopPropagation()
          onOpen(segment.ids)
        }}
      >
        {text}
      </mark>
    )
  })
}

export const ReaderText = memo(
  forwardRef<HTMLDivElement, ReaderTextProps>(function ReaderText({ blocks, highlights, activeId, onOpen, onKeyDown, gutter }, ref) {
    return (
      <div
        ref={ref}
        tabIndex={0}
        role="document"
        aria-label="Essay text. Arrow keys move the cursor, Shift with arrows selects, then 1, 2 or 3 tags the selection."
        onKeyDown={onKeyDown}
        className="relative rounded-md font-serif text-[1.075rem] leading-8 text-stone-900 focus-visible:outline-2 focus-visible:outline-offset-8 focus-visible:outline-indigo-300"
      >
        {blocks.map((block, i) => {
          const inner = <BlockText block={block} highlights={highlights} activeId={activeId} onOpen={onOpen} />
          // The page of the original is shown where a new one starts, for citing "p. 12, ¶ 7".
          const page = block.page !== null && block.page !== blocks[i - 1]?.page ? block.page : null
          if (block.kind === 'heading') {
            return (
              <div key={block.index} className="grid grid-cols-[3.5rem_1fr] gap-2">
                <span className="select-none pt-9 text-right font-sans text-xs text-stone-400">{page !== null && `p. ${page}`}</span>
                <h2 dir="auto" data-start={block.start} data-end={block.end} className="mt-8 mb-3 font-sans text-lg font-semibold text-stone-800">
                  {inner}
                </h2>
              </div>
            )
          }
          return (
            <div key={block.index} className="mb-5 grid grid-cols-[3.5rem_1fr] gap-2">
              <div className="flex select-none flex-col items-end pt-1.5 font-sans text-xs text-stone-400">
                <span className="flex items-start justify-end gap-1">
                  {gutter?.(block)}
                  <span aria-hidden>{block.number}</span>
                </span>
                {page !== null && <span className="mt-0.5 whitespace-nowrap">p. {page}</span>}
              </div>
              <section aria-label={`Paragraph ${block.number}${block.page !== null ? `, page ${block.page}` : ''}`}>
                {/* dir="auto": an Arabic or Hebrew paragraph is laid out right to left, from its first strong character. */}
                <p
                  id={`p${block.number}`}
                  dir="auto"
                  data-start={block.start}
                  data-end={block.end}
                  className={block.kind === 'quote' ? 'whitespace-pre-line border-s-4 border-stone-300 ps-4 italic text-stone-700' : 'whitespace-pre-line'}
                >
                  {inner}
                </p>
              </section>
            </div>
          )
        })}
      </div>
    )
  }),
)
