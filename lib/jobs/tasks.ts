// The tasks that run in job worker threads (lib/jobs/worker.mjs), by name, each loaded on first
// use. A task is a pure module: data in, data out, no Prisma, no Next, no 'server-only' imports.
import type { TaskRegistry } from './runner'

export const TASKS = {
  'render-map-picture': () => import('./tasks/render-map-picture'),
  'render-map-pdf': () => import('./tasks/render-map-pdf'),
  'check-backup': () => import('./tasks/check-backup'),
  'find-routes': () => import('./tasks/find-routes'),
  reanchor: () => import('./tasks/reanchor'),
  'parse-archive': () => import('./tasks/parse-archive'),
  'parse-upload': () => import('./tasks/parse-upload'),
} satisfies TaskRegistry
