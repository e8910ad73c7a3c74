// Instructor class view: beside each paragraph, how many students tagged it, per tag.
import type { HighlightView } from '@/lib/annotations/views'
import type { TextBlock } from '@/lib/sources/blocks'
import { TAG_NAMES, TAGS } from '@/lib/tags'

export function heatOf(block: TextBlock, highlights: HighlightView[]) {
  return TAG_NAMES.map((tag) => {
    const students = new Set(
      highlights
        .filter((h) => h.tag === tag && h.author.role === 'STUDENT' && h.start < block.end && h.end > block.start)
        .map((h) => h.author.id),
    )
    return { tag, count: students.size }
  })
}

export function HeatGutter({
  block,
  highlights,
  studentCount,
}: {
  block: TextBlock
  highlights: HighlightView[]
  studentCount: number
}) {
  const heat = heatOf(block, highlights)
  const label = heat.map(({ tag, count }) => `${count} ${TAGS[tag].label.toLowerCase()}`).join(', ')
  return (
    <span
      role="img"
      aria-label={`Students who tagged paragraph ${block.number}: ${label}`}
      title={label}
      className="flex h-6 w-5 items-end gap-px"
    >
      {heat.map(({ tag, count }) => (
        <span
          key={tag}
          className="w-1.5 rounded-sm"
          style={{
            height: `${Math.max(count ? 15 : 0, (count / Math.max(studentCount, 1)) * 100)}%`,
            background: TAGS[tag].stroke,
          }}
        />
      ))}
    </span>
  )
}
