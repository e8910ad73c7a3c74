'use client'
// The keyboard shortcut sheet: `?` anywhere outside a text field (or the header's "Keys" button)
// opens it, Esc closes it. One list for the whole app, so what each page teaches stays in step.
import { useEffect, useRef } from 'react'
import { TAG_NAMES, TAGS } from '@/lib/tags'

type Shortcut = [keys: string[], what: string]

const SECTIONS: { title: string; keys: Shortcut[] }[] = [
  {
    title: 'Everywhere',
    keys: [
      [['?'], 'Show this list of keys'],
      [['Esc'], 'Close it, or cancel what you started'],
      [['Tab'], 'Move to the next control'],
    ],
  },
  {
    title: 'Reading an essay (click the text first)',
    keys: [
      [['←', '→'], 'Move the cursor a character (with Ctrl: a word)'],
      [['↑', '↓'], 'Move to the previous or next paragraph'],
      [['Shift', '+ arrows'], 'Select a passage'],
      ...TAG_NAMES.map((tag): Shortcut => [[TAGS[tag].key], `Tag the selection as ${TAGS[tag].label.toLowerCase()}`]),
      [['Enter'], 'Open the highlight under the cursor'],
      [['Home', 'End'], 'Start or end of the paragraph'],
      [['Ctrl', '+ Home'], 'Back to the first paragraph'],
    ],
  },
  {
    title: 'Argument maps (click the map first)',
    keys: [
      [['[', ']'], 'Step through the nodes'],
      [['N'], 'Add a note'],
      [['S', 'A'], 'Connect the selected node: supports or attacks'],
      [['R', 'T'], 'Reverse the selected relation, or switch its kind'],
      [['Enter'], 'Edit the selected node (F2 too)'],
      [['L'], 'Lay the map out'],
      [['Ctrl', '+ Z'], 'Undo (with Shift: redo)'],
    ],
  },
]

/** Typing a question mark in a field is text, not a request for help. */
function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select') !== null)
  )
}

export function ShortcutSheet() {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return
      event.preventDefault()
      if (!dialog.current?.open) dialog.current?.showModal()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        aria-keyshortcuts="?"
        className="rounded-md px-2 py-1 text-stone-500 ring-1 ring-stone-200 hover:text-stone-900"
        title="Keyboard shortcuts"
      >
        Keys <kbd className="font-sans">?</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="shortcut-sheet-title"
        className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-lg bg-white p-0 text-sm text-stone-800 shadow-xl backdrop:bg-stone-900/40"
        onClick={(event) => event.target === dialog.current && dialog.current.close()}
      >
        <div className="max-h-[80vh] overflow-y-auto p-5">
          <div className="mb-3 flex items-center justify-between gap-4">
            <h2 id="shortcut-sheet-title" className="text-base font-semibold">
              Keyboard shortcuts
            </h2>
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded px-2 py-1 text-stone-600 ring-1 ring-stone-300 hover:bg-stone-50"
            >
              Close <span className="sr-only">(Esc)</span>
            </button>
          </div>
          {SECTIONS.map((section) => (
            <section key={section.title} aria-label={section.title} className="mt-4">
              <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-stone-500 uppercase">{section.title}</h3>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
                {section.keys.map(([keys, what]) => (
                  <div key={what} className="contents">
                    <dt className="flex flex-wrap items-center gap-1 whitespace-nowrap">
                      {keys.map((key) =>
                        key.startsWith('+ ') ? (
                          <span key={key} className="flex items-center gap-1">
                            +{' '}
                            <kbd className="rounded border border-stone-300 bg-stone-50 px-1.5 font-sans text-xs">
                              {key.slice(2)}
                            </kbd>
                          </span>
                        ) : (
                          <kbd
                            key={key}
                            className="rounded border border-stone-300 bg-stone-50 px-1.5 font-sans text-xs"
                          >
                            {key}
                          </kbd>
                        ),
                      )}
                    </dt>
                    <dd>{what}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </dialog>
    </>
  )
}
