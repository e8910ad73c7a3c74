// The start every browser and live benchmark shares: the app on the demo seminar, this process on
// the same database, and the demo seminar's people.
import { startBenchApp } from './app-server'
import { connectToBenchDatabase, demoPeople } from './map-db'
import type { Child } from './processes'

/**
 * Starts the app (its process joins `children`, for the caller to stop) and connects lib/db here to
 * its database; the caller calls `release` when done. A failure after connecting releases at once.
 */
export async function startDemoApp(children: Child[]) {
  const app = await startBenchApp()
  children.push(app.child)
  const release = connectToBenchDatabase(app.databaseUrl)
  try {
    const people = await demoPeople()
    return { app, release, people, student: people.students[0]! }
  } catch (error) {
    await release()
    throw error
  }
}
