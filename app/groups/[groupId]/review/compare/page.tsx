import Link from 'next/link'
import { toFailure } from '@/lib/errors'
import type { CitedPassage } from '@/lib/maps/queries'
import { openPage, type PageProps } from '@/lib/page-errors'
import { paragraphCitation } from '@/lib/sources/blocks'
import { compareTwoMaps } from '@/lib/review/queries'
import { TAGS } from '@/lib/tags'
import { Breadcrumb } from '@/components/ui/breadcrumb'

export const metadata = { title: 'Compare maps · Colloquy' }

function PassageList({
  ids,
  passages,
  empty,
}: {
  ids: string[]
  passages: Record<string, CitedPassage>
  empty: string
}) {
  if (ids.length === 0) return <p className="text-sm text-stone-500">{empty}</p>
  return (
    <ul className="flex flex-col gap-1.5 text-sm">
      {ids.map((id) => {
        const p = passages[id]
        if (!p)
          return (
            <li key={id} className="text-stone-500">
              A passage you cannot see
            </li>
          )
        return (
          <li key={id} className="rounded border border-stone-200 bg-white p-2">
            <span aria-hidden style={{ color: TAGS[p.tag].stroke }}>
              {TAGS[p.tag].icon}{' '}
            </span>
            <span className="font-serif">
              “<bdi>{p.exact.slice(0, 200)}</bdi>”
            </span>
            <span className="block text-xs text-stone-500">
              <bdi>{p.sourceTitle}</bdi>
              {paragraphCitation(p) && ` ${paragraphCitation(p)}`}
            </span>
          </li>
        )
      })}
    </ul>
  )
}

export default async function ComparePage({ params, searchParams }: PageProps<{ groupId: string }>) {
  const { groupId } = await params
  const { a, b } = await searchParams
  const path = `/groups/${groupId}/review/compare?a=${a}&b=${b}`
  const [, result] = await openPage(path, async (user) => {
    try {
      return { ok: true as const, ...(await compareTwoMaps(user, { a, b })) }
    } catch (error) {
      const failure = toFailure(error)
      if (failure.status === 400) return { ok: false as const, message: failure.error }
      throw error
    }
  })
  if (!result.ok) {
    return (
      <div className="mx-auto max-w-3xl px-4 py-10">
        <p role="alert" className="text-red-700">
          {result.message}
        </p>
        <Link href={`/groups/${groupId}/review`} className="text-indigo-700 underline">
          Back to review
        </Link>
      </div>
    )
  }
  const { comparison: c, passages } = result
  const label = (id: string) => passages[id]?.exact.slice(0, 60) ?? 'a passage'
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10">
      <Breadcrumb trail={[{ href: `/groups/${groupId}/review`, label: 'Review' }]} />
      <h1 className="text-2xl font-semibold">
        “{result.a.title}” and “{result.b.title}”
      </h1>
      <section aria-labelledby="shared">
        <h2 id="shared" className="mb-2 text-lg font-semibold">
          Passages both cite ({c.shared.length})
        </h2>
        <PassageList ids={c.shared} passages={passages} empty="No passage is cited on both maps." />
      </section>
      <div className="grid gap-6 md:grid-cols-2">
        {[
          { id: 'only-a', title: result.a.title, ids: c.onlyA },
          { id: 'only-b', title: result.b.title, ids: c.onlyB },
        ].map((only) => (
          <section key={only.id} aria-labelledby={only.id}>
            <h2 id={only.id} className="mb-2 text-lg font-semibold">
              Only in “{only.title}” ({only.ids.length})
            </h2>
            <PassageList ids={only.ids} passages={passages} empty="None." />
          </section>
        ))}
      </div>
      <section aria-labelledby="relations">
        <h2 id="relations" className="mb-2 text-lg font-semibold">
          Relations between the same passages
        </h2>
        <ul className="flex flex-col gap-1 text-sm">
          {c.agree.map((r) => (
            <li key={`${r.from}-${r.to}`}>
              ✓ Both say “{label(r.from)}” <strong>{r.kind.toLowerCase()}</strong> “{label(r.to)}”
            </li>
          ))}
          {c.disagree.map((r) => (
            <li key={`${r.from}-${r.to}`}>
              ✗ “{label(r.from)}” <strong>{r.kindA.toLowerCase()}</strong> “{label(r.to)}” in the first map, but{' '}
              <strong>{r.kindB.toLowerCase()}</strong> it in the second
            </li>
          ))}
          {c.agree.length + c.disagree.length === 0 && (
            <li className="text-stone-500">The maps do not connect the same passages.</li>
          )}
        </ul>
      </section>
    </div>
  )
}
