'use client'

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-20">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-stone-700">We could not show this page. Please try again in a moment.</p>
      <button
        type="button"
        onClick={reset}
        className="self-start rounded-md bg-indigo-700 px-3.5 py-2 text-sm font-medium text-white"
      >
        Try again
      </button>
    </div>
  )
}
