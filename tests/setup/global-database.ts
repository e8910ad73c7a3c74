// Starts one PostgreSQL server for the whole run and a migrated template database that each
// test file clones (fast, and every file starts from a fresh schema).
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { removeEmbeddedData, startEmbeddedPostgres, type EmbeddedDatabase } from '../../scripts/embedded-postgres'
import { applyMigrations } from '../../scripts/migrate'
import { anyFreePort } from '../../scripts/ports'

export const TEMPLATE_DB = 'colloquy_test_template'

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string
  }
}

let server: EmbeddedDatabase | undefined

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) {
    // A directory and port of its own, so test runs never collide.
    const dir = `.data/test/${process.pid}`
    removeEmbeddedData(dir)
    server = await startEmbeddedPostgres({ dir, port: await anyFreePort(), database: 'postgres' })
    adminUrl = server.url
  }
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`)
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`)
  await admin.end()
  await applyMigrations(withDatabase(adminUrl, TEMPLATE_DB))
  project.provide('adminDatabaseUrl', adminUrl)
  return async () => {
    await server?.stop()
    if (server) removeEmbeddedData(`.data/test/${process.pid}`)
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}
