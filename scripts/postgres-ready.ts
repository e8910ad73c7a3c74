// Whether a PostgreSQL server, or a pooler in front of one, accepts a connection now: the probe
// polled while one starts, by the embedded database and by the topology test's services.
import pg from 'pg'

/** One attempt, given a second: a refusal or a timeout answers false, never throws. */
export async function acceptsConnection(config: pg.ClientConfig): Promise<boolean> {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 1_000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    await client.end().catch(() => {})
    return false
  }
}
