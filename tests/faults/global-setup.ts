// Fault tests run the production build: build it if the sources changed (a no-op right after the
// end-to-end tests). The run gets a data directory with one initdb'd cluster that each test
// copies. At the end, anything a failed or timed-out test left running is ended, then the
// directory is removed.
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildIfNeeded } from '../../scripts/build-if-needed'
import { removeEmbeddedData, startEmbeddedPostgres } from '../../scripts/embedded-postgres'
import { anyFreePort } from '../../scripts/ports'
import { endRecordedProcesses } from './harness/processes'

declare module 'vitest' {
  export interface ProvidedContext {
    faultsDir: string
  }
}

// Each test copies this cluster (see harness/database.ts).
const TEMPLATE = 'template'

export default async function setup(project: TestProject) {
  buildIfNeeded(process.env, (line) => console.log(`[faults] ${line}`))
  const dir = resolve('.data', 'faults', String(process.pid))
  removeEmbeddedData(dir)
  mkdirSync(dir, { recursive: true })
  const template = await startEmbeddedPostgres({
    dir: join(dir, TEMPLATE),
    port: await anyFreePort(),
    database: 'colloquy',
  })
  await template.stop()
  project.provide('faultsDir', dir)
  return () => {
    const ended = endRecordedProcesses(dir)
    if (ended) console.warn(`[faults] ended ${ended} server(s) a test left running`)
    removeEmbeddedData(dir)
  }
}
