// map-fanout: 50 live event streams (SSE, /api/groups/<id>/events; ten tabs each of five students)
// open on the app while 200 map operations are applied one at a time with lib/maps/operations
// (which stores the event, has it numbered after the commit and announced through pg_notify, as
// the app does); latency from just before each operation to each stream receiving its
// `map.changed`. Baselines in the same run, on the same database: one LISTEN connection fanned out
// in memory to 50 in-process subscribers (the app's design, without Next, HTTP or the transaction),
// and a single raw NOTIFY→LISTEN round trip.
import { EventEmitter } from 'node:events'
import { request, type ClientRequest } from 'node:http'
import pg from 'pg'
import { db } from '../lib/db'
import { newId } from '../lib/ids'
import { applyMapOperation } from '../lib/maps/operations'
import type { Operation } from '../lib/maps/schema'
import { MAX_STREAMS_PER_USER } from '../lib/realtime/stream-limits'
import { startDemoApp } from './lib/demo-app'
import { createGroupMap, logMismatch } from './lib/map-db'
import { loadAverageNote, step, withServerLog, type BenchResult, type Row } from './lib/report'
import { makeSeminarWriters } from './lib/seminar-writers'
import { percentile } from './lib/stats'

const CLIENTS = 50
/** Streams each reading student holds open, within the app's cap per person. */
const STREAMS_PER_READER = Math.min(10, MAX_STREAMS_PER_USER)
const OPERATIONS = 200
const WARMUP_OPERATIONS = 10
/** Operations (and notifies) are measured in this many alternating blocks, against drift on a shared machine. */
const BLOCKS = 4
const TARGET_P99_MS = 150
/** An operation whose event has not reached every client by then counts as lost. */
const DELIVERY_TIMEOUT_MS = 10_000
const CONNECT_TIMEOUT_MS = 60_000
const FANOUT_CHANNEL = 'bench_fanout'
const SINGLE_CHANNEL = 'bench_single'

/** Resolves when `count` arrivals of a key were seen, or with false after the timeout. Register before acting. */
class Arrivals {
  private readonly pending = new Map<number, { left: number; done: (complete: boolean) => void }>()

  expect(key: number, count: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(key)
        resolve(false)
      }, DELIVERY_TIMEOUT_MS)
      this.pending.set(key, {
        left: count,
        done: (complete) => {
          clearTimeout(timer)
          this.pending.delete(key)
          resolve(complete)
        },
      })
    })
  }

  arrived(key: number): void {
    const entry = this.pending.get(key)
    if (entry && --entry.left === 0) entry.done(true)
  }
}

interface SseClient {
  /** map seq → performance.now() when its `map.changed` arrived. */
  received: Map<number, number>
  problems: string[]
  ready: Promise<void>
  close: () => void
}

/** A plain HTTP client reading the group's event stream, as EventSource would. */
function openStream(url: string, cookie: string, mapId: string, arrivals: Arrivals): SseClient {
  const received = new Map<number, number>()
  const problems: string[] = []
  let req: ClientRequest | undefined
  let closing = false
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${url}: no "ready" event within ${CONNECT_TIMEOUT_MS / 1000} s`)),
      CONNECT_TIMEOUT_MS,
    )
    req = request(url, { headers: { cookie, accept: 'text/event-stream' }, agent: false }, (response) => {
      response.setEncoding('utf8')
      if (response.statusCode !== 200 || !String(response.headers['content-type']).startsWith('text/event-stream')) {
        let body = ''
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () =>
          reject(
            new Error(
              `${url} answered ${response.statusCode} ${response.headers['content-type']}: ${body.slice(0, 300)}`,
            ),
          ),
        )
        return
      }
      let buffer = ''
      let lastId: number | null = null
      response.on('data', (chunk: string) => {
        const now = performance.now()
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          let event = 'message'
          let data: string | undefined
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) {
              const id = Number(line.slice(4))
              // The stream fills any gap from the log: the group's event numbers arrive one by one.
              if (lastId !== null && id !== lastId + 1 && id !== lastId) problems.push(`event id ${id} after ${lastId}`)
              lastId = id
            } else if (line.startsWith('event: ')) event = line.slice(7)
            else if (line.startsWith('data: ')) data = line.slice(6)
          }
          if (event === 'ready') {
            clearTimeout(timer)
            resolve()
          } else if (event === 'message' && data !== undefined) {
            let payload: { type: string; mapId?: string; seq?: number }
            try {
              payload = JSON.parse(data) as typeof payload
            } catch {
              problems.push(`not JSON: ${data.slice(0, 100)}`)
              continue
            }
            if (payload.type !== 'map.changed' || payload.mapId !== mapId || payload.seq === undefined) continue
            if (received.has(payload.seq)) problems.push(`map seq ${payload.seq} received twice`)
            received.set(payload.seq, now)
            arrivals.arrived(payload.seq)
          }
        }
      })
      response.on('end', () => {
        if (!closing) problems.push('the stream ended')
      })
      response.on('error', (error) => {
        if (!closing) problems.push(`stream error: ${error.message}`)
      })
    })
    req.on('error', (error) => {
      clearTimeout(timer)
      if (!closing) problems.push(`request error: ${error.message}`)
      reject(error)
    })
    req.end()
  })
  return {
    received,
    problems,
    ready,
    close: () => {
      closing = true
      req?.destroy()
    },
  }
}

/** 30 nodes first, then moves, text edits and new relations among them, tracked so every one applies. */
function operations(count: number): Operation[] {
  const ids: string[] = []
  const versions = new Map<string, number>()
  const linked = new Set<string>()
  const ops: Operation[] = []
  for (let i = 0; ops.length < count; i++) {
    if (i < 30) {
      const id = newId()
      ids.push(id)
      versions.set(id, 1)
      ops.push({
        type: 'node.add',
        node: {
          id,
          kind: i % 3 === 0 ? 'CLAIM' : 'EVIDENCE',
          label: `Bench node ${i + 1}`,
          highlightId: null,
          x: (i % 6) * 300,
          y: Math.floor(i / 6) * 200,
        },
      })
      continue
    }
    const node = ids[(i * 7) % ids.length]!
    if (i % 3 === 0) {
      ops.push({ type: 'node.move', nodeId: node, x: (i * 37) % 1800, y: (i * 53) % 1200 })
    } else if (i % 3 === 1) {
      const version = versions.get(node)!
      versions.set(node, version + 1)
      ops.push({ type: 'node.edit', nodeId: node, label: `Bench node, revision ${version + 1}`, baseVersion: version })
    } else {
      for (let k = 1; k < ids.length; k++) {
        const from = ids[i % ids.length]!
        const to = ids[(i + k) % ids.length]!
        if (linked.has(`${from}:${to}`) || linked.has(`${to}:${from}`)) continue
        linked.add(`${from}:${to}`)
        ops.push({
          type: 'relation.add',
          relation: { id: newId(), fromId: from, toId: to, kind: i % 2 ? 'SUPPORTS' : 'ATTACKS', label: '' },
        })
        break
      }
    }
  }
  return ops
}

interface Samples {
  /** Start → arrival, every delivery. */
  latencies: number[]
  /** Start → the call returned (the transaction committed); app only. */
  applied: number[]
  /** The call returned → arrival, every delivery (negative when a stream was faster than the reply); app only. */
  afterCommit: number[]
  /** Last arrival − first arrival of one operation or notify. */
  spread: number[]
  lost: number
}

/** A source of the group (the students are made beside it). */
async function sourceOf(groupId: string): Promise<string> {
  const source = await db.source.findFirstOrThrow({ where: { groupId }, select: { id: true } })
  return source.id
}

const emptySamples = (): Samples => ({ latencies: [], applied: [], afterCommit: [], spread: [], lost: 0 })
const p = (values: number[], at: number) => (values.length ? percentile(values, at) : NaN)
const summary = (values: number[]) => `p50 ${p(values, 50).toFixed(1)} ms, p99 ${p(values, 99).toFixed(1)} ms`

export async function benchMapFanout(): Promise<BenchResult> {
  const { app, people, student, stop } = await startDemoApp()
  const streams: SseClient[] = []
  const pgClients: pg.Client[] = []
  try {
    const mapId = await createGroupMap(people, 'Bench map: live fan-out')
    // A person may hold MAX_STREAMS_PER_USER streams open: the clients are a few students' tabs.
    const readers = await makeSeminarWriters(
      app.url,
      app.databaseUrl,
      await sourceOf(people.groupId),
      Math.ceil(CLIENTS / STREAMS_PER_READER),
    )

    step(
      `opening ${CLIENTS} event streams on ${app.url}/api/groups/${people.groupId}/events, ${STREAMS_PER_READER} for each of ${readers.length} students`,
    )
    const appArrivals = new Arrivals()
    const eventsUrl = `${app.url}/api/groups/${people.groupId}/events`
    for (let i = 0; i < CLIENTS; i++)
      streams.push(openStream(eventsUrl, readers[Math.floor(i / STREAMS_PER_READER)]!.cookie, mapId, appArrivals))
    await Promise.all(streams.map((stream) => stream.ready))

    // The baselines: one LISTEN connection, fanned out in memory (as lib/realtime/bus.ts does).
    const listener = new pg.Client({ connectionString: app.databaseUrl })
    const notifier = new pg.Client({ connectionString: app.databaseUrl })
    pgClients.push(listener, notifier)
    for (const client of pgClients) {
      client.on('error', () => {})
      await client.connect()
    }
    const emitter = new EventEmitter().setMaxListeners(0)
    const fanoutArrivals = new Arrivals()
    const singleArrivals = new Arrivals()
    const fanoutReceived: Map<number, number>[] = []
    const singleReceived = new Map<number, number>()
    for (let i = 0; i < CLIENTS; i++) {
      const received = new Map<number, number>()
      fanoutReceived.push(received)
      emitter.on(people.groupId, (notice: { event: { type: string; mapId: string; seq: number } }) => {
        if (notice.event.type !== 'map.changed' || notice.event.mapId !== mapId) return
        received.set(notice.event.seq, performance.now())
        fanoutArrivals.arrived(notice.event.seq)
      })
    }
    listener.on('notification', (message) => {
      if (!message.payload) return
      if (message.channel === SINGLE_CHANNEL) {
        const seq = Number(message.payload)
        singleReceived.set(seq, performance.now())
        singleArrivals.arrived(seq)
      } else if (message.channel === FANOUT_CHANNEL) {
        const notice = JSON.parse(message.payload) as { groupId: string }
        emitter.emit(notice.groupId, notice)
      }
    })
    await listener.query(`LISTEN ${FANOUT_CHANNEL}`)
    await listener.query(`LISTEN ${SINGLE_CHANNEL}`)

    const ops = operations(WARMUP_OPERATIONS + OPERATIONS)
    let mapSeq = 0
    let rawSeq = 0
    const app50 = emptySamples()
    const fanout50 = emptySamples()
    const single = emptySamples()
    const failures: string[] = []

    const applyOne = async (op: Operation, into: Samples | null) => {
      const seq = ++mapSeq
      const all = appArrivals.expect(seq, CLIENTS)
      const started = performance.now()
      const { seq: applied } = await applyMapOperation(student, { mapId, op })
      const committed = performance.now()
      if (applied !== seq)
        throw new Error(`Expected map seq ${seq}, the operation got ${applied}; is something else writing to the map?`)
      await all
      if (!into) return
      into.applied.push(committed - started)
      const arrivals = streams.map((stream) => stream.received.get(seq)).filter((at): at is number => at !== undefined)
      into.lost += CLIENTS - arrivals.length
      into.latencies.push(...arrivals.map((at) => at - started))
      into.afterCommit.push(...arrivals.map((at) => at - committed))
      if (arrivals.length) into.spread.push(Math.max(...arrivals) - Math.min(...arrivals))
    }
    const notifyFanout = async (into: Samples | null) => {
      const seq = ++rawSeq
      const all = fanoutArrivals.expect(seq, CLIENTS)
      // The same notice the app sends for a map change.
      const payload = JSON.stringify({ groupId: people.groupId, seq, event: { type: 'map.changed', mapId, seq } })
      const started = performance.now()
      await notifier.query('SELECT pg_notify($1, $2)', [FANOUT_CHANNEL, payload])
      await all
      if (!into) return
      const arrivals = fanoutReceived
        .map((received) => received.get(seq))
        .filter((at): at is number => at !== undefined)
      into.lost += CLIENTS - arrivals.length
      into.latencies.push(...arrivals.map((at) => at - started))
      if (arrivals.length) into.spread.push(Math.max(...arrivals) - Math.min(...arrivals))
    }
    const notifySingle = async (into: Samples | null) => {
      const seq = ++rawSeq
      const arrived = singleArrivals.expect(seq, 1)
      const started = performance.now()
      await notifier.query('SELECT pg_notify($1, $2)', [SINGLE_CHANNEL, String(seq)])
      if (!(await arrived)) {
        if (into) into.lost++
        return
      }
      into?.latencies.push(singleReceived.get(seq)! - started)
    }

    step(`warm-up: ${WARMUP_OPERATIONS} operations and notifies of each kind, not counted`)
    for (let i = 0; i < WARMUP_OPERATIONS; i++) {
      await applyOne(ops[i]!, null)
      await notifyFanout(null)
      await notifySingle(null)
    }
    const perBlock = OPERATIONS / BLOCKS
    for (let block = 0; block < BLOCKS; block++) {
      step(
        `block ${block + 1}/${BLOCKS}: ${perBlock} operations to ${CLIENTS} streams, ${perBlock} notifies fanned out in memory, ${perBlock} single`,
      )
      for (let i = 0; i < perBlock; i++) await applyOne(ops[WARMUP_OPERATIONS + block * perBlock + i]!, app50)
      for (let i = 0; i < perBlock; i++) await notifyFanout(fanout50)
      for (let i = 0; i < perBlock; i++) await notifySingle(single)
    }

    for (const [i, stream] of streams.entries())
      for (const problem of stream.problems) failures.push(`stream ${i + 1}: ${problem}`)
    if (app50.lost)
      failures.push(
        `${app50.lost} of ${OPERATIONS * CLIENTS} app deliveries did not arrive within ${DELIVERY_TIMEOUT_MS / 1000} s`,
      )
    if (fanout50.lost)
      failures.push(`${fanout50.lost} of ${OPERATIONS * CLIENTS} baseline fan-out deliveries did not arrive`)
    if (single.lost) failures.push(`${single.lost} of ${OPERATIONS} single NOTIFY round trips did not arrive`)
    const mismatch = await logMismatch(mapId)
    if (mismatch) failures.push(mismatch)

    const appP99 = p(app50.latencies, 99)
    const label = `${CLIENTS} SSE clients × ${OPERATIONS} ops: delivery`
    const rows: Row[] = [
      { name: `${label} p50`, unit: 'ms', figure: p(app50.latencies, 50), baseline: p(fanout50.latencies, 50) },
      { name: `${label} p99`, unit: 'ms', figure: appP99, baseline: p(fanout50.latencies, 99) },
      {
        name: `${label} p50 vs 1 raw NOTIFY→LISTEN`,
        unit: 'ms',
        figure: p(app50.latencies, 50),
        baseline: p(single.latencies, 50),
      },
      { name: `${label} p99 vs 1 raw NOTIFY→LISTEN`, unit: 'ms', figure: appP99, baseline: p(single.latencies, 99) },
    ]
    const notes = [
      `target: delivery p99 under ${TARGET_P99_MS} ms: ${appP99 < TARGET_P99_MS ? 'met' : 'MISSED'} (${appP99.toFixed(1)} ms over ${app50.latencies.length} deliveries)`,
      `app: applyMapOperation until it returned (committed) ${summary(app50.applied)}; returned → stream ${summary(app50.afterCommit)}; first to last stream of one operation ${summary(app50.spread)}`,
      `baseline: pg_notify → 1 LISTEN connection → ${CLIENTS} in-process subscribers ${summary(fanout50.latencies)} (${fanout50.latencies.length} deliveries); single NOTIFY→LISTEN ${summary(single.latencies)} (${single.latencies.length})`,
    ]
    notes.push(loadAverageNote())
    return withServerLog(
      {
        name: 'map-fanout',
        rows,
        notes,
        failures,
        details: { clients: CLIENTS, operations: OPERATIONS, app: app50, fanout: fanout50, single },
      },
      app.logFile,
    )
  } finally {
    for (const stream of streams) stream.close()
    for (const client of pgClients) await client.end().catch(() => {})
    await stop()
  }
}
