// The topology test runs the production build, with PostgreSQL 15, pgbouncer and haproxy from
// Debian's packages. Without them it stops with what to install (in CI, `.ci/run` installs them).
// Anything a failed test leaves running is ended at the end.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildIfNeeded } from '../../scripts/build-if-needed'
import { endRecordedProcesses } from '../faults/harness/processes'
import { missingTools, PACKAGES } from './harness/services'

declare module 'vitest' {
  export interface ProvidedContext {
    topologyDir: string
  }
}

export default function setup(project: TestProject) {
  const missing = missingTools()
  if (missing.length) {
    throw new Error(
      `The topology test needs ${missing.join(', ')}: on Debian or Ubuntu, apt-get install ${PACKAGES.join(' ')}`,
    )
  }
  buildIfNeeded(process.env, (line) => console.log(`[topology] ${line}`))
  // In /tmp and open to enter, so the database and pooler (run as the postgres user under root) reach it.
  const dir = mkdtempSync(join(tmpdir(), 'colloquy-topology-'))
  chmodSync(dir, 0o755)
  project.provide('topologyDir', dir)
  return () => {
    const ended = endRecordedProcesses(dir)
    if (ended) console.warn(`[topology] ended ${ended} process(es) a test left running`)
    rmSync(dir, { recursive: true, force: true })
  }
}
