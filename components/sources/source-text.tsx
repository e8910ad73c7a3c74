// The essay as readable blocks: headings, numbered paragraphs and lists. Each block carries its
// character offsets in the canonical text, which is what highlights anchor to.
import type { TextBlock } from '@/lib/sources/blocks'

export function SourceText({ blocks }: { blocks: TextBlock[] }) {
  return (
    <div className="font-serif text-[1.075rem] leading-8 text-stone-900">
      {blocks.map((block) => {
        const offsets = { 'data-start': block.start, 'data-end': block.end }
        if (block.kind === 'heading') {
          return (
            <h2 key={block.index} {...offsets} className="mt-8 mb-3 font-sans text-lg font-semibold text-stone-800">
              {block.text}
            </h2>
          )
        }
        return (
          <div key={block.index} className="group relative mb-5 grid grid-cols-[2.5rem_1fr] gap-2">
            <span aria-hidden className="select-none pt-0.5 text-right font-sans text-xs text-stone-400">
              {block.number}
            </span>
            <section aria-label={`Paragraph ${block.number}`}>
              <p {...offsets} id={`p${block.number}`} className="whitespace-pre-line">
                {block.text}
              </p>
            </section>
          </div>
        )
      })}
    </div>
  )
}
