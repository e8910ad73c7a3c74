// The start every browser and live benchmark shares: the app on the demo seminar, this process on
// the same database, and the demo seminar's people.
import { startBenchApp } from './app-server'
import { connectToBenchDatabase, demoPeople } from './map-db'
import { stopChild } from './processes'

/**
 * Starts the app and connects lib/db here to its database; the caller calls `stop` when done (the
 * connection closes, then the app stops). A failure on the way stops what had started.
 */
export async function startDemoApp() {
  const app = await startBenchApp()
  const release = connectToBenchDatabase(app.databaseUrl)
  const stop = async () => {
    await release()
    await stopChild(app.child)
  }
  try {
    const people = await demoPeople()
    return { app, stop, people, student: people.students[0]! }
  } catch (error) {
    await stop()
    throw error
  }
}
