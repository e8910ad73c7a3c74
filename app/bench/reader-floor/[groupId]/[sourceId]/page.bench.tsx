// Benchmarks only (a route in their own build, see next.config.js; never in the app users get):
// the least a React page does to show a source's highlights, the floor bench/reader-render.bench.ts
// sets beside the reader. The same sign-in, access check, stored text and highlights as the reader
// page, in the reader's two columns; then the essay's blocks (a list's items each) with the
// highlights drawn as marks, and a list of one plain button per highlight, hydrated with a click
// handler, and nothing else: no gutter, no filters, no detail panel, no live updates, no keyboard.
import { listSourceHighlights } from '@/lib/annotations/queries'
import { openPage } from '@/lib/page-errors'
import { listItemsOf } from '@/lib/sources/blocks'
import { getSourceForReader } from '@/lib/sources/queries'
import { FloorReader } from './floor-reader'

export default async function ReaderFloorPage({ params }: { params: Promise<{ groupId: string; sourceId: string }> }) {
  const { groupId, sourceId } = await params
  const [user, { source, blocks }] = await openPage(`/bench/reader-floor/${groupId}/${sourceId}`, (user) =>
    getSourceForReader(user, groupId, sourceId),
  )
  const { highlights } = await listSourceHighlights(user, source.id)
  return (
    <div className="mx-auto max-w-7xl px-4 py-8">
      <h1 className="mb-6 font-serif text-3xl font-semibold leading-tight">{source.title}</h1>
      <FloorReader
        runs={blocks.flatMap((block) =>
          // A list's items are runs of their own, as in the reader.
          block.kind === 'list' ? listItemsOf(block).items : [{ start: block.start, end: block.end, text: block.text }],
        )}
        highlights={highlights
          .filter((h) => h.anchorStatus !== 'ORPHANED')
          .map((h) => ({ id: h.id, start: h.start, end: h.end, tag: h.tag, author: h.author.name, exact: h.exact }))}
      />
    </div>
  )
}
