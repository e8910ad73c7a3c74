'use client'
// The essay with its highlights drawn in. Overlapping highlights split into runs (segments.ts);
// each run is a <mark> that opens the innermost highlight, or lists all of them when stacked.
import { forwardRef, memo, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react'
import type { HighlightView } from '@/lib/annotations/views'
import { listItemsOf, type TextBlock } from '@/lib/sources/blocks'
import { TAGS } from '@/lib/tags'
import { segmentsOf } from './segments'

interface ReaderTextProps {
  blocks: TextBlock[]
  highlights: HighlightView[]
  activeId: string | null
  onOpen: (ids: string[]) => void
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void
  onFocus?: (event: FocusEvent<HTMLDivElement>) => void
  onBlur?: () => void
  gutter?: (block: TextBlock) => ReactNode
}

interface RunProps {
  start: number
  end: number
  /** The canonical text from `start` on (at least to `end`). */
  text: string
  highlights: HighlightView[]
  activeId: string | null
  onOpen: (ids: string[]) => void
}

/** The text of [start, end) with its highlights drawn in as marks. */
function HighlightedRun({ start, end, text: from, highlights, activeId, onOpen }: RunProps) {
  const byId = new Map(highlights.map((h) => [h.id, h]))
  return segmentsOf(start, end, highlights).map((segment) => {
    const text = from.slice(segment.start - start, segment.end - start)
    if (segment.ids.length === 0) return text
    const top = byId.get(segment.ids[0]!)!
    const tags = segment.ids.map((id) => TAGS[byId.get(id)!.tag].label)
    return (
      <mark
        key={segment.start}
        data-hl={segment.ids.join(' ')}
        title={
          segment.ids.length > 1
            ? `${segment.ids.length} highlights: ${tags.join(', ')}`
            : `${tags[0]} by ${top.author.name}`
        }
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

type Marks = Pick<RunProps, 'highlights' | 'activeId' | 'onOpen'>

/**
 * A list block as a list: each line an item of its own (its offsets on it), the bullet or number
 * drawn by the list rather than kept as text, so the marks of the text are not in the way.
 */
function ListBlock({ id, block, marks }: { id: string; block: TextBlock; marks: Marks }) {
  const { ordered, items } = listItemsOf(block)
  const Tag = ordered ? 'ol' : 'ul'
  return (
    <Tag
      id={id}
      dir="auto"
      className={`${ordered ? 'list-decimal' : 'list-disc'} space-y-1 ps-6 marker:text-stone-400`}
    >
      {items.map((item) => (
        <li key={item.start} data-start={item.start} data-end={item.end}>
          <HighlightedRun start={item.start} end={item.end} text={item.text} {...marks} />
        </li>
      ))}
    </Tag>
  )
}

const HEADING_CLASS = { 2: 'mt-8 mb-3 text-lg', 3: 'mt-6 mb-2 text-base', 4: 'mt-5 mb-2 text-base italic' } as const

/** The essay's title is the page's h1, so its headings start at h2; deeper levels as the original had them. */
function Heading({ block, children }: { block: TextBlock; children: ReactNode }) {
  const level = Math.min(Math.max((block.level ?? 1) + 1, 2), 4) as 2 | 3 | 4
  const Tag = `h${level}` as const
  return (
    <Tag
      dir="auto"
      data-start={block.start}
      data-end={block.end}
      className={`${HEADING_CLASS[level]} font-sans font-semibold text-stone-800`}
    >
      {children}
    </Tag>
  )
}

/** A paragraph, or a quoted one set off as the original had it; both carry their offsets in the text. */
function Prose({ block, id, children }: { block: TextBlock; id: string; children: ReactNode }) {
  const Tag = block.kind === 'quote' ? 'blockquote' : 'p'
  return (
    <Tag
      id={id}
      dir="auto"
      data-start={block.start}
      data-end={block.end}
      className={
        block.kind === 'quote'
          ? 'whitespace-pre-line border-s-4 border-stone-300 ps-4 italic text-stone-700'
          : 'whitespace-pre-line'
      }
    >
      {children}
    </Tag>
  )
}

export const ReaderText = memo(
  forwardRef<HTMLDivElement, ReaderTextProps>(function ReaderText(
    { blocks, highlights, activeId, onOpen, onKeyDown, onFocus, onBlur, gutter },
    ref,
  ) {
    return (
      <div
        ref={ref}
        tabIndex={0}
        role="document"
        aria-label="Essay text. Arrow keys move the cursor, Shift with arrows selects, then 1, 2 or 3 tags the selection."
        aria-describedby="reader-keys"
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={onBlur}
        className="relative rounded-md font-serif text-[1.075rem] leading-8 text-stone-900 focus-visible:outline-2 focus-visible:outline-offset-8 focus-visible:outline-indigo-300"
      >
        {blocks.map((block, i) => {
          const marks = { highlights, activeId, onOpen }
          const inner = <HighlightedRun start={block.start} end={block.end} text={block.text} {...marks} />
          // The page of the original is shown where a new one starts, for citing "p. 12, ¶ 7".
          const page = block.page !== null && block.page !== blocks[i - 1]?.page ? block.page : null
          if (block.kind === 'heading') {
            return (
              <div key={block.index} className="grid grid-cols-[3.5rem_1fr] gap-2">
                <span className="select-none pt-9 text-right font-sans text-xs text-stone-400">
                  {page !== null && `p. ${page}`}
                </span>
                <Heading block={block}>{inner}</Heading>
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
                {block.kind === 'list' ? (
                  <ListBlock id={`p${block.number}`} block={block} marks={marks} />
                ) : (
                  <Prose id={`p${block.number}`} block={block}>
                    {inner}
                  </Prose>
                )}
              </section>
            </div>
          )
        })}
      </div>
    )
  }),
)
