'use client'
// A map kept in step with the server: local operations show at once (optimistically), are sent
// one at a time, and are folded into the confirmed state as they come back through the log,
// in sequence order, together with everyone else's.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react'
import { applyOperationAction, operationsSinceAction } from '@/lib/maps/actions'
import { applyOperation, type MapState } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'
import { useEventStream } from '@/components/live/use-event-stream'
import { revertOps, touchedBy, type HistoryEntry } from './undo'

interface Pending {
  opId: string
  op: Operation
  sent: boolean
}

const newOpId = () => Math.random().toString(36).slice(2) + Date.now().toString(36)

export interface Peer {
  name: string
  selected: string[]
  at: number
}

const PEER_TTL_MS = 40_000

export function useMapSync(
  groupId: string,
  mapId: string,
  selfId: string,
  initial: { state: MapState; seq: number },
  onError: (message: string) => void,
) {
  const [confirmed, setConfirmed] = useState(initial)
  const [pending, setPending] = useState<Pending[]>([])
  const confirmedRef = useRef(initial)
  const pendingRef = useRef<Pending[]>([])
  const syncing = useRef<Promise<void> | null>(null)
  const again = useRef(false)
  const sending = useRef(false)
  const undoStack = useRef<HistoryEntry[]>([])
  const redoStack = useRef<HistoryEntry[]>([])
  const [stacks, setStacks] = useState({ undo: 0, redo: 0 })
  const bump = () => setStacks({ undo: undoStack.current.length, redo: redoStack.current.length })

  const view = useMemo(
    () => pending.reduce((state, p) => applyOperation(state, p.op), confirmed.state),
    [confirmed, pending],
  )
  const viewRef = useRef(view)
  useLayoutEffect(() => {
    viewRef.current = view
  }, [view])

  const setPendingBoth = (next: Pending[]) => {
    pendingRef.current = next
    setPending(next)
  }

  const sync = useCallback(async (): Promise<void> => {
    if (syncing.current) {
      again.current = true
      return syncing.current
    }
    syncing.current = (async () => {
      do {
        again.current = false
        const result = await operationsSinceAction({ mapId, seq: confirmedRef.current.seq })
        if (!result.ok) return onError(result.error)
        if (result.data.length === 0) continue
        let next = confirmedRef.current
        const seen = new Set<string>()
        for (const entry of result.data) {
          if (entry.seq !== next.seq + 1) break
          next = { state: applyOperation(next.state, entry.op), seq: entry.seq }
          if (entry.opId) seen.add(entry.opId)
        }
        confirmedRef.current = next
        setConfirmed(next)
        if (seen.size) setPendingBoth(pendingRef.current.filter((p) => !seen.has(p.opId)))
      } while (again.current)
    })().finally(() => (syncing.current = null))
    return syncing.current
  }, [mapId, onError])

  const flush = useCallback(async () => {
    if (sending.current) return
    sending.current = true
    try {
      for (let next = pendingRef.current.find((p) => !p.sent); next; next = pendingRef.current.find((p) => !p.sent)) {
        next.sent = true
        const result = await applyOperationAction({ mapId, op: next.op, opId: next.opId })
        if (!result.ok) {
          onError(result.error)
          const failed = next.opId
          setPendingBoth(pendingRef.current.filter((p) => p.opId !== failed))
        }
        await sync()
      }
    } finally {
      sending.current = false
    }
  }, [mapId, onError, sync])

  const enqueue = useCallback(
    (ops: Operation[]) => {
      if (ops.length === 0) return
      setPendingBoth([...pendingRef.current, ...ops.map((op) => ({ opId: newOpId(), op, sent: false }))])
      void flush()
    },
    [flush],
  )

  /** Applies the person's own edit, remembering how to undo it. */
  const apply = useCallback(
    (ops: Operation[]) => {
      const before = viewRef.current
      const after = ops.reduce(applyOperation, before)
      viewRef.current = after
      undoStack.current.push({ before, after, touched: touchedBy(ops, before) })
      if (undoStack.current.length > 200) undoStack.current.shift()
      redoStack.current = []
      enqueue(ops)
      bump()
    },
    [enqueue],
  )

  /** Undo and redo alike: take the last entry of one stack to the other, and bring back its `side`. */
  const travel = useCallback(
    (from: RefObject<HistoryEntry[]>, to: RefObject<HistoryEntry[]>, side: 'before' | 'after') => {
      const entry = from.current.pop()
      if (!entry) return
      to.current.push(entry)
      enqueue(revertOps(viewRef.current, entry[side], entry.touched))
      bump()
    },
    [enqueue],
  )
  const undo = useCallback(() => travel(undoStack, redoStack, 'before'), [travel])
  const redo = useCallback(() => travel(redoStack, undoStack, 'after'), [travel])

  const [peers, setPeers] = useState<Record<string, Peer>>({})
  useEventStream(`/api/groups/${groupId}/events`, {
    ready: () => void sync(),
    event: (event) => {
      if (event.type === 'map.changed' && event.mapId === mapId && event.seq > confirmedRef.current.seq) void sync()
      if (event.type === 'map.presence' && event.mapId === mapId && event.userId !== selfId) {
        setPeers((all) => ({ ...all, [event.userId]: { name: event.name, selected: event.selected, at: Date.now() } }))
      }
    },
  })
  useEffect(() => {
    // Peers who stopped announcing have left.
    const sweep = setInterval(
      () =>
        setPeers((all) => Object.fromEntries(Object.entries(all).filter(([, p]) => Date.now() - p.at < PEER_TTL_MS))),
      5_000,
    )
    return () => clearInterval(sweep)
  }, [])

  return {
    view,
    peers,
    seq: confirmed.seq,
    saving: pending.length > 0,
    apply,
    undo,
    redo,
    canUndo: stacks.undo > 0,
    canRedo: stacks.redo > 0,
  }
}
