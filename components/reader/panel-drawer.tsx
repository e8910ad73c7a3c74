'use client'
// The reader's side panel: beside the essay on wide screens; on a phone or a narrow tablet, a
// drawer from the bottom edge, opened by its button or by opening a highlight.
import type { ReactNode } from 'react'

interface PanelDrawerProps {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** How many highlights, for the button that opens it. */
  count: number
  /** The button steps aside while the tag toolbar holds the bottom edge. */
  buttonHidden: boolean
  children: ReactNode
}

export function PanelDrawer({ open, onOpenChange, count, buttonHidden, children }: PanelDrawerProps) {
  return (
    <>
      {!open && !buttonHidden && (
        <button
          type="button"
          onClick={() => onOpenChange(true)}
          className="fixed right-4 bottom-[max(1rem,env(safe-area-inset-bottom))] z-20 rounded-full bg-indigo-700 px-4 py-2 text-sm font-medium text-white shadow-lg lg:hidden"
        >
          Highlights ({count})
        </button>
      )}
      <aside
        aria-label="Highlights"
        className={`flex flex-col gap-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto ${
          open ? 'max-lg:flex' : 'max-lg:hidden'
        } max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-40 max-lg:max-h-[75vh] max-lg:overflow-y-auto max-lg:rounded-t-xl max-lg:border-t max-lg:border-stone-200 max-lg:bg-white max-lg:p-4 max-lg:shadow-2xl`}
      >
        <button
          type="button"
          onClick={() => onOpenChange(false)}
          className="self-end rounded px-2 py-1 text-sm ring-1 ring-stone-300 lg:hidden"
        >
          Close<span className="sr-only"> the highlights panel</span>
        </button>
        {children}
      </aside>
    </>
  )
}
