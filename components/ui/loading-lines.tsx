// A placeholder while part of a page is still being read: grey lines in the shape of text, and
// a status that names what is coming for screen readers.
export function LoadingLines({ label, lines = 3 }: { label: string; lines?: number }) {
  return (
    <div role="status" className="flex flex-col gap-2 motion-safe:animate-pulse">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} aria-hidden="true" className="h-4 rounded bg-stone-200" style={{ width: `${90 - i * 20}%` }} />
      ))}
      <span className="sr-only">{label}…</span>
    </div>
  )
}
