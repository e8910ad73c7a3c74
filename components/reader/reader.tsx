'use client'
// The reader: the essay with everyone's highlights, live. Select with mouse or keyboard, tag
// with the toolbar or 1/2/3, and read or discuss any highlight in the side panel.
import dynamic from 'next/dynamic'
import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react'
import { Alert } from '@/components/ui/alert'
import { snapToWords } from '@/lib/annotations/selection'
import {
  createHighlightAction,
  confirmAnchorAction,
  listHighlightsAction,
  readHighlightChangesAction,
} from '@/lib/annotations/actions'
import { applyHighlightChanges, MAX_CHANGED_IDS } from '@/lib/annotations/highlight-changes'
import { unpackHighlights, type PackedHighlights } from '@/lib/annotations/packed-highlights'
import type { ReaderHighlights } from '@/lib/annotations/views'
import { listReadersAction } from '@/lib/realtime/actions'
import { blocksOf, type BlockLayout } from '@/lib/sources/blocks'
import { tagForKey, TAGS, type TagName } from '@/lib/tags'
import { offsetsOfRange, rangeOf } from './dom-offsets'
import { HeatGutter } from './heat-gutter'
import { ALL_FILTERS, applyFilters, HighlightList, type Filters } from './highlight-list'
import { moveFocus, showCursor, type Cursor } from './keyboard-selection'
import { PanelDrawer } from './panel-drawer'
import { ReaderText } from './reader-text'
import { SelectionToolbar } from './selection-toolbar'
import { useLiveSource } from './use-live-source'

// One opened highlight's panel (thread, note, edit controls) loads when a highlight is opened; a
// link to one (?highlight=) still has it drawn by the server.
const HighlightDetail = dynamic(() => import('./highlight-detail').then((m) => m.HighlightDetail), {
  loading: () => <p className="text-xs text-stone-500">Loading the highlight…</p>,
})

interface ReaderProps {
  groupId: string
  sourceId: string
  /** The canonical text; its blocks are derived here rather than sent alongside (half the page data). */
  text: string
  /** The kinds and pages of the text's blocks, as the importer read them from the original. */
  layout?: readonly BlockLayout[]
  /** The highlights as the page read them, packed (packed-highlights.ts). */
  initial: PackedHighlights
  /** The group's event number read before `initial`: the live stream starts from it. */
  liveSince: number
  viewer: { id: string; isInstructor: boolean }
  studentCount: number
  flashId?: string
  /** Show only this person's highlights at first (from the review page). */
  initialAuthor?: string
  /** The page shows the reader's assignment progress, which the reader's own tagging changes. */
  showsProgress?: boolean
}

type Selection = { start: number; end: number; top: number; left: number }
/** Where the keyboard cursor is drawn, relative to the essay's column (so it scrolls with the text). */
type Caret = { top: number; left: number; height: number }

function flash(id: string) {
  const mark = document.querySelector<HTMLElement>(`mark[data-hl~="${CSS.escape(id)}"]`)
  if (!mark) return
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches
  mark.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' })
  mark.classList.remove('flash')
  void mark.offsetWidth
  mark.classList.add('flash')
}

export function Reader({
  groupId,
  sourceId,
  text,
  layout,
  initial,
  liveSince,
  viewer,
  studentCount,
  flashId,
  initialAuthor,
  showsProgress = false,
}: ReaderProps) {
  const router = useRouter()
  const blocks = useMemo(() => blocksOf(text, layout), [text, layout])
  const articleRef = useRef<HTMLDivElement>(null)
  const columnRef = useRef<HTMLDivElement>(null)
  const cursor = useRef<Cursor | null>(null)
  const [data, setData] = useState<ReaderHighlights>(() => unpackHighlights(initial, text))
  const [filters, setFilters] = useState<Filters>(
    initialAuthor ? { ...ALL_FILTERS, authorId: initialAuthor } : ALL_FILTERS,
  )
  const [activeId, setActiveId] = useState<string | null>(flashId ?? null)
  const [stack, setStack] = useState<string[]>([])
  const [selection, setSelection] = useState<Selection | null>(null)
  const [caret, setCaret] = useState<Caret | null>(null)
  const [essayFocused, setEssayFocused] = useState(false)
  const [isPrivate, setPrivate] = useState(false)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [readers, setReaders] = useState<{ id: string; name: string }[]>([])
  const [reselecting, setReselecting] = useState<string | null>(null)
  const [classView, setClassView] = useState(false)
  const [sourceEdited, setSourceEdited] = useState(false)
  const [panelOpen, setPanelOpen] = useState(false)

  const lockedRef = useRef(data.lockedByReadFirst)
  useEffect(() => {
    lockedRef.current = data.lockedByReadFirst
  }, [data.lockedByReadFirst])
  const refreshAll = useCallback(async () => {
    const result = await listHighlightsAction({ sourceId })
    if (result.ok) setData(result.data)
    if (result.ok && result.data.sourceVersion !== initial.sourceVersion) setSourceEdited(true)
  }, [sourceId, initial.sourceVersion])
  /** Reads again the highlights named (a live event's, one just made), or all of them when none or too many are. */
  const refresh = useCallback(
    async (ids?: string[]) => {
      if (!ids?.length || ids.length > MAX_CHANGED_IDS) return refreshAll()
      const result = await readHighlightChangesAction({ sourceId, highlightIds: ids })
      if (!result.ok) return refreshAll()
      if (result.data.sourceVersion !== initial.sourceVersion) setSourceEdited(true)
      // "Read first" just let the viewer see every classmate's highlight (or stopped): read them all.
      if (result.data.lockedByReadFirst !== lockedRef.current) return refreshAll()
      setData((current) => applyHighlightChanges(current, result.data) ?? current)
    },
    [sourceId, initial.sourceVersion, refreshAll],
  )
  const refreshReaders = useCallback(async () => {
    const result = await listReadersAction({ sourceId })
    if (result.ok) setReaders(result.data)
  }, [sourceId])
  useLiveSource(groupId, sourceId, liveSince, {
    highlights: refresh,
    presence: refreshReaders,
    source: () => setSourceEdited(true),
  })

  const shown = useMemo(() => applyFilters(data.highlights, filters), [data.highlights, filters])
  // An orphan's offsets no longer point at its passage: it is listed, never drawn.
  const drawn = useMemo(() => shown.filter((h) => h.anchorStatus !== 'ORPHANED'), [shown])
  const active = data.highlights.find((h) => h.id === activeId) ?? null

  useEffect(() => {
    if (flashId) flash(flashId)
  }, [flashId])

  // Mouse selections: follow the page selection while it lies inside the essay.
  useEffect(() => {
    const onChange = () => {
      const root = articleRef.current
      const sel = window.getSelection()
      if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed) return setSelection(null)
      const range = sel.getRangeAt(0)
      if (!root.contains(range.commonAncestorContainer)) return setSelection(null)
      const offsets = offsetsOfRange(root, range)
      if (!offsets || offsets.end <= offsets.start) return setSelection(null)
      const rect = range.getBoundingClientRect()
      setSelection({ ...offsets, top: Math.max(rect.top - 8, 48), left: rect.left + rect.width / 2 })
    }
    document.addEventListener('selectionchange', onChange)
    return () => document.removeEventListener('selectionchange', onChange)
  }, [])

  const open = useCallback((id: string) => {
    setActiveId(id)
    setStack([])
    setPanelOpen(true)
    requestAnimationFrame(() => flash(id))
  }, [])

  /** Draws the caret at the cursor's focus; `rect` is where the page put it, when known. */
  const drawCaret = useCallback((rect?: DOMRect | null) => {
    const root = articleRef.current
    const column = columnRef.current
    const at = cursor.current?.focus
    if (!root || !column || at === undefined) return setCaret(null)
    const box = rect ?? rangeOf(root, at, at)?.getBoundingClientRect()
    if (!box) return setCaret(null)
    const origin = column.getBoundingClientRect()
    setCaret({ top: box.top - origin.top, left: box.left - origin.left, height: box.height || 20 })
  }, [])

  // The caret is placed against the column: when the column or the essay changes size (a notice
  // above the essay, a narrower window, a paragraph rewrapped to more or fewer lines), it is
  // drawn again.
  useEffect(() => {
    const column = columnRef.current
    const root = articleRef.current
    if (!column || !root || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => {
      if (cursor.current) drawCaret()
    })
    observer.observe(column)
    observer.observe(root)
    return () => observer.disconnect()
  }, [drawCaret])

  /**
   * Ends the selection but keeps the keyboard cursor where it ended, so the next passage is a few
   * keys away, not back at the first paragraph.
   */
  const collapseSelection = (at?: number) => {
    window.getSelection()?.removeAllRanges()
    setSelection(null)
    const focus = at ?? cursor.current?.focus
    cursor.current = focus === undefined ? null : { anchor: focus, focus }
    // After the new highlight is drawn: its <mark> changes where the offset sits on the page.
    requestAnimationFrame(() => drawCaret())
  }

  async function tagSelection(tag: TagName, fromKeyboard?: { start: number; end: number }) {
    const picked = fromKeyboard ?? selection
    if (!picked || pending) return
    setPending(true)
    setError(null)
    // A drag that cuts a word in half almost always means the whole word.
    const { start, end } = snapToWords(text, picked.start, picked.end)
    const result = reselecting
      ? await confirmAnchorAction({ highlightId: reselecting, start, end })
      : await createHighlightAction({
          sourceId,
          start,
          end,
          tag,
          visibility: isPrivate ? 'PRIVATE' : 'GROUP',
          sourceVersion: data.sourceVersion,
        })
    setPending(false)
    if (!result.ok) return setError(result.error)
    collapseSelection(end)
    const id = reselecting ?? (result.data as { id: string }).id
    setReselecting(null)
    setAnnouncement(reselecting ? 'Highlight placed on the new passage.' : `${TAGS[tag].label} highlight added.`)
    await refresh([id])
    if (showsProgress) router.refresh()
    open(id)
    requestAnimationFrame(() => drawCaret())
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const root = articleRef.current
    if (!root) return
    const tag = tagForKey(event.key)
    if (tag && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault()
      // The keyboard cursor is current; the page selection event may still be on its way.
      const c = cursor.current
      const keyed =
        c && c.anchor !== c.focus ? { start: Math.min(c.anchor, c.focus), end: Math.max(c.anchor, c.focus) } : undefined
      if (!data.canHighlight) setAnnouncement('This group is archived: no new highlights can be made.')
      else if (keyed || selection) void tagSelection(tag, keyed)
      else setAnnouncement('Select a passage first: Shift with the arrow keys.')
      return
    }
    if (event.key === 'Escape') return collapseSelection()
    if (event.key === 'Enter' && cursor.current) {
      const at = cursor.current.focus
      const here = data.highlights.filter((h) => h.start <= at && h.end > at)
      if (here.length) {
        event.preventDefault()
        open(here.sort((a, b) => a.end - a.start - (b.end - b.start))[0]!.id)
      }
      return
    }
    if (!cursor.current) {
      const first = blocks.find((b) => b.kind !== 'heading') ?? blocks[0]
      const start = selection?.end ?? first?.start ?? 0
      cursor.current = { anchor: start, focus: start }
    }
    const focus = moveFocus(event.key, event.ctrlKey || event.altKey, cursor.current.focus, text, blocks)
    if (focus === null) return
    event.preventDefault()
    cursor.current = { anchor: event.shiftKey ? cursor.current.anchor : focus, focus }
    drawCaret(showCursor(root, cursor.current))
  }

  /** A keyboard user arriving in the essay sees where the cursor is before pressing anything. */
  function onEssayFocus(event: FocusEvent<HTMLDivElement>) {
    setEssayFocused(true)
    if (!event.currentTarget.matches(':focus-visible')) return
    if (!cursor.current) {
      const first = blocks.find((b) => b.kind !== 'heading') ?? blocks[0]
      cursor.current = { anchor: first?.start ?? 0, focus: first?.start ?? 0 }
    }
    drawCaret()
  }

  const openFromText = useCallback(
    (ids: string[]) => (ids.length === 1 ? open(ids[0]!) : (setStack(ids), setActiveId(ids[0]!))),
    [open],
  )

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <div ref={columnRef} className="relative">
        {sourceEdited && <Alert tone="info">The text of this source was edited. Reload to read the new version.</Alert>}
        {data.lockedByReadFirst && (
          <Alert tone="info">
            Your classmates’ highlights appear once you have made your first highlight on this source.
          </Alert>
        )}
        {reselecting && <Alert tone="info">Select the passage’s new place, then press a tag key or button.</Alert>}
        <ReaderText
          ref={articleRef}
          blocks={blocks}
          highlights={drawn}
          activeId={activeId}
          onOpen={openFromText}
          onKeyDown={onKeyDown}
          onFocus={onEssayFocus}
          onBlur={() => setEssayFocused(false)}
          gutter={
            classView
              ? (block) => <HeatGutter block={block} highlights={data.highlights} studentCount={studentCount} />
              : undefined
          }
        />
        {caret && essayFocused && !selection && (
          <span
            aria-hidden
            data-testid="reader-caret"
            className="reader-caret pointer-events-none absolute z-20 w-[3px] -translate-x-px rounded-full bg-indigo-600"
            style={{ top: caret.top, left: caret.left, height: caret.height }}
          />
        )}
        {selection && data.canHighlight && (
          <SelectionToolbar
            rect={selection}
            length={selection.end - selection.start}
            pending={pending}
            isPrivate={isPrivate}
            onPrivateChange={setPrivate}
            onTag={(tag) => void tagSelection(tag)}
          />
        )}
      </div>
      <PanelDrawer
        open={panelOpen}
        onOpenChange={setPanelOpen}
        count={data.highlights.length}
        buttonHidden={selection !== null}
      >
        <div className="sr-only" role="status" aria-live="polite">
          {announcement}
        </div>
        {error && <Alert>{error}</Alert>}
        <section aria-label="Reading now" className="text-xs text-stone-600">
          <span className="font-medium">Reading now: </span>
          {readers.length
            ? readers.map((r) => (r.id === viewer.id ? `${r.name} (you)` : r.name)).join(', ')
            : 'just you'}
        </section>
        {viewer.isInstructor && (
          <label className="flex items-center gap-2 text-xs text-stone-700">
            <input type="checkbox" checked={classView} onChange={(event) => setClassView(event.target.checked)} />
            Class view: how many students tagged each paragraph
          </label>
        )}
        {active && (
          <section
            aria-label="Selected highlight"
            className="rounded-lg border border-indigo-200 bg-white p-3 shadow-sm"
          >
            {stack.length > 1 && (
              <nav aria-label="Highlights on this passage" className="mb-2 flex flex-wrap gap-1 text-xs">
                {stack.map((id, i) => {
                  const h = data.highlights.find((x) => x.id === id)
                  return h ? (
                    <button
                      key={id}
                      type="button"
                      aria-pressed={id === activeId}
                      onClick={() => setActiveId(id)}
                      className={`rounded px-1.5 py-0.5 ring-1 ${TAGS[h.tag].badgeClass}`}
                    >
                      {i + 1}. {TAGS[h.tag].label} · {h.author.name}
                    </button>
                  ) : null
                })}
              </nav>
            )}
            <HighlightDetail
              key={active.id}
              groupId={groupId}
              highlight={active}
              canReply={data.canReply}
              onChanged={() => void refresh([active.id])}
              onDeleted={() => (setActiveId(null), void refresh([active.id]), showsProgress && router.refresh())}
              reselecting={reselecting === active.id}
              onReselect={() => setReselecting(reselecting === active.id ? null : active.id)}
            />
          </section>
        )}
        <HighlightList
          all={data.highlights}
          shown={shown}
          filters={filters}
          onFilters={setFilters}
          activeId={activeId}
          onOpen={open}
          canHighlight={data.canHighlight}
        />
      </PanelDrawer>
    </div>
  )
}
