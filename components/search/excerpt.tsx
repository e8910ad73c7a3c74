// A search excerpt with its matching words marked.
import type { Segment } from '@/lib/search/snippet'

export function Excerpt({ segments, className = '' }: { segments: Segment[]; className?: string }) {
  return (
    <span dir="auto" className={className}>
      {segments.map((segment, i) =>
        segment.mark ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit">
            {segment.text}
          </mark>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </span>
  )
}
