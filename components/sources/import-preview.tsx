'use client'
// The import preview: on the left the kept text exactly as the reader will number it (headings
// unnumbered, "¶ 7", the page of a PDF), on the right every block set aside with its reason. Any
// block can change sides: "Leave out" on a kept one, "Keep" on one set aside.
import { useMemo } from 'react'
import { blocksOf } from '@/lib/sources/blocks'
import { canonicalTextOf, layoutOf, withChoices, type ImportedBlock } from '@/lib/sources/import/draft'

interface ImportPreviewProps {
  blocks: ImportedBlock[]
  /** Positions the person moved to the other side. */
  toggled: ReadonlySet<number>
  onToggle: (position: number) => void
}

export function ImportPreview({ blocks, toggled, onToggle }: ImportPreviewProps) {
  const chosen = useMemo(() => {
    const restore = [...toggled].filter((position) => blocks[position]?.junkReason)
    const drop = [...toggled].filter((position) => blocks[position] && !blocks[position].junkReason)
    return withChoices(blocks, restore, drop)
  }, [blocks, toggled])
  // Numbered by the reader's own rule, on the text that will be stored.
  const numbered = useMemo(() => blocksOf(canonicalTextOf(chosen), layoutOf(chosen)), [chosen])
  const keptPositions = chosen.flatMap((block, position) => (block.junkReason ? [] : [position]))
  const setAside = chosen.flatMap((block, position) => (block.junkReason ? [{ block, position }] : []))
  const paragraphs = numbered.filter((block) => block.number !== null).length

  return (
    <section
      aria-labelledby="import-preview"
      className="flex flex-col gap-3 rounded-lg border border-stone-200 bg-stone-50 p-4"
    >
      <div>
        <h2 id="import-preview" className="font-semibold">
          Import preview
        </h2>
        <p className="text-sm text-stone-600" aria-live="polite">
          {paragraphs} {paragraphs === 1 ? 'paragraph' : 'paragraphs'} and {numbered.length - paragraphs}{' '}
          {numbered.length - paragraphs === 1 ? 'heading' : 'headings'} kept · {setAside.length}{' '}
          {setAside.length === 1 ? 'block' : 'blocks'} set aside
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <div className="flex flex-col gap-1">
          <h3 className="text-sm font-medium text-stone-800">What readers will see</h3>
          <ol
            aria-label="Kept text, as the reader numbers it"
            className="flex max-h-[32rem] flex-col gap-2 overflow-auto rounded border border-stone-200 bg-white p-3"
          >
            {numbered.map((block, i) => {
              const position = keptPositions[i]!
              const page = block.page !== null && block.page !== numbered[i - 1]?.page ? block.page : null
              return (
                <li key={position} className="group grid grid-cols-[3.25rem_1fr_auto] items-start gap-2 text-sm">
                  <span className="pt-0.5 text-right font-sans text-xs text-stone-400">
                    {block.number !== null && <span aria-label={`Paragraph ${block.number}`}>¶ {block.number}</span>}
                    {page !== null && <span className="block">p. {page}</span>}
                  </span>
                  <span
                    className={
                      block.kind === 'heading'
                        ? 'font-sans font-semibold text-stone-800'
                        : block.kind === 'quote'
                          ? 'whitespace-pre-line border-l-4 border-stone-300 pl-3 font-serif italic text-stone-700'
                          : 'whitespace-pre-line font-serif text-stone-900'
                    }
                  >
                    {block.text}
                  </span>
                  <button
                    type="button"
                    onClick={() => onToggle(position)}
                    className="rounded px-1.5 py-0.5 text-xs text-stone-500 hover:bg-stone-100 hover:text-stone-800 focus-visible:outline-2 focus-visible:outline-indigo-400"
                    aria-label={`Leave out “${block.text.slice(0, 60)}”`}
                  >
                    Leave out
                  </button>
                </li>
              )
            })}
          </ol>
        </div>
        <div className="flex flex-col gap-1">
          <h3 className="text-sm font-medium text-stone-800">Set aside ({setAside.length})</h3>
          {setAside.length === 0 ? (
            <p className="text-sm text-stone-500">Nothing was set aside.</p>
          ) : (
            <ul aria-label="Blocks set aside" className="flex max-h-[32rem] flex-col gap-2 overflow-auto">
              {setAside.map(({ block, position }) => (
                <li key={position} className="rounded border border-stone-200 bg-white p-2 text-sm">
                  <label className="flex items-start gap-2">
                    <input type="checkbox" className="mt-1" checked={false} onChange={() => onToggle(position)} />
                    <span>
                      <span className="block max-h-24 overflow-hidden whitespace-pre-line text-stone-700">
                        {block.text}
                      </span>
                      <span className="text-xs text-stone-500">{block.junkReason} · tick to keep</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  )
}
