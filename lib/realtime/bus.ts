// One LISTEN connection per app process, fanned out in memory to the live streams of each group.
// It reconnects by itself; after a reconnect every subscriber is told to catch up from the log.
import { EventEmitter } from 'node:events'
import pg from 'pg'
import { directDatabaseUrl } from '@/lib/env'
import { log } from '@/lib/log'
import { CHANNEL, type Notice } from './events'

export type BusMessage = { kind: 'notice'; notice: Notice } | { kind: 'resync' }

class Bus {
  private readonly emitter = new EventEmitter()
  private client: pg.Client | undefined
  private connecting: Promise<void> | undefined
  private retryMs = 250

  constructor() {
    this.emitter.setMaxListeners(0)
  }

  subscribe(groupId: string, listener: (message: BusMessage) => void): () => void {
    void this.ensureConnected()
    this.emitter.on(groupId, listener)
    this.emitter.on('*', listener)
    return () => {
      this.emitter.off(groupId, listener)
      this.emitter.off('*', listener)
    }
  }

  /** Resolves once this process is listening (or the attempt failed and a retry is scheduled). */
  listening(): Promise<void> {
    return this.ensureConnected()
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve()
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined))
    return this.connecting
  }

  private async connect(): Promise<void> {
    // Bounded, so a stream waiting for the bus never hangs on an unreachable server. LISTEN needs
    // a session of its own: never through a pooler in transaction mode.
    const client = new pg.Client({ connectionString: directDatabaseUrl(), connectionTimeoutMillis: 5_000 })
    const lost = (error?: Error) => {
      if (this.client !== client) return
      log.warn({ err: error }, 'Live event connection lost; reconnecting')
      this.client = undefined
      client.removeAllListeners()
      client.end().catch(() => {})
      setTimeout(() => void this.reconnect(), this.retryMs)
      this.retryMs = Math.min(this.retryMs * 2, 5_000)
    }
    client.on('error', lost)
    client.on('end', () => lost())
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return
      const notice = JSON.parse(message.payload) as Notice
      this.emitter.emit(notice.groupId, { kind: 'notice', notice } satisfies BusMessage)
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${CHANNEL}`)
      this.client = client
      this.retryMs = 250
    } catch (error) {
      log.warn({ err: error, retryMs: this.retryMs }, 'Could not listen for live events; retrying')
      client.removeAllListeners()
      client.on('error', () => {})
      setTimeout(() => void this.reconnect(), this.retryMs)
      this.retryMs = Math.min(this.retryMs * 2, 5_000)
    }
  }

  private async reconnect(): Promise<void> {
    if (this.emitter.listenerCount('*') === 0) return
    await this.ensureConnected()
    // Notices sent while we were away are lost: subscribers re-read the log.
    if (!this.client) return
    log.info('Listening for live events again')
    this.emitter.emit('*', { kind: 'resync' } satisfies BusMessage)
  }
}

const store = globalThis as unknown as { colloquyBus?: Bus }
export const bus = (store.colloquyBus ??= new Bus())
